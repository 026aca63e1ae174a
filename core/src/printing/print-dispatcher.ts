import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from 'pino';
import { withSql } from '../db/direct-sql';
import { forkEm } from '../db/orm';
import { PrinterSendError, type PrinterSender } from './escpos-link';
import { parsePrintDocument } from './print-document';
import {
  claimPrintJob,
  deletePrintedJobs,
  markJobFailed,
  markJobPrinted,
  printersOfStore,
  recordPrinterContact,
  unprintedJobs,
  type PrinterRoute,
  type QueuedJob,
} from './print-job.repository';
import { renderEscpos } from './ticket-render';

/** Tries on the main printer before a job goes to the duty's backup. */
export const MAIN_PRINTER_ATTEMPTS = 3;
/** The longest wait between two tries of a job whose printers are all down. */
const MAX_RETRY_DELAY_MS = 60_000;
/** Printed jobs are kept this long (the board's alerts look back an hour), then deleted. */
export const PRINTED_JOB_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** How often a dispatcher deletes old printed jobs. */
const PRUNE_EVERY_MS = 3600 * 1000;

export interface PrintDispatcherOptions {
  send: PrinterSender;
  /** Bounds one conversation step with a printer; the claim's lease is sized from it. */
  printerTimeoutMs: number;
  /** Wait between tries on the main printer; doubles once both printers failed. */
  retryMs: number;
  /** How often the queue is looked at without a kick. */
  pollMs: number;
  logger: Logger;
  now?: () => Date;
}

/**
 * Drains the print queue: each duty's jobs (a station's tickets, the counter's bills) in the order they were
 * made, one at a time, so a printer that comes back prints its backlog in order; a job that fails holds its
 * duty's queue (retried after `retryMs`, then sent to the backup after `MAIN_PRINTER_ATTEMPTS` tries, then
 * alternating with backoff). Duties and stores run side by side, and nothing here is on a request path: a
 * printer that does not answer delays only its own tickets.
 *
 * **Printed once, not lost.** A TCP 9100 printer has no idempotency key: once bytes leave, nothing can take
 * them back, and nothing can ask it later what it printed. So each send is bracketed by two commits:
 * 1. claim — `sending`, with a lease, committed *before* the first byte leaves;
 * 2. the printer's real-time status answer is awaited *before* the ticket's bytes are written (a printer that
 *    is off or offline fails here, certainly unprinted);
 * 3. the ticket, then the printer's answer to the closing `GS r 1` (it has processed every byte);
 * 4. `printed`, committed.
 * A crash (kill -9) before step 3 leaves a `sending` job whose lease runs out; another dispatcher takes it and
 * prints it — the only copy. A crash inside step 3–4 (a few milliseconds: the printer's answer and one
 * UPDATE) can't be told apart from one before it: there the choice is **at least once**. The job is sent again
 * with a "재전송 · 중복 가능 / RESENT: MAY BE A DUPLICATE" banner and flagged on the board, because a lost
 * kitchen ticket is a dish never cooked while a marked duplicate is thrown away at a glance. The same holds
 * for a printer that took the bytes but never answered. A job is never sent again once `printed` committed,
 * and there is one job per order and station (`print_job.dedupe_key`), so redelivered `order.paid` events
 * print nothing twice.
 */
export class PrintDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private lastPrune = 0;

  constructor(
    private readonly orm: MikroORM,
    private readonly options: PrintDispatcherOptions,
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Looks at the queue now (new jobs were just committed); runs coalesce. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runOnce()
      .then(() => undefined)
      .catch((err: unknown) => this.options.logger.error({ err }, 'print dispatcher run failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Waits for the run in progress (its sends finish or time out) and stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass over the queue: every duty whose first job is due sends until it is empty or a send fails. Returns jobs printed. */
  async runOnce(): Promise<number> {
    if (this.now().getTime() - this.lastPrune >= PRUNE_EVERY_MS) await this.prune();
    const jobs = await withSql(forkEm(this.orm), (sql) => unprintedJobs(sql, 500));
    const queues = new Map<string, QueuedJob[]>();
    for (const job of jobs) {
      const key = `${job.storeId}|${job.duty}`;
      const queue = queues.get(key);
      if (queue) queue.push(job);
      else queues.set(key, [job]);
    }
    const printed = await Promise.all([...queues.values()].map((queue) => this.drain(queue)));
    return printed.reduce((a, b) => a + b, 0);
  }

  /** Deletes printed jobs older than `PRINTED_JOB_RETENTION_MS`; unprinted ones are never deleted. Returns how many. */
  async prune(): Promise<number> {
    this.lastPrune = this.now().getTime();
    return withSql(forkEm(this.orm), (sql) => deletePrintedJobs(sql, new Date(this.lastPrune - PRINTED_JOB_RETENTION_MS)));
  }

  private async drain(queue: readonly QueuedJob[]): Promise<number> {
    let printed = 0;
    for (const job of queue) {
      const outcome = await this.attempt(job);
      if (outcome !== 'printed') break;
      printed += 1;
    }
    return printed;
  }

  private async attempt(job: QueuedJob): Promise<'printed' | 'not-due' | 'failed'> {
    const now = this.now();
    const due = job.status === 'pending' ? job.nextAttemptAt <= now : job.leaseUntil !== null && job.leaseUntil < now;
    if (!due) return 'not-due';
    const claimToken = randomUUID();
    // Longer than any send can take (connect + status + print answers), so a live dispatcher never loses its claim.
    const leaseUntil = new Date(now.getTime() + 4 * this.options.printerTimeoutMs + 1000);
    const em = forkEm(this.orm);
    const claimed = await withSql(em, (sql) => claimPrintJob(sql, { id: job.id, claimToken, now, leaseUntil }));
    if (!claimed) return 'not-due';
    const attempt = job.attempts + 1;
    const maybeDuplicate = job.maybeDuplicate || job.status === 'sending';
    const printers = await withSql(em, (sql) => printersOfStore(sql, job.storeId));
    const route = pickPrinter(printers, job.duty, attempt);
    if (!route) {
      await withSql(em, (sql) =>
        markJobFailed(sql, {
          id: job.id,
          claimToken,
          printerId: null,
          error: 'no printer is set up for this station',
          nextAttemptAt: this.retryAt(attempt),
          maybeDuplicate: false,
        }),
      );
      return 'failed';
    }
    const bytes = renderEscpos(parsePrintDocument(job.document), { reprint: job.kind === 'reprint', maybeDuplicate });
    try {
      await this.options.send(route.printer, bytes);
    } catch (err) {
      const error = err instanceof PrinterSendError ? err.message : String(err);
      const bytesSent = err instanceof PrinterSendError ? err.bytesSent : true;
      this.options.logger.warn({ jobId: job.id, printer: route.printer.name, attempt, error }, 'print job not printed; will retry');
      await withSql(em, async (sql) => {
        await recordPrinterContact(sql, route.printer.id, { ok: false, error }, this.now());
        await markJobFailed(sql, {
          id: job.id,
          claimToken,
          printerId: route.printer.id,
          error,
          nextAttemptAt: this.retryAt(attempt),
          maybeDuplicate: bytesSent,
        });
      });
      return 'failed';
    }
    await withSql(em, async (sql) => {
      await markJobPrinted(sql, { id: job.id, claimToken, printerId: route.printer.id, onBackup: route.onBackup, now: this.now() });
      await recordPrinterContact(sql, route.printer.id, { ok: true }, this.now());
    });
    return 'printed';
  }

  private retryAt(attempt: number): Date {
    const { retryMs } = this.options;
    const delay =
      attempt < MAIN_PRINTER_ATTEMPTS
        ? retryMs
        : attempt === MAIN_PRINTER_ATTEMPTS
          ? 0
          : Math.min(retryMs * 2 ** (attempt - MAIN_PRINTER_ATTEMPTS), MAX_RETRY_DELAY_MS);
    return new Date(this.now().getTime() + delay);
  }
}

/**
 * Which printer takes try number `attempt` of a duty's job: the duty's main printer (its oldest) for the first
 * `MAIN_PRINTER_ATTEMPTS` tries, then its backup and the main printer in turn (the main one may be back).
 */
export function pickPrinter(
  printers: readonly PrinterRoute[],
  duty: string,
  attempt: number,
): { printer: PrinterRoute; onBackup: boolean } | null {
  const main = printers.find((p) => p.duty === duty);
  if (!main) return null;
  const backup = main.backupPrinterId ? printers.find((p) => p.id === main.backupPrinterId && p.id !== main.id) : undefined;
  if (!backup || attempt <= MAIN_PRINTER_ATTEMPTS) return { printer: main, onBackup: false };
  return (attempt - MAIN_PRINTER_ATTEMPTS) % 2 === 1 ? { printer: backup, onBackup: true } : { printer: main, onBackup: false };
}

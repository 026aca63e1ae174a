import type { PrinterDuty, PrintJobKind } from '@hiorder/domain/printing/printing.schemas';
import type { SqlSession } from '../db/direct-sql';
import { fromDbTime } from '../db/sql';
import type { PrintJobStatus } from './print-job.entity';

/**
 * The print queue's named SQL. Every state change is one guarded statement (`where status … and claim_token
 * = ?`), so two dispatchers (several workers, or a worker and a server that restarted) can't both own a job.
 */

export interface NewPrintJob {
  id: string;
  storeId: string;
  kind: PrintJobKind;
  duty: PrinterDuty;
  dedupeKey: string;
  orderId: string | null;
  tableLabel: string;
  document: string;
  createdAt: Date;
}

/** Inserts a job unless one with its `dedupeKey` exists (the once-per-order-and-station guard). Returns whether it was new. */
export async function insertPrintJob(sql: SqlSession, job: NewPrintJob): Promise<boolean> {
  const changed = await sql.run(
    `insert into print_job (id, store_id, kind, duty, dedupe_key, order_id, table_label, document, status, attempts, next_attempt_at,
                            maybe_duplicate, on_backup, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)
     on conflict (dedupe_key) do nothing`,
    [
      job.id,
      job.storeId,
      job.kind,
      job.duty,
      job.dedupeKey,
      job.orderId,
      job.tableLabel,
      job.document,
      job.createdAt,
      false,
      false,
      job.createdAt,
    ],
  );
  return changed > 0;
}

export interface QueuedJob {
  id: string;
  storeId: string;
  kind: PrintJobKind;
  duty: PrinterDuty;
  document: string;
  status: PrintJobStatus;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil: Date | null;
  maybeDuplicate: boolean;
}

interface QueuedRow {
  id: string;
  store_id: string;
  kind: PrintJobKind;
  duty: PrinterDuty;
  document: string;
  status: PrintJobStatus;
  attempts: number | string;
  next_attempt_at: unknown;
  lease_until: unknown;
  maybe_duplicate: boolean | number;
}

/** Jobs not printed yet, oldest first (uuid v7 ids follow creation order): each duty's queue in print order. */
export async function unprintedJobs(sql: SqlSession, limit: number): Promise<QueuedJob[]> {
  const rows = await sql.all<QueuedRow>(
    `select id, store_id, kind, duty, document, status, attempts, next_attempt_at, lease_until, maybe_duplicate
       from print_job where status in ('pending', 'sending') order by created_at, id limit ?`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    storeId: r.store_id,
    kind: r.kind,
    duty: r.duty,
    document: r.document,
    status: r.status,
    attempts: Number(r.attempts),
    nextAttemptAt: fromDbTime(r.next_attempt_at),
    leaseUntil: r.lease_until === null || r.lease_until === undefined ? null : fromDbTime(r.lease_until),
    maybeDuplicate: Boolean(r.maybe_duplicate),
  }));
}

/**
 * Claims a job for one send: due and `pending`, or `sending` under a lease that ran out (its dispatcher died).
 * A job taken over from a dead dispatcher is marked `maybe_duplicate`: that one may have sent it already.
 * Returns whether this caller won the job.
 */
export async function claimPrintJob(
  sql: SqlSession,
  input: { id: string; claimToken: string; now: Date; leaseUntil: Date },
): Promise<boolean> {
  const changed = await sql.run(
    `update print_job
        set maybe_duplicate = (maybe_duplicate or status = 'sending'),
            status = 'sending', claim_token = ?, lease_until = ?, attempts = attempts + 1
      where id = ? and ((status = 'pending' and next_attempt_at <= ?) or (status = 'sending' and lease_until < ?))`,
    [input.claimToken, input.leaseUntil, input.id, input.now, input.now],
  );
  return changed > 0;
}

/** Records that the printer took the job. Returns false when the claim was lost meanwhile (lease overrun). */
export async function markJobPrinted(
  sql: SqlSession,
  input: { id: string; claimToken: string; printerId: string; onBackup: boolean; now: Date },
): Promise<boolean> {
  const changed = await sql.run(
    `update print_job set status = 'printed', printed_at = ?, printer_id = ?, on_backup = ?, lease_until = null, last_error = null
      where id = ? and claim_token = ? and status = 'sending'`,
    [input.now, input.printerId, input.onBackup, input.id, input.claimToken],
  );
  return changed > 0;
}

/** Puts a job back in the queue after a failed send, due again at `nextAttemptAt`. */
export async function markJobFailed(
  sql: SqlSession,
  input: { id: string; claimToken: string; printerId: string | null; error: string; nextAttemptAt: Date; maybeDuplicate: boolean },
): Promise<void> {
  await sql.run(
    `update print_job
        set status = 'pending', lease_until = null, next_attempt_at = ?, last_error = ?, printer_id = coalesce(?, printer_id),
            maybe_duplicate = (maybe_duplicate or ?)
      where id = ? and claim_token = ? and status = 'sending'`,
    [input.nextAttemptAt, input.error.slice(0, 200), input.printerId, input.maybeDuplicate, input.id, input.claimToken],
  );
}

/** Deletes printed jobs printed before `before` (the queue keeps a week of history for alerts and support). Returns how many. */
export async function deletePrintedJobs(sql: SqlSession, before: Date): Promise<number> {
  return sql.run(`delete from print_job where status = 'printed' and printed_at < ?`, [before]);
}

/** Makes a duty's waiting jobs due now (its printer answered a test page: no need to wait out the backoff). */
export async function hurryWaitingJobs(sql: SqlSession, storeId: string, duty: PrinterDuty, now: Date): Promise<void> {
  await sql.run(`update print_job set next_attempt_at = ? where store_id = ? and duty = ? and status = 'pending' and next_attempt_at > ?`, [
    now,
    storeId,
    duty,
    now,
  ]);
}

export interface PrinterRoute {
  id: string;
  name: string;
  host: string;
  port: number;
  duty: PrinterDuty;
  backupPrinterId: string | null;
}

/** The store's printers, oldest first: the first printer of a duty is its main printer. */
export async function printersOfStore(sql: SqlSession, storeId: string): Promise<PrinterRoute[]> {
  const rows = await sql.all<{
    id: string;
    name: string;
    host: string;
    port: number | string;
    duty: PrinterDuty;
    backup_printer_id: string | null;
  }>('select id, name, host, port, duty, backup_printer_id from printer where store_id = ? order by created_at, id', [storeId]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    host: r.host,
    port: Number(r.port),
    duty: r.duty,
    backupPrinterId: r.backup_printer_id,
  }));
}

/** What the last contact with a printer found (the settings page and the board read it). */
export async function recordPrinterContact(
  sql: SqlSession,
  printerId: string,
  outcome: { ok: true } | { ok: false; error: string },
  now: Date,
): Promise<void> {
  if (outcome.ok) await sql.run('update printer set last_ok_at = ?, last_error = null where id = ?', [now, printerId]);
  else await sql.run('update printer set last_error_at = ?, last_error = ? where id = ?', [now, outcome.error.slice(0, 200), printerId]);
}

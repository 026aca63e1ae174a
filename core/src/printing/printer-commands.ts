import type { PrinterCreate, PrinterDto, PrinterUpdate, PrintingStatusDto } from '@hiorder/domain/printing/printing.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { DEFAULT_TIME_ZONE } from '@hiorder/domain/shared/store-time';
import { sqlOf } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';
import { Store } from '../identity/store.entity';
import { PrinterSendError, type PrinterSender } from './escpos-link';
import { PrintJob } from './print-job.entity';
import { hurryWaitingJobs, recordPrinterContact } from './print-job.repository';
import { Printer } from './printer.entity';
import { presentPrinter, presentPrintJob } from './printing.presenter';
import { renderEscpos } from './ticket-render';
import type { CommandContext } from '../command-context';

/** What every printing command receives. */

/** How long a job printed on a backup (or possibly twice) stays on the board's warnings. */
const ALERT_WINDOW_MS = 60 * 60 * 1000;

async function loadPrinter(em: EntityManager, ctx: CommandContext, id: string): Promise<Printer> {
  const printer = await em.findOne(Printer, { id, store: ctx.actor.storeId });
  if (!printer) throw new DomainError('NOT_FOUND', 'No such printer in this store.');
  return printer;
}

async function checkBackup(em: EntityManager, ctx: CommandContext, printerId: string, backupPrinterId: string | null): Promise<void> {
  if (backupPrinterId === null) return;
  if (backupPrinterId === printerId) throw new DomainError('VALIDATION_FAILED', 'A printer cannot be its own backup.');
  await loadPrinter(em, ctx, backupPrinterId);
}

async function waitingJobsByDuty(em: EntityManager, storeId: string): Promise<Map<string, number>> {
  const rows = await sqlOf(em).all<{ duty: string; n: number | string }>(
    `select duty, count(*) as n from print_job where store_id = ? and status in ('pending', 'sending') group by duty`,
    [storeId],
  );
  return new Map(rows.map((r) => [r.duty, Number(r.n)]));
}

/** Adds a printer (admin). Throws `NOT_FOUND` for a backup of another store, `VALIDATION_FAILED` for itself as backup. */
export async function createPrinter(ctx: CommandContext, input: PrinterCreate): Promise<PrinterDto> {
  return ctx.em.transactional(async (em) => {
    const id = newId();
    await checkBackup(em, ctx, id, input.backupPrinterId);
    const printer = em.create(Printer, {
      id,
      store: ctx.actor.storeId,
      name: input.name,
      host: input.host,
      port: input.port,
      duty: input.duty,
      backupPrinterId: input.backupPrinterId,
      lastOkAt: null,
      lastErrorAt: null,
      lastError: null,
      createdAt: ctx.now,
    });
    return presentPrinter(printer, 0);
  });
}

/** Changes a printer's name, address, duty or backup (admin). Throws `NOT_FOUND`, `VALIDATION_FAILED`. */
export async function updatePrinter(ctx: CommandContext, id: string, input: PrinterUpdate): Promise<PrinterDto> {
  return ctx.em.transactional(async (em) => {
    const printer = await loadPrinter(em, ctx, id);
    if (input.backupPrinterId !== undefined) {
      await checkBackup(em, ctx, id, input.backupPrinterId);
      printer.backupPrinterId = input.backupPrinterId;
    }
    if (input.name !== undefined) printer.name = input.name;
    if (input.duty !== undefined) printer.duty = input.duty;
    if (input.host !== undefined || input.port !== undefined) {
      printer.host = input.host ?? printer.host;
      printer.port = input.port ?? printer.port;
      // A new address has not been tried yet: what the old one answered says nothing about it.
      printer.lastOkAt = null;
      printer.lastErrorAt = null;
      printer.lastError = null;
    }
    const waiting = await waitingJobsByDuty(em, ctx.actor.storeId);
    return presentPrinter(printer, waiting.get(printer.duty) ?? 0);
  });
}

/** Removes a printer (admin); printers it backed up lose their backup. Waiting jobs wait for another printer of their duty. Throws `NOT_FOUND`. */
export async function deletePrinter(ctx: CommandContext, id: string): Promise<void> {
  await ctx.em.transactional(async (em) => {
    const printer = await loadPrinter(em, ctx, id);
    await em.nativeUpdate(Printer, { store: ctx.actor.storeId, backupPrinterId: id }, { backupPrinterId: null });
    em.remove(printer);
  });
}

/**
 * Prints a test page now, on this printer only, and answers what it found (admin). Not queued: the person at
 * the settings page wants to know at once. On success the duty's waiting jobs become due at once (the printer
 * is back). Throws `NOT_FOUND`, `PRINTER_UNREACHABLE` (with the reason).
 */
export async function printTestPage(ctx: CommandContext, id: string, send: PrinterSender, onJobsDue: () => void): Promise<PrinterDto> {
  const printer = await loadPrinter(ctx.em, ctx, id);
  const store = await ctx.em.findOneOrFail(Store, { id: ctx.actor.storeId });
  const bytes = renderEscpos({
    kind: 'test',
    printerName: printer.name,
    duty: printer.duty,
    host: printer.host,
    port: printer.port,
    printedAt: ctx.now.toISOString(),
    timeZone: store.timeZone || DEFAULT_TIME_ZONE,
  });
  const sql = sqlOf(ctx.em);
  try {
    await send({ host: printer.host, port: printer.port }, bytes);
  } catch (err) {
    const reason = err instanceof PrinterSendError ? err.message : String(err);
    await recordPrinterContact(sql, printer.id, { ok: false, error: reason }, new Date());
    throw new DomainError('PRINTER_UNREACHABLE', `The printer did not print the test page: ${reason}.`, { reason });
  }
  await recordPrinterContact(sql, printer.id, { ok: true }, new Date());
  await hurryWaitingJobs(sql, ctx.actor.storeId, printer.duty, new Date());
  onJobsDue();
  await ctx.em.refresh(printer);
  const waiting = await waitingJobsByDuty(ctx.em, ctx.actor.storeId);
  return presentPrinter(printer, waiting.get(printer.duty) ?? 0);
}

/**
 * The store's printers with their health, and the print jobs that need a person: waiting after a failed try,
 * or printed within the hour on a backup or possibly twice (admin, staff, kitchen: the board shows them).
 */
export async function readPrintingStatus(ctx: CommandContext): Promise<PrintingStatusDto> {
  const storeId = ctx.actor.storeId;
  const printers = await ctx.em.find(Printer, { store: storeId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  const waiting = await waitingJobsByDuty(ctx.em, storeId);
  const since = new Date(ctx.now.getTime() - ALERT_WINDOW_MS);
  const alerts = await ctx.em.find(
    PrintJob,
    {
      storeId,
      $or: [
        { status: { $in: ['pending', 'sending'] }, attempts: { $gt: 0 } },
        { status: 'printed', printedAt: { $gt: since }, $or: [{ onBackup: true }, { maybeDuplicate: true }] },
      ],
    },
    { orderBy: { createdAt: 'desc' }, limit: 50 },
  );
  const names = new Map(printers.map((p) => [p.id, p.name]));
  return {
    printers: printers.map((p) => presentPrinter(p, waiting.get(p.duty) ?? 0)),
    alerts: alerts.map((j) => presentPrintJob(j, names)),
  };
}

import type { PrinterDto, PrinterHealth, PrintJobDto } from '@hiorder/domain/printing/printing.schemas';
import { shortCode } from '@hiorder/domain/shared/ids';
import type { PrintJob } from './print-job.entity';
import type { Printer } from './printer.entity';

/** A printer's health from its last contact: an error since the last success means it is not answering. */
export function printerHealth(printer: Pick<Printer, 'lastOkAt' | 'lastError'>): PrinterHealth {
  if (printer.lastError) return 'unreachable';
  return printer.lastOkAt ? 'ok' : 'unknown';
}

export function presentPrinter(printer: Printer, waitingJobs: number): PrinterDto {
  const lastContact =
    [printer.lastOkAt, printer.lastErrorAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return {
    id: printer.id,
    name: printer.name,
    host: printer.host,
    port: printer.port,
    duty: printer.duty,
    backupPrinterId: printer.backupPrinterId,
    health: printerHealth(printer),
    lastError: printer.lastError,
    lastContactAt: lastContact?.toISOString() ?? null,
    waitingJobs,
  };
}

export function presentPrintJob(job: PrintJob, printerNames: ReadonlyMap<string, string>): PrintJobDto {
  return {
    id: job.id,
    kind: job.kind,
    duty: job.duty,
    orderId: job.orderId,
    orderShortCode: job.orderId ? shortCode(job.orderId) : null,
    tableLabel: job.tableLabel,
    state: job.status === 'printed' ? 'printed' : 'waiting',
    attempts: job.attempts,
    lastError: job.lastError,
    printerName: job.printerId ? (printerNames.get(job.printerId) ?? null) : null,
    onBackup: job.onBackup,
    maybeDuplicate: job.maybeDuplicate,
    createdAt: job.createdAt.toISOString(),
    printedAt: job.printedAt?.toISOString() ?? null,
  };
}

import type { PrinterDuty, PrintJobKind } from '@hiorder/domain/printing/printing.schemas';
import { EntitySchema } from '@mikro-orm/core';

/** `pending` (to print, from `nextAttemptAt`), `sending` (claimed by a dispatcher until `leaseUntil`), `printed`. */
export type PrintJobStatus = 'pending' | 'sending' | 'printed';

/**
 * One ticket to print: an order's lines of one station, a reprint, or a table's bill. The row is the durable
 * queue entry and the printed-once guard at the same time: `dedupeKey` is unique (`ticket:<order>:<station>`),
 * so however often `order.paid` is delivered there is one job per order and station; the dispatcher claims it
 * (`sending`, committed before a byte leaves) and marks it `printed` after the printer answered. Why this
 * order, and what a crash in between does, is told in `print-dispatcher.ts`. `document` is the ticket's content
 * (JSON, fixed when the job is made) so a reprint an hour later shows what was ordered, not today's menu names.
 */
export class PrintJob {
  id!: string;
  storeId!: string;
  kind!: PrintJobKind;
  duty!: PrinterDuty;
  dedupeKey!: string;
  orderId!: string | null;
  tableLabel!: string;
  document!: string;
  status!: PrintJobStatus;
  attempts!: number;
  nextAttemptAt!: Date;
  leaseUntil!: Date | null;
  claimToken!: string | null;
  /** Sent again after a dispatcher died while `sending`: the printer may have printed the first copy. */
  maybeDuplicate!: boolean;
  printerId!: string | null;
  onBackup!: boolean;
  lastError!: string | null;
  createdAt!: Date;
  printedAt!: Date | null;
}

export const PrintJobSchema = new EntitySchema<PrintJob>({
  class: PrintJob,
  tableName: 'print_job',
  properties: {
    id: { type: 'uuid', primary: true },
    storeId: { type: 'uuid' },
    kind: { type: 'string', length: 10 },
    duty: { type: 'string', length: 20 },
    dedupeKey: { type: 'string', length: 120, unique: true },
    orderId: { type: 'uuid', nullable: true },
    tableLabel: { type: 'string', length: 40 },
    document: { type: 'text' },
    status: { type: 'string', length: 10 },
    attempts: { type: 'integer', default: 0 },
    nextAttemptAt: { type: 'datetime' },
    leaseUntil: { type: 'datetime', nullable: true },
    claimToken: { type: 'uuid', nullable: true },
    maybeDuplicate: { type: 'boolean', default: false },
    printerId: { type: 'uuid', nullable: true },
    onBackup: { type: 'boolean', default: false },
    lastError: { type: 'string', length: 200, nullable: true },
    createdAt: { type: 'datetime' },
    printedAt: { type: 'datetime', nullable: true },
  },
  indexes: [{ properties: ['status', 'storeId', 'duty'] }, { properties: ['storeId', 'createdAt'] }, { properties: ['orderId'] }],
});

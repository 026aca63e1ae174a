import { StoreSettingsSchema } from '@hiorder/domain/identity/store.schemas';
import { billOf } from '@hiorder/domain/ordering/bill';
import { PAID_STATUSES } from '@hiorder/domain/ordering/order-lifecycle';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { PrinterDuty, PrintJobsQueuedDto, Reprint } from '@hiorder/domain/printing/printing.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { DEFAULT_TIME_ZONE } from '@hiorder/domain/shared/store-time';
import { sqlTransaction, type SqlSession } from '../db/direct-sql';
import { storeTimeZone } from '../identity/store.repository';
import { openVisitId, readOrder } from '../ordering/order.repository';
import { presentOrder } from '../ordering/order.presenter';
import type { Bill } from './print-document';
import { PrintJob } from './print-job.entity';
import { insertPrintJob, type NewPrintJob } from './print-job.repository';
import { presentPrintJob } from './printing.presenter';
import type { CommandContext } from '../command-context';
import { stationTicketsOf } from './printing.processor';

async function dutiesWithPrinter(sql: SqlSession, storeId: string): Promise<Set<string>> {
  return new Set((await sql.all<{ duty: string }>('select distinct duty from printer where store_id = ?', [storeId])).map((r) => r.duty));
}

async function presentQueued(ctx: CommandContext, ids: readonly string[]): Promise<PrintJobsQueuedDto> {
  const jobs = await ctx.em.fork().find(PrintJob, { id: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  return { jobs: jobs.map((j) => presentPrintJob(j, new Map())) };
}

/**
 * Prints a paid order's station tickets again, marked "재출력 REPRINT" (admin, staff, kitchen: from the board).
 * `station` picks one; left out, every station of the order that has a printer. Queued like any ticket
 * (in order behind its station's waiting jobs). Throws `NOT_FOUND`, `INVALID_STATE` (not paid),
 * `NO_PRINTER` (no printer for those stations).
 */
export async function reprintOrder(ctx: CommandContext, orderId: string, input: Reprint): Promise<PrintJobsQueuedDto> {
  const storeId = ctx.actor.storeId;
  const ids = await sqlTransaction(ctx.em, async (sql) => {
    const stored = await readOrder(sql, { id: orderId, storeId });
    if (!stored) throw new DomainError('NOT_FOUND', 'No such order in this store.');
    if (!PAID_STATUSES.includes(stored.order.status))
      throw new DomainError('INVALID_STATE', `An order that is ${stored.order.status} has no kitchen ticket to reprint.`);
    const duties = await dutiesWithPrinter(sql, storeId);
    const timeZone = (await storeTimeZone(sql, storeId)) ?? DEFAULT_TIME_ZONE;
    const tickets = stationTicketsOf(presentOrder(stored.order, stored.lines), timeZone).filter(
      (t) => duties.has(t.station) && (input.station === undefined || t.station === input.station),
    );
    if (tickets.length === 0) throw new DomainError('NO_PRINTER', 'No printer is set up for this order’s stations.');
    const queued: string[] = [];
    for (const ticket of tickets) {
      const job = newJob(storeId, 'reprint', ticket.station, orderId, stored.order.tableLabel, JSON.stringify(ticket), ctx.now);
      await insertPrintJob(sql, job);
      queued.push(job.id);
    }
    return queued;
  });
  return presentQueued(ctx, ids);
}

/** The bill's footer from the store's settings JSON (a string on SQLite, parsed already on PostgreSQL). */
function receiptFooterOf(settings: unknown): string {
  const parsed = StoreSettingsSchema.shape.receiptFooter.safeParse(
    (typeof settings === 'string' ? (JSON.parse(settings) as Record<string, unknown>) : (settings as Record<string, unknown> | null))
      ?.receiptFooter,
  );
  return parsed.success ? parsed.data : '';
}

/**
 * Prints a table's bill for its open visit on the counter printer (admin, staff; the table operations use it): the
 * visit's bill as domain's `billOf` makes it for the board and the tablet — lines, what was paid by which method,
 * refunds and what is still owed — and the orders' numbers. Throws `NOT_FOUND` (table), `INVALID_STATE` (no open
 * visit, or nothing on its bill), `NO_PRINTER` (no counter printer).
 */
export async function printTableBill(ctx: CommandContext, tableId: string): Promise<PrintJobsQueuedDto> {
  const storeId = ctx.actor.storeId;
  const id = await sqlTransaction(ctx.em, async (sql) => {
    const tables = await sql.all<{ label: string }>('select label from dining_table where id = ? and store_id = ?', [tableId, storeId]);
    const table = tables[0];
    if (!table) throw new DomainError('NOT_FOUND', 'No such table in this store.');
    if (!(await dutiesWithPrinter(sql, storeId)).has('receipt'))
      throw new DomainError('NO_PRINTER', 'Add a counter (receipt) printer first.');
    const visitId = await openVisitId(sql, tableId);
    if (!visitId) throw new DomainError('INVALID_STATE', 'This table has no open visit.');
    const orderIds = await sql.all<{ id: string }>('select id from orders where visit_id = ? order by created_at, id', [visitId]);
    const orders: OrderDto[] = [];
    for (const { id: orderId } of orderIds) {
      const stored = await readOrder(sql, { id: orderId, storeId });
      if (stored) orders.push(presentOrder(stored.order, stored.lines));
    }
    const visitBill = billOf(orders);
    if (visitBill.lines.length === 0) throw new DomainError('INVALID_STATE', 'Nothing has been ordered in this visit yet.');
    const store = (
      await sql.all<{ name: string; time_zone: string; settings: unknown }>('select name, time_zone, settings from store where id = ?', [
        storeId,
      ])
    )[0];
    const bill: Bill = {
      kind: 'bill',
      storeName: store?.name ?? '',
      tableLabel: table.label,
      printedAt: ctx.now.toISOString(),
      timeZone: store?.time_zone || DEFAULT_TIME_ZONE,
      orderShortCodes: visitBill.shortCodes,
      lines: visitBill.lines.map((l) => ({ name: l.name.ko, qty: l.qty, unitPrice: l.unitPrice, lineTotal: l.amount })),
      payments: visitBill.payments,
      refunded: visitBill.refunded,
      leftToPay: visitBill.leftToPay,
      total: visitBill.total,
      footer: receiptFooterOf(store?.settings),
    };
    const job = newJob(storeId, 'bill', 'receipt', null, table.label, JSON.stringify(bill), ctx.now);
    await insertPrintJob(sql, job);
    return job.id;
  });
  return presentQueued(ctx, [id]);
}

function newJob(
  storeId: string,
  kind: 'reprint' | 'bill',
  duty: PrinterDuty,
  orderId: string | null,
  tableLabel: string,
  document: string,
  now: Date,
): NewPrintJob {
  const id = newId();
  // Staff asked for this copy: a key of its own, so it is never mistaken for the order's first ticket.
  return { id, storeId, kind, duty, dedupeKey: `${kind}:${id}`, orderId, tableLabel, document, createdAt: now };
}

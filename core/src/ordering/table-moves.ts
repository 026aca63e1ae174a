import type { OrderMove, VisitMerge, VisitMove, VisitPlaceDto } from '@hiorder/domain/ordering/visit.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { sqlTransaction, type SqlSession } from '../db/direct-sql';
import { appendEvent } from '../outbox/record-event';
import { presentOrder } from './order.presenter';
import { closeVisitRow, insertVisit, lockTable, openVisitId, readOrder } from './order.repository';
import { moveOrderRows, setVisitTable, visitOrderIds } from './visit.repository';
import type { CommandContext } from '../command-context';

/**
 * 자리 이동 and 합석: visits and orders change tables. Each command takes both tables' locks — the lock every
 * placement takes first — in id order (two moves in opposite directions can't deadlock), so a placement racing a
 * move lands either in the visit before it moves (and moves with it) or in a new visit of the old table, never in
 * between. Every moved order records `order.moved` with the order as it is now, so boards, kitchen tickets and
 * tablets follow it.
 */

/**
 * Moves a table's open visit, with all its orders, to a free table of the store. Throws `NOT_FOUND` (a table not
 * in this store — another store's table is not found either), `INVALID_STATE` (same table, or no open visit to
 * move), `TABLE_OCCUPIED` (the target has an open visit: merge instead).
 */
export async function moveVisit(ctx: CommandContext, fromTableId: string, input: VisitMove): Promise<VisitPlaceDto> {
  return sqlTransaction(ctx.em, async (sql) => {
    const labels = await lockBoth(sql, ctx.actor.storeId, fromTableId, input.toTableId);
    const visitId = await requireOpenVisit(sql, fromTableId, labels.from);
    if (await openVisitId(sql, input.toTableId)) {
      throw new DomainError('TABLE_OCCUPIED', `Table ${labels.to} is occupied: merge the tables instead.`, { tableId: input.toTableId });
    }
    await setVisitTable(sql, visitId, input.toTableId);
    const to = { tableId: input.toTableId, tableLabel: labels.to, visitId };
    const orderIds = await moveOrders(sql, ctx, await visitOrderIds(sql, visitId), to, { tableId: fromTableId, visitId });
    await appendEvent(sql, {
      type: 'visit.moved',
      storeId: ctx.actor.storeId,
      aggregateId: visitId,
      payload: { visitId, fromTableId, fromTableLabel: labels.from, toTableId: input.toTableId, toTableLabel: labels.to },
      now: ctx.now,
    });
    return { ...to, orderIds };
  });
}

/**
 * 합석: the open visit of `fromTableId` joins the open visit of `intoTableId` — its orders move there (one bill)
 * and it closes. The per-visit limits then count both parties' orders: what both already ordered stays, a further
 * order of a once-per-visit menu is refused. Throws `NOT_FOUND`, `INVALID_STATE` (same table, or either table
 * without an open visit: move instead).
 */
export async function mergeVisits(ctx: CommandContext, fromTableId: string, input: VisitMerge): Promise<VisitPlaceDto> {
  return sqlTransaction(ctx.em, async (sql) => {
    const labels = await lockBoth(sql, ctx.actor.storeId, fromTableId, input.intoTableId);
    const fromVisitId = await requireOpenVisit(sql, fromTableId, labels.from);
    const intoVisitId = await openVisitId(sql, input.intoTableId);
    if (!intoVisitId) throw new DomainError('INVALID_STATE', `Table ${labels.to} has no open visit: move the table instead.`);
    const into = { tableId: input.intoTableId, tableLabel: labels.to, visitId: intoVisitId };
    await moveOrders(sql, ctx, await visitOrderIds(sql, fromVisitId), into, { tableId: fromTableId, visitId: fromVisitId });
    await closeVisitRow(sql, fromVisitId, ctx.now);
    await appendEvent(sql, {
      type: 'visit.merged',
      storeId: ctx.actor.storeId,
      aggregateId: intoVisitId,
      payload: {
        fromVisitId,
        intoVisitId,
        fromTableId,
        fromTableLabel: labels.from,
        intoTableId: input.intoTableId,
        intoTableLabel: labels.to,
      },
      now: ctx.now,
    });
    return { ...into, orderIds: await visitOrderIds(sql, intoVisitId) };
  });
}

/**
 * Moves one order of an open visit to another table: into its open visit, or a new one when the table is free.
 * Throws `NOT_FOUND` (order or table not in this store), `INVALID_STATE` (same table, or the order's visit is
 * closed), `CONFLICT` (the order changed table meanwhile: ask again).
 */
export async function moveOrder(ctx: CommandContext, orderId: string, input: OrderMove): Promise<VisitPlaceDto> {
  return sqlTransaction(ctx.em, async (sql) => {
    const before = await readOrder(sql, { id: orderId, storeId: ctx.actor.storeId });
    if (!before) throw new DomainError('NOT_FOUND', 'No such order.');
    const fromTableId = before.order.table.id;
    const labels = await lockBoth(sql, ctx.actor.storeId, fromTableId, input.toTableId);
    // Read again under the locks: a visit move may have taken the order elsewhere since the first read.
    const stored = await readOrder(sql, { id: orderId, storeId: ctx.actor.storeId });
    if (!stored || stored.order.table.id !== fromTableId) throw new DomainError('CONFLICT', 'The order moved meanwhile: look again.');
    const fromVisitId = stored.order.visit.id;
    if ((await openVisitId(sql, fromTableId)) !== fromVisitId)
      throw new DomainError('INVALID_STATE', 'The order belongs to a closed visit.');
    let visitId = await openVisitId(sql, input.toTableId);
    if (!visitId) {
      visitId = newId();
      await insertVisit(sql, { id: visitId, storeId: ctx.actor.storeId, tableId: input.toTableId, openedAt: ctx.now });
    }
    const to = { tableId: input.toTableId, tableLabel: labels.to, visitId };
    const orderIds = await moveOrders(sql, ctx, [orderId], to, { tableId: fromTableId, visitId: fromVisitId });
    return { ...to, orderIds };
  });
}

/** Locks both tables in id order; `NOT_FOUND` for a table not in the store, `INVALID_STATE` for the same table. */
async function lockBoth(sql: SqlSession, storeId: string, fromTableId: string, toTableId: string): Promise<{ from: string; to: string }> {
  if (fromTableId === toTableId) throw new DomainError('INVALID_STATE', 'That is the same table.');
  const labels = new Map<string, string | null>();
  for (const id of [fromTableId, toTableId].sort()) labels.set(id, await lockTable(sql, storeId, id));
  const from = labels.get(fromTableId);
  const to = labels.get(toTableId);
  if (!from || !to) throw new DomainError('NOT_FOUND', 'No such table in this store.', { tableId: from ? toTableId : fromTableId });
  return { from, to };
}

async function requireOpenVisit(sql: SqlSession, tableId: string, label: string): Promise<string> {
  const visitId = await openVisitId(sql, tableId);
  if (!visitId) throw new DomainError('INVALID_STATE', `Table ${label} has no open visit.`);
  return visitId;
}

/** Moves the orders and records `order.moved` for each, as it is after the move. */
async function moveOrders(
  sql: SqlSession,
  ctx: CommandContext,
  orderIds: readonly string[],
  to: { tableId: string; tableLabel: string; visitId: string },
  from: { tableId: string; visitId: string },
): Promise<string[]> {
  await moveOrderRows(sql, orderIds, to, ctx.now);
  for (const id of orderIds) {
    const stored = await readOrder(sql, { id });
    if (!stored) continue;
    await appendEvent(sql, {
      type: 'order.moved',
      storeId: ctx.actor.storeId,
      aggregateId: id,
      payload: { order: presentOrder(stored.order, stored.lines), fromTableId: from.tableId, fromVisitId: from.visitId },
      now: ctx.now,
    });
  }
  return [...orderIds];
}

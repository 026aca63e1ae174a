import { TO_COOK_STATUSES } from '@hiorder/domain/ordering/order-lifecycle';
import type { OrderStatus } from '@hiorder/domain/ordering/ordering.schemas';
import type { SqlSession } from '../db/direct-sql';
import { fromDbTime, placeholders } from '../db/sql';

/** Named queries about visits as a whole: what closing, the idle rule, moves and merges read. */
/** Each order of a visit with its status and total (what closing a visit checks). */
export async function visitOrderStates(
  sql: SqlSession,
  visitId: string,
): Promise<{ id: string; status: OrderStatus; total: number; updatedAt: Date }[]> {
  const rows = await sql.all<{ id: string; status: OrderStatus; total: number | string; updated_at: unknown }>(
    'select id, status, total, updated_at from orders where visit_id = ? order by created_at, id',
    [visitId],
  );
  return rows.map((r) => ({ id: r.id, status: r.status, total: Number(r.total), updatedAt: fromDbTime(r.updated_at) }));
}

export interface IdleVisitCandidate {
  visitId: string;
  tableId: string;
  storeId: string;
  idleMinutes: number;
  openedAt: Date;
  /** The latest change of any of its orders (or its opening). */
  lastActivityAt: Date;
}

/**
 * Open visits of stores with the idle rule on, whose orders are all settled (none to cook, none unpaid), oldest
 * activity first. Reached through the tables (the `(table_id, closed_at)` index), not by scanning every visit.
 */
export async function idleVisitCandidates(sql: SqlSession, limit: number): Promise<IdleVisitCandidate[]> {
  const unsettled: readonly OrderStatus[] = ['pending_payment', ...TO_COOK_STATUSES];
  const rows = await sql.all<{
    visit_id: string;
    table_id: string;
    store_id: string;
    minutes: number | string;
    opened_at: unknown;
    last_order_at: unknown;
    unsettled: number | string;
  }>(
    `select v.id as visit_id, v.table_id as table_id, s.id as store_id, s.visit_idle_close_minutes as minutes, v.opened_at as opened_at,
            max(o.updated_at) as last_order_at,
            sum(case when o.status in (${placeholders(unsettled.length)}) then 1 else 0 end) as unsettled
       from store s
       join dining_table t on t.store_id = s.id
       join visit v on v.table_id = t.id and v.closed_at is null
       left join orders o on o.visit_id = v.id
      where s.visit_idle_close_minutes is not null
      group by v.id, v.table_id, s.id, s.visit_idle_close_minutes, v.opened_at`,
    [...unsettled],
  );
  return rows
    .filter((r) => Number(r.unsettled ?? 0) === 0)
    .map((r) => {
      const openedAt = fromDbTime(r.opened_at);
      const lastOrderAt = r.last_order_at === null || r.last_order_at === undefined ? null : fromDbTime(r.last_order_at);
      return {
        visitId: r.visit_id,
        tableId: r.table_id,
        storeId: r.store_id,
        idleMinutes: Number(r.minutes),
        openedAt,
        lastActivityAt: lastOrderAt && lastOrderAt > openedAt ? lastOrderAt : openedAt,
      };
    })
    .sort((a, b) => a.lastActivityAt.getTime() - b.lastActivityAt.getTime())
    .slice(0, limit);
}

/** The ids of a visit's orders, oldest first. */
export async function visitOrderIds(sql: SqlSession, visitId: string): Promise<string[]> {
  const rows = await sql.all<{ id: string }>('select id from orders where visit_id = ? order by created_at, id', [visitId]);
  return rows.map((r) => r.id);
}

/**
 * Moves orders to a table and visit (under both tables' locks). The table label is denormalised on the order
 * (tickets and history print it), so it moves too; `updated_at` counts as activity for the idle rule, and the
 * revision moves on so boards and tablets take the moved order over the older version.
 */
export async function moveOrderRows(
  sql: SqlSession,
  orderIds: readonly string[],
  to: { tableId: string; tableLabel: string; visitId: string },
  now: Date,
): Promise<void> {
  if (orderIds.length === 0) return;
  await sql.run(
    `update orders set table_id = ?, table_label = ?, visit_id = ?, updated_at = ?, revision = revision + 1 where id in (${placeholders(orderIds.length)})`,
    [to.tableId, to.tableLabel, to.visitId, now, ...orderIds],
  );
}

/** Gives an open visit another table (a table move, under both tables' locks). */
export async function setVisitTable(sql: SqlSession, visitId: string, tableId: string): Promise<void> {
  await sql.run('update visit set table_id = ? where id = ? and closed_at is null', [tableId, visitId]);
}

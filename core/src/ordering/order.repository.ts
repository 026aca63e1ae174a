import type { Course, Station } from '@hiorder/domain/catalog/catalog.schemas';
import { HOLDING_STATUSES } from '@hiorder/domain/ordering/order-lifecycle';
import type { OrderRefundDto, OrderStatus, PaymentMethod, PaymentState } from '@hiorder/domain/ordering/ordering.schemas';
import type { SqlSession } from '../db/direct-sql';
import type { ChosenOption } from '@hiorder/domain/catalog/menu-options';
import { fromDbJson, fromDbTime, placeholders } from '../db/sql';
import type { OrderLineRecord, OrderRecord } from './order.presenter';

/**
 * Named queries of the ordering context; the conditional SQL that keeps the invariants lives here. They run on
 * a `SqlSession` (prepared statements on the driver, see db/direct-sql.ts): the caller's transaction, or
 * `sqlOf(em)` for one statement.
 */

/**
 * Takes the table's row lock for the rest of the transaction (PostgreSQL) — SQLite serialises writers anyway.
 * Placements of one table then run one at a time: the per-visit limit and the visit's creation can't race.
 * Returns false when the table is not in the store.
 */
export async function lockTable(sql: SqlSession, storeId: string, tableId: string): Promise<string | null> {
  const rows = await sql.all<{ label: string }>(
    'update dining_table set lock_version = lock_version + 1 where id = ? and store_id = ? returning label',
    [tableId, storeId],
  );
  return rows[0]?.label ?? null;
}

/**
 * What the rules need of a visit, aggregated in the database: quantity per menu and course for each status of
 * its holding orders (paid, pending, accepted, served); what staff refunded no longer counts.
 */
export async function visitHoldings(
  sql: SqlSession,
  visitId: string,
): Promise<{ status: OrderStatus; menuId: string; course: Course; qty: number }[]> {
  const rows = await sql.all<{ status: OrderStatus; menu_id: string; course: Course; qty: number | string }>(
    `select o.status as status, l.menu_id as menu_id, l.course as course, sum(l.qty - l.refunded_qty) as qty
       from orders o join order_line l on l.order_id = o.id
      where o.visit_id = ?
      group by o.status, l.menu_id, l.course`,
    [visitId],
  );
  // The status filter is applied here, not in SQL: with `status in (…)` in the query SQLite's planner walks the
  // status index (every pending order of the store) instead of the visit's few orders.
  return rows
    .filter((r) => (HOLDING_STATUSES as readonly string[]).includes(r.status))
    .map((r) => ({ status: r.status, menuId: r.menu_id, course: r.course, qty: Number(r.qty) }));
}

/**
 * The conditional, atomic decrement of rule 1: it succeeds only while enough is left, so concurrent orders can
 * never oversell (I1). Returns the stock left, or null when there wasn't enough.
 */
export async function takeStock(sql: SqlSession, menuId: string, qty: number): Promise<StockLevel | null> {
  const rows = await sql.all<{ stock: number; sold_out: unknown }>(
    'update menu set stock = stock - ? where id = ? and stock is not null and stock >= ? returning stock, sold_out',
    [qty, menuId, qty],
  );
  return stockLevel(menuId, rows);
}

export interface StockLevel {
  menuId: string;
  stock: number;
  soldOut: boolean;
}

function stockLevel(menuId: string, rows: { stock: number | null; sold_out: unknown }[]): StockLevel | null {
  const row = rows[0];
  if (rows.length !== 1 || !row || row.stock === null) return null;
  return { menuId, stock: Number(row.stock), soldOut: Boolean(row.sold_out) };
}

/** Gives stock back (compensation). Only called after a guarded transition won, so never twice. */
export async function returnStock(sql: SqlSession, menuId: string, qty: number): Promise<StockLevel | null> {
  const rows = await sql.all<{ stock: number | null; sold_out: unknown }>(
    'update menu set stock = stock + ? where id = ? and stock is not null returning stock, sold_out',
    [qty, menuId],
  );
  return stockLevel(menuId, rows);
}

export interface OrderPatch {
  status: OrderStatus;
  paymentState?: PaymentState;
  paidAt?: Date;
  paymentMethod?: PaymentMethod;
  acceptedAt?: Date;
  /** Sets `accepted_at` only when it is still empty (an order served without being accepted first). */
  acceptedAtIfUnset?: Date;
  servedAt?: Date;
  cancelledAt?: Date;
  cancelReason?: string;
}

const COLUMNS: Record<keyof OrderPatch, string> = {
  status: 'status',
  paymentState: 'payment_state',
  paidAt: 'paid_at',
  paymentMethod: 'payment_method',
  acceptedAt: 'accepted_at',
  acceptedAtIfUnset: 'accepted_at',
  servedAt: 'served_at',
  cancelledAt: 'cancelled_at',
  cancelReason: 'cancel_reason',
};

/**
 * Moves an order from one of `from` to `patch.status`, or does nothing. The `where status in (…)` guard makes
 * racing settlements (payment answer, reconciliation, expiry, staff) mutually exclusive: exactly one wins, and
 * only the winner releases stock or records the event.
 */
export async function transitionOrder(
  sql: SqlSession,
  orderId: string,
  from: readonly OrderStatus[],
  patch: OrderPatch,
  now: Date,
  onlyIfPayment?: readonly PaymentState[],
): Promise<boolean> {
  const sets: string[] = [];
  const params: unknown[] = [];
  for (const [key, value] of Object.entries(patch) as [keyof OrderPatch, unknown][]) {
    if (value === undefined) continue;
    sets.push(key === 'acceptedAtIfUnset' ? `${COLUMNS[key]} = coalesce(${COLUMNS[key]}, ?)` : `${COLUMNS[key]} = ?`);
    params.push(value);
  }
  sets.push('updated_at = ?', 'revision = revision + 1');
  params.push(now);
  const paymentGuard = onlyIfPayment ? ` and payment_state in (${placeholders(onlyIfPayment.length)})` : '';
  const changed = await sql.run(
    `update orders set ${sets.join(', ')} where id = ? and status in (${placeholders(from.length)})${paymentGuard}`,
    [...params, orderId, ...from, ...(onlyIfPayment ?? [])],
  );
  return changed === 1;
}

/**
 * Changes the payment state of a pending order, guarded like a transition. Marking `unknown` before the confirm
 * call leaves the process is what keeps expiry away from an order that may be charged.
 */
export async function setPaymentState(
  sql: SqlSession,
  orderId: string,
  from: readonly PaymentState[],
  to: PaymentState,
  now: Date,
): Promise<boolean> {
  const changed = await sql.run(
    `update orders set payment_state = ?, updated_at = ? where id = ? and status = 'pending_payment'
      and payment_state in (${placeholders(from.length)})`,
    [to, now, orderId, ...from],
  );
  return changed === 1;
}

/** An order as stored, with its lines: what the presenter and the commands after placement read. */
export interface StoredOrder {
  order: OrderRecord;
  lines: OrderLineRecord[];
}

interface OrderRow {
  id: string;
  store_id: string;
  table_id: string;
  table_label: string;
  visit_id: string;
  status: OrderStatus;
  payment_state: PaymentState;
  total: number | string;
  note: string;
  created_at: unknown;
  expires_at: unknown;
  paid_at: unknown;
  payment_method: PaymentMethod | null;
  accepted_at: unknown;
  served_at: unknown;
  cancelled_at: unknown;
  cancel_reason: string | null;
  refunded_amount: number | string;
  refunds: unknown;
  revision: number | string;
}

const maybeTime = (value: unknown): Date | null => (value === null || value === undefined ? null : fromDbTime(value));

/**
 * Reads an order and its lines, fresh from the database; `storeId` / `tableId` scope the lookup (an order of
 * another store or table is not found, I7).
 */
export async function readOrder(sql: SqlSession, where: { id: string; storeId?: string; tableId?: string }): Promise<StoredOrder | null> {
  const rows = await sql.all<OrderRow>(
    `select id, store_id, table_id, table_label, visit_id, status, payment_state, total, note, created_at, expires_at, paid_at,
            payment_method, accepted_at, served_at, cancelled_at, cancel_reason, refunded_amount, refunds, revision
       from orders where id = ? and store_id = coalesce(?, store_id) and table_id = coalesce(?, table_id)`,
    [where.id, where.storeId ?? null, where.tableId ?? null],
  );
  const row = rows[0];
  if (!row) return null;
  const lines = await sql.all<{
    id: string;
    position: number;
    menu_id: string;
    category_id: string;
    name_ko: string;
    name_en: string;
    course: Course;
    qty: number;
    unit_price: number;
    line_total: number;
    options: unknown;
    note: string;
    station: Station;
    ready_at: unknown;
    refunded_qty: number | string;
  }>(
    'select id, position, menu_id, category_id, name_ko, name_en, course, qty, unit_price, line_total, options, note, station, ready_at, refunded_qty from order_line where order_id = ? order by position',
    [row.id],
  );
  return {
    order: {
      id: row.id,
      store: { id: row.store_id },
      table: { id: row.table_id },
      visit: { id: row.visit_id },
      tableLabel: row.table_label,
      status: row.status,
      paymentState: row.payment_state,
      total: Number(row.total),
      note: row.note,
      createdAt: fromDbTime(row.created_at),
      expiresAt: fromDbTime(row.expires_at),
      paidAt: maybeTime(row.paid_at),
      paymentMethod: row.payment_method,
      acceptedAt: maybeTime(row.accepted_at),
      servedAt: maybeTime(row.served_at),
      cancelledAt: maybeTime(row.cancelled_at),
      cancelReason: row.cancel_reason,
      refundedAmount: Number(row.refunded_amount),
      refunds: fromDbJson<OrderRefundDto[]>(row.refunds),
      revision: Number(row.revision),
    },
    lines: lines.map((l) => ({
      id: l.id,
      position: Number(l.position),
      menuId: l.menu_id,
      categoryId: l.category_id,
      nameKo: l.name_ko,
      nameEn: l.name_en,
      course: l.course,
      qty: Number(l.qty),
      unitPrice: Number(l.unit_price),
      lineTotal: Number(l.line_total),
      options: fromDbJson<ChosenOption[]>(l.options),
      note: l.note,
      station: l.station,
      readyAt: maybeTime(l.ready_at),
      refundedQty: Number(l.refunded_qty),
    })),
  };
}

/** Orders whose reservation ran out: unpaid, no payment in flight, past `expiresAt`. */
export async function expiredOrderIds(sql: SqlSession, now: Date, limit: number): Promise<string[]> {
  const rows = await sql.all<{ id: string }>(
    `select id from orders where status = 'pending_payment' and payment_state in ('none', 'declined') and expires_at < ?
      order by expires_at limit ?`,
    [now, limit],
  );
  return rows.map((r) => r.id);
}

/** The order a device already placed with this idempotency key, if any (the hot path's replay check). */
export async function orderIdByKey(
  sql: SqlSession,
  deviceId: string,
  key: string,
): Promise<{ id: string; requestHash: string | null } | null> {
  const rows = await sql.all<{ id: string; request_hash: string | null }>(
    'select id, request_hash from orders where device_id = ? and idempotency_key = ?',
    [deviceId, key],
  );
  const row = rows[0];
  return row ? { id: row.id, requestHash: row.request_hash } : null;
}

/** The open visit of a table, if any. */
export async function openVisitId(sql: SqlSession, tableId: string): Promise<string | null> {
  const rows = await sql.all<{ id: string }>('select id from visit where table_id = ? and closed_at is null limit 1', [tableId]);
  return rows[0]?.id ?? null;
}

/** What placement needs of the ordered menus: the rules' view and the snapshot for the lines (plain rows, untracked). */
export interface MenuForPlacement {
  id: string;
  categoryId: string;
  station: Station;
  nameKo: string;
  nameEn: string;
  price: number;
  course: Course;
  stock: number | null;
  limitPerVisit: number | null;
  soldOut: boolean;
  hidden: boolean;
  optionGroupIds: string[];
}

export async function menusForPlacement(sql: SqlSession, storeId: string, menuIds: readonly string[]): Promise<MenuForPlacement[]> {
  if (menuIds.length === 0) return [];
  const rows = await sql.all<{
    id: string;
    category_id: string;
    station: Station;
    name_ko: string;
    name_en: string;
    price: number;
    course: Course;
    stock: number | null;
    limit_per_visit: number | null;
    sold_out: unknown;
    hidden: unknown;
    option_group_ids: unknown;
  }>(
    `select m.id, m.category_id, c.station, m.name_ko, m.name_en, m.price, m.course, m.stock, m.limit_per_visit, m.sold_out, m.hidden, m.option_group_ids
       from menu m join category c on c.id = m.category_id
      where m.store_id = ? and m.deleted_at is null and m.id in (${placeholders(menuIds.length)})`,
    [storeId, ...menuIds],
  );
  return rows.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    station: r.station,
    nameKo: r.name_ko,
    nameEn: r.name_en,
    price: Number(r.price),
    course: r.course,
    stock: r.stock === null ? null : Number(r.stock),
    limitPerVisit: r.limit_per_visit === null ? null : Number(r.limit_per_visit),
    soldOut: Boolean(r.sold_out),
    hidden: Boolean(r.hidden),
    optionGroupIds: fromDbJson<string[]>(r.option_group_ids),
  }));
}

/**
 * Writes a new order and its lines with plain inserts (two statements), inside the placement's transaction:
 * the hot path needs neither the unit of work's change tracking nor its entities.
 */
export async function insertOrder(
  sql: SqlSession,
  order: OrderRecord & { deviceId: string; idempotencyKey: string; requestHash: string; updatedAt: Date },
  lines: readonly OrderLineRecord[],
): Promise<void> {
  await sql.run(
    `insert into orders (id, store_id, table_id, table_label, visit_id, device_id, idempotency_key, request_hash, status, payment_state, total, note,
       created_at, expires_at, paid_at, accepted_at, served_at, cancelled_at, cancel_reason, revision, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      order.id,
      order.store.id,
      order.table.id,
      order.tableLabel,
      order.visit.id,
      order.deviceId,
      order.idempotencyKey,
      order.requestHash,
      order.status,
      order.paymentState,
      order.total,
      order.note,
      order.createdAt,
      order.expiresAt,
      order.paidAt,
      order.acceptedAt,
      order.servedAt,
      order.cancelledAt,
      order.cancelReason,
      order.revision,
      order.updatedAt,
    ],
  );
  await sql.run(
    `insert into order_line (id, order_id, position, menu_id, category_id, name_ko, name_en, course, qty, unit_price, line_total, options, note, station, ready_at)
     values ${lines.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    lines.flatMap((l) => [
      l.id,
      order.id,
      l.position,
      l.menuId,
      l.categoryId,
      l.nameKo,
      l.nameEn,
      l.course,
      l.qty,
      l.unitPrice,
      l.lineTotal,
      JSON.stringify(l.options),
      l.note,
      l.station,
      l.readyAt,
    ]),
  );
}

/**
 * Marks lines of an order ready (`readyAt` a time) or open again (null), only those not already so, and moves the
 * order's revision on when any changed. Returns the ids that changed: a bump sent twice changes nothing the
 * second time.
 */
export async function setLinesReady(
  sql: SqlSession,
  orderId: string,
  lineIds: readonly string[],
  readyAt: Date | null,
  now: Date,
): Promise<string[]> {
  if (lineIds.length === 0) return [];
  const stateGuard = readyAt ? 'ready_at is null' : 'ready_at is not null';
  const rows = await sql.all<{ id: string }>(
    `update order_line set ready_at = ? where order_id = ? and ${stateGuard} and id in (${placeholders(lineIds.length)}) returning id`,
    [readyAt, orderId, ...lineIds],
  );
  if (rows.length > 0) await sql.run('update orders set revision = revision + 1, updated_at = ? where id = ?', [now, orderId]);
  return rows.map((r) => r.id);
}

/** Ends a visit (staff clear the table, under the table's lock). */
export async function closeVisitRow(sql: SqlSession, visitId: string, now: Date): Promise<void> {
  await sql.run('update visit set closed_at = ? where id = ? and closed_at is null', [now, visitId]);
}

/** Opens a table's visit (placement, under the table's lock). */
export async function insertVisit(sql: SqlSession, visit: { id: string; storeId: string; tableId: string; openedAt: Date }): Promise<void> {
  await sql.run('insert into visit (id, store_id, table_id, opened_at, closed_at) values (?, ?, ?, ?, null)', [
    visit.id,
    visit.storeId,
    visit.tableId,
    visit.openedAt,
  ]);
}

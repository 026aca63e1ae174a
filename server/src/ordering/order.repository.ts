import type { Course } from '@hiorder/domain/catalog/catalog.schemas';
import { HOLDING_STATUSES } from '@hiorder/domain/ordering/order-lifecycle';
import type { OrderStatus, PaymentState } from '@hiorder/domain/ordering/ordering.schemas';
import type { EntityManager } from '../db/orm';
import { affected, dbTime, placeholders } from '../db/sql';
import { Order } from './order.entity';
import type { OrderLineRecord, OrderRecord } from './order.presenter';
import { newId } from '@hiorder/domain/shared/ids';

/** Named queries of the ordering context; the conditional SQL that keeps the invariants lives here. */

/**
 * Takes the table's row lock for the rest of the transaction (PostgreSQL) — SQLite serialises writers anyway.
 * Placements of one table then run one at a time: the per-visit limit and the visit's creation can't race.
 * Returns false when the table is not in the store.
 */
export async function lockTable(em: EntityManager, storeId: string, tableId: string): Promise<string | null> {
  const rows = await em.execute<{ label: string }[]>(
    'update dining_table set lock_version = lock_version + 1 where id = ? and store_id = ? returning label',
    [tableId, storeId],
  );
  return rows[0]?.label ?? null;
}

/**
 * What the rules need of a visit, aggregated in the database: quantity per menu and course for each status of
 * its holding orders (paid, pending, accepted, served).
 */
export async function visitHoldings(
  em: EntityManager,
  visitId: string,
): Promise<{ status: OrderStatus; menuId: string; course: Course; qty: number }[]> {
  const rows = await em.execute<{ status: OrderStatus; menu_id: string; course: Course; qty: number | string }[]>(
    `select o.status as status, l.menu_id as menu_id, l.course as course, sum(l.qty) as qty
       from orders o join order_line l on l.order_id = o.id
      where o.visit_id = ? and o.status in (${placeholders(HOLDING_STATUSES.length)})
      group by o.status, l.menu_id, l.course`,
    [visitId, ...HOLDING_STATUSES],
  );
  return rows.map((r) => ({ status: r.status, menuId: r.menu_id, course: r.course, qty: Number(r.qty) }));
}

/**
 * The conditional, atomic decrement of rule 1: it succeeds only while enough is left, so concurrent orders can
 * never oversell (I1). Returns the stock left, or null when there wasn't enough.
 */
export async function takeStock(em: EntityManager, menuId: string, qty: number): Promise<StockLevel | null> {
  const rows = await em.execute<{ stock: number; sold_out: unknown }[]>(
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
export async function returnStock(em: EntityManager, menuId: string, qty: number): Promise<StockLevel | null> {
  const rows = await em.execute<{ stock: number | null; sold_out: unknown }[]>(
    'update menu set stock = stock + ? where id = ? and stock is not null returning stock, sold_out',
    [qty, menuId],
  );
  return stockLevel(menuId, rows);
}

export interface OrderPatch {
  status: OrderStatus;
  paymentState?: PaymentState;
  paidAt?: Date;
  acceptedAt?: Date;
  servedAt?: Date;
  cancelledAt?: Date;
  cancelReason?: string;
}

const COLUMNS: Record<keyof OrderPatch, string> = {
  status: 'status',
  paymentState: 'payment_state',
  paidAt: 'paid_at',
  acceptedAt: 'accepted_at',
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
  em: EntityManager,
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
    sets.push(`${COLUMNS[key]} = ?`);
    params.push(value instanceof Date ? dbTime(em, value) : value);
  }
  sets.push('updated_at = ?');
  params.push(dbTime(em, now));
  const paymentGuard = onlyIfPayment ? ` and payment_state in (${placeholders(onlyIfPayment.length)})` : '';
  const res = await em.execute(
    `update orders set ${sets.join(', ')} where id = ? and status in (${placeholders(from.length)})${paymentGuard}`,
    [...params, orderId, ...from, ...(onlyIfPayment ?? [])],
    'run',
  );
  return affected(res) === 1;
}

/**
 * Changes the payment state of a pending order, guarded like a transition. Marking `unknown` before the confirm
 * call leaves the process is what keeps expiry away from an order that may be charged.
 */
export async function setPaymentState(
  em: EntityManager,
  orderId: string,
  from: readonly PaymentState[],
  to: PaymentState,
  now: Date,
): Promise<boolean> {
  const res = await em.execute(
    `update orders set payment_state = ?, updated_at = ? where id = ? and status = 'pending_payment'
      and payment_state in (${placeholders(from.length)})`,
    [to, dbTime(em, now), orderId, ...from],
    'run',
  );
  return affected(res) === 1;
}

/** Loads an order with its lines, fresh from the database (after a raw transition). */
export async function loadOrder(em: EntityManager, where: { id: string; store?: string; table?: string }): Promise<Order | null> {
  return em.findOne(Order, where, { populate: ['lines'], refresh: true });
}

/** Orders whose reservation ran out: unpaid, no payment in flight, past `expiresAt`. */
export async function expiredOrderIds(em: EntityManager, now: Date, limit: number): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from orders where status = 'pending_payment' and payment_state in ('none', 'declined') and expires_at < ?
      order by expires_at limit ?`,
    [dbTime(em, now), limit],
  );
  return rows.map((r) => r.id);
}

/** The order a device already placed with this idempotency key, if any (the hot path's replay check). */
export async function orderIdByKey(em: EntityManager, deviceId: string, key: string): Promise<string | null> {
  const rows = await em.execute<{ id: string }[]>('select id from orders where device_id = ? and idempotency_key = ?', [deviceId, key]);
  return rows[0]?.id ?? null;
}

/** The open visit of a table, if any. */
export async function openVisitId(em: EntityManager, tableId: string): Promise<string | null> {
  const rows = await em.execute<{ id: string }[]>('select id from visit where table_id = ? and closed_at is null limit 1', [tableId]);
  return rows[0]?.id ?? null;
}

/** What placement needs of the ordered menus: the rules' view and the snapshot for the lines (plain rows, untracked). */
export interface MenuForPlacement {
  id: string;
  categoryId: string;
  nameKo: string;
  nameEn: string;
  price: number;
  course: Course;
  stock: number | null;
  limitPerVisit: number | null;
  soldOut: boolean;
  hidden: boolean;
}

export async function menusForPlacement(em: EntityManager, storeId: string, menuIds: readonly string[]): Promise<MenuForPlacement[]> {
  if (menuIds.length === 0) return [];
  const rows = await em.execute<
    { id: string; category_id: string; name_ko: string; name_en: string; price: number; course: Course; stock: number | null; limit_per_visit: number | null; sold_out: unknown; hidden: unknown }[]
  >(
    `select id, category_id, name_ko, name_en, price, course, stock, limit_per_visit, sold_out, hidden
       from menu where store_id = ? and deleted_at is null and id in (${placeholders(menuIds.length)})`,
    [storeId, ...menuIds],
  );
  return rows.map((r) => ({
    id: r.id,
    categoryId: r.category_id,
    nameKo: r.name_ko,
    nameEn: r.name_en,
    price: Number(r.price),
    course: r.course,
    stock: r.stock === null ? null : Number(r.stock),
    limitPerVisit: r.limit_per_visit === null ? null : Number(r.limit_per_visit),
    soldOut: Boolean(r.sold_out),
    hidden: Boolean(r.hidden),
  }));
}

/**
 * Writes a new order and its lines with plain inserts (two statements), inside the placement's transaction:
 * the hot path needs neither the unit of work's change tracking nor its entities.
 */
export async function insertOrder(em: EntityManager, order: OrderRecord & { deviceId: string; idempotencyKey: string; updatedAt: Date }, lines: readonly OrderLineRecord[]): Promise<void> {
  const t = (d: Date | null) => (d ? dbTime(em, d) : null);
  await em.execute(
    `insert into orders (id, store_id, table_id, table_label, visit_id, device_id, idempotency_key, status, payment_state, total, note,
       created_at, expires_at, paid_at, accepted_at, served_at, cancelled_at, cancel_reason, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      order.id, order.store.id, order.table.id, order.tableLabel, order.visit.id, order.deviceId, order.idempotencyKey, order.status,
      order.paymentState, order.total, order.note, t(order.createdAt), t(order.expiresAt), t(order.paidAt), t(order.acceptedAt),
      t(order.servedAt), t(order.cancelledAt), order.cancelReason, t(order.updatedAt),
    ],
    'run',
  );
  await em.execute(
    `insert into order_line (id, order_id, position, menu_id, category_id, name_ko, name_en, course, qty, unit_price, line_total)
     values ${lines.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    lines.flatMap((l) => [newId(), order.id, l.position, l.menuId, l.categoryId, l.nameKo, l.nameEn, l.course, l.qty, l.unitPrice, l.lineTotal]),
    'run',
  );
}

/** Opens a table's visit (placement, under the table's lock). */
export async function insertVisit(em: EntityManager, visit: { id: string; storeId: string; tableId: string; openedAt: Date }): Promise<void> {
  await em.execute('insert into visit (id, store_id, table_id, opened_at, closed_at) values (?, ?, ?, ?, null)', [visit.id, visit.storeId, visit.tableId, dbTime(em, visit.openedAt)], 'run');
}

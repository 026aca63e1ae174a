import { PROVIDER_PAYMENT_METHOD } from '@hiorder/domain/history/history.schemas';
import { statusesBefore } from '@hiorder/domain/ordering/order-lifecycle';
import { amountLeft } from '@hiorder/domain/ordering/partial-refund';
import type { PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import { catalogVersion } from '../catalog/catalog.repository';
import type { SqlSession } from '../db/direct-sql';
import { appendEvent } from '../outbox/record-event';
import { presentOrder } from './order.presenter';
import {
  readOrder,
  returnStock,
  setPaymentState,
  transitionOrder,
  type OrderPatch,
  type StockLevel,
  type StoredOrder,
} from './order.repository';

/**
 * The one place an order changes status after placement, inside the caller's transaction: a guarded
 * transition, stock given back when the change is a compensation, and the matching event. Returns the order
 * after the change, or null when the guard lost (someone else settled it first; the caller reloads).
 */
export type StatusChange =
  | { to: 'paid'; method?: PaymentMethod }
  | { to: 'expired' }
  | { to: 'accepted' }
  | { to: 'served' }
  /**
   * `restock`: what is left of the order goes back to stock (default; not for food already cooked). `method`: how
   * the refunded order was paid, for the statistics.
   */
  | { to: 'cancelled'; reason: string; refunded: boolean; restock?: boolean; method?: PaymentMethod };

export async function changeOrderStatus(sql: SqlSession, orderId: string, change: StatusChange, now: Date): Promise<StoredOrder | null> {
  const patch: OrderPatch = { status: change.to };
  switch (change.to) {
    case 'paid':
      Object.assign(patch, { paymentState: 'done', paidAt: now, paymentMethod: change.method ?? PROVIDER_PAYMENT_METHOD });
      break;
    case 'expired':
      break;
    case 'accepted':
      // A recalled order (served → accepted) keeps the time it was first accepted.
      Object.assign(patch, { acceptedAtIfUnset: now });
      break;
    case 'served':
      // Served straight from paid (the kitchen's bump) accepts the order implicitly: it gets an accepted time too.
      Object.assign(patch, { servedAt: now, acceptedAtIfUnset: now });
      break;
    case 'cancelled':
      Object.assign(patch, { cancelledAt: now, cancelReason: change.reason, ...(change.refunded ? { paymentState: 'cancelled' } : {}) });
      break;
  }
  // Expiry must not take an order whose payment is in flight or unknown: it may be charged (I4); nor one the guest
  // will pay at the counter (staff settle or cancel it). A cancel never takes an order whose payment is in flight.
  // A split bill (`split`) is expired or cancelled only after its split closed with no share in flight
  // (payment/split/split-bills.ts#closeSplitOrder).
  const paymentGuard =
    change.to === 'expired'
      ? (['none', 'declined', 'split'] as const)
      : change.to === 'cancelled'
        ? (['none', 'declined', 'counter', 'done', 'cancelled', 'split'] as const)
        : undefined;
  if (!(await transitionOrder(sql, orderId, statusesBefore(change.to), patch, now, paymentGuard))) return null;
  const stored = await readOrder(sql, { id: orderId });
  if (!stored) return null;
  const storeId = stored.order.store.id;
  const releases = change.to === 'expired' || (change.to === 'cancelled' && change.restock !== false);
  if (releases) await releaseStock(sql, stored, now);
  const base = { storeId, aggregateId: orderId, now };
  const dto = presentOrder(stored.order, stored.lines);
  switch (change.to) {
    case 'paid':
      await appendEvent(sql, {
        ...base,
        type: 'order.paid',
        payload: { order: dto, method: dto.paymentMethod ?? PROVIDER_PAYMENT_METHOD },
      });
      break;
    case 'expired':
      await appendEvent(sql, { ...base, type: 'order.expired', payload: { order: dto } });
      break;
    case 'accepted':
      await appendEvent(sql, { ...base, type: 'order.accepted', payload: { order: dto } });
      break;
    case 'served':
      await appendEvent(sql, { ...base, type: 'order.served', payload: { order: dto } });
      break;
    case 'cancelled':
      await appendEvent(sql, {
        ...base,
        type: 'order.cancelled',
        payload: {
          order: dto,
          reason: change.reason,
          refunded: change.refunded,
          ...(change.refunded ? { amount: amountLeft(dto), method: change.method ?? 'easy_pay' } : {}),
        },
      });
      break;
  }
  return stored;
}

/**
 * Compensation: the order's counted stock goes back (what partial refunds already settled excepted), with a
 * `stock.changed` event for the tablets.
 */
async function releaseStock(sql: SqlSession, { order, lines }: StoredOrder, now: Date): Promise<void> {
  await returnLinesToStock(
    sql,
    order.store.id,
    lines.map((l) => ({ menuId: l.menuId, qty: l.qty - l.refundedQty })),
    now,
  );
}

/** Gives quantities of menus back to stock (uncounted menus ignored), with one `stock.changed` event. */
export async function returnLinesToStock(
  sql: SqlSession,
  storeId: string,
  lines: readonly { menuId: string; qty: number }[],
  now: Date,
): Promise<void> {
  const qtyByMenu = new Map<string, number>();
  for (const line of lines) if (line.qty > 0) qtyByMenu.set(line.menuId, (qtyByMenu.get(line.menuId) ?? 0) + line.qty);
  const menus: StockLevel[] = [];
  for (const [menuId, qty] of [...qtyByMenu].sort(([a], [b]) => a.localeCompare(b))) {
    const level = await returnStock(sql, menuId, qty);
    if (level) menus.push(level);
  }
  if (menus.length === 0) return;
  const version = await catalogVersion(sql, storeId);
  await appendEvent(sql, { type: 'stock.changed', storeId, aggregateId: storeId, payload: { version, menus }, now });
}

/**
 * A payment attempt failed (declined, refused, its session expired): the order stays `pending_payment` and
 * payable with a new attempt until its reservation ends, its stock still held; `order.payment_failed` tells the
 * guest and the board. Guarded on the attempt being in flight (`unknown`), so a racing settlement records it
 * once. Returns the order, or null when the guard lost.
 */
export async function recordFailedAttempt(sql: SqlSession, orderId: string, code: string, now: Date): Promise<StoredOrder | null> {
  if (!(await setPaymentState(sql, orderId, ['unknown'], 'declined', now))) return null;
  const stored = await readOrder(sql, { id: orderId });
  if (!stored) return null;
  const order = presentOrder(stored.order, stored.lines);
  await appendEvent(sql, {
    type: 'order.payment_failed',
    storeId: stored.order.store.id,
    aggregateId: orderId,
    payload: { order, code },
    now,
  });
  return stored;
}

/**
 * The guest chose to pay at the counter: `payment: 'counter'` (no expiry takes it; staff settle or cancel it) and
 * `order.counter_requested` for the board. From `none` or `declined` only. Returns the order, or null when the
 * guard lost (an attempt is in flight, or it is no longer unpaid).
 */
export async function requestCounterPayment(sql: SqlSession, orderId: string, now: Date): Promise<StoredOrder | null> {
  if (!(await setPaymentState(sql, orderId, ['none', 'declined'], 'counter', now))) return null;
  const stored = await readOrder(sql, { id: orderId });
  if (!stored) return null;
  const order = presentOrder(stored.order, stored.lines);
  await appendEvent(sql, {
    type: 'order.counter_requested',
    storeId: stored.order.store.id,
    aggregateId: orderId,
    payload: { order },
    now,
  });
  return stored;
}

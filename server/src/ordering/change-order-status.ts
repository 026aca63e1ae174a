import type { OrderStatus } from '@hiorder/domain/ordering/ordering.schemas';
import type { EntityManager } from '../db/orm';
import { recordEvent } from '../outbox/record-event';
import { catalogVersion } from '../catalog/catalog.repository';
import type { Order } from './order.entity';
import { presentOrder } from './order.presenter';
import { loadOrder, returnStock, transitionOrder, type OrderPatch, type StockLevel } from './order.repository';

/**
 * The one place an order changes status after placement, inside the caller's transaction: a guarded
 * transition, stock given back when the change is a compensation, and the matching event. Returns the order
 * after the change, or null when the guard lost (someone else settled it first; the caller reloads).
 */
export type StatusChange =
  | { to: 'paid' }
  | { to: 'payment_failed'; code: string }
  | { to: 'expired' }
  | { to: 'accepted' }
  | { to: 'served' }
  | { to: 'cancelled'; reason: string; refunded: boolean };

const FROM: Record<StatusChange['to'], readonly OrderStatus[]> = {
  paid: ['pending_payment'],
  payment_failed: ['pending_payment'],
  expired: ['pending_payment'],
  accepted: ['paid'],
  served: ['paid', 'accepted'],
  cancelled: ['paid', 'accepted'],
};

export async function changeOrderStatus(em: EntityManager, orderId: string, change: StatusChange, now: Date): Promise<Order | null> {
  const patch: OrderPatch = { status: change.to };
  switch (change.to) {
    case 'paid':
      Object.assign(patch, { paymentState: 'done', paidAt: now });
      break;
    case 'payment_failed':
      Object.assign(patch, { paymentState: 'declined' });
      break;
    case 'expired':
      break;
    case 'accepted':
      Object.assign(patch, { acceptedAt: now });
      break;
    case 'served':
      Object.assign(patch, { servedAt: now });
      break;
    case 'cancelled':
      Object.assign(patch, { cancelledAt: now, cancelReason: change.reason, ...(change.refunded ? { paymentState: 'cancelled' } : {}) });
      break;
  }
  // Expiry must not take an order whose payment is in flight or unknown: it may be charged (I4).
  const paymentGuard = change.to === 'expired' ? (['none', 'declined'] as const) : undefined;
  if (!(await transitionOrder(em, orderId, FROM[change.to], patch, now, paymentGuard))) return null;
  const order = await loadOrder(em, { id: orderId });
  if (!order) return null;
  const storeId = order.store.id;
  const releases = change.to === 'payment_failed' || change.to === 'expired' || change.to === 'cancelled';
  if (releases) await releaseStock(em, order, now);
  const base = { storeId, aggregateId: order.id, now };
  const dto = presentOrder(order);
  switch (change.to) {
    case 'paid':
      recordEvent(em, { ...base, type: 'order.paid', payload: { order: dto } });
      break;
    case 'payment_failed':
      recordEvent(em, { ...base, type: 'order.payment_failed', payload: { order: dto, code: change.code } });
      break;
    case 'expired':
      recordEvent(em, { ...base, type: 'order.expired', payload: { order: dto } });
      break;
    case 'accepted':
      recordEvent(em, { ...base, type: 'order.accepted', payload: { order: dto } });
      break;
    case 'served':
      recordEvent(em, { ...base, type: 'order.served', payload: { order: dto } });
      break;
    case 'cancelled':
      recordEvent(em, { ...base, type: 'order.cancelled', payload: { order: dto, reason: change.reason, refunded: change.refunded } });
      break;
  }
  return order;
}

/** Compensation: the order's counted stock goes back, with a `stock.changed` event for the tablets. */
async function releaseStock(em: EntityManager, order: Order, now: Date): Promise<void> {
  const qtyByMenu = new Map<string, number>();
  for (const line of order.lines.getItems()) qtyByMenu.set(line.menuId, (qtyByMenu.get(line.menuId) ?? 0) + line.qty);
  const menus: StockLevel[] = [];
  for (const [menuId, qty] of [...qtyByMenu].sort(([a], [b]) => a.localeCompare(b))) {
    const level = await returnStock(em, menuId, qty);
    if (level) menus.push(level);
  }
  if (menus.length === 0) return;
  const version = await catalogVersion(em, order.store.id);
  recordEvent(em, { type: 'stock.changed', storeId: order.store.id, aggregateId: order.store.id, payload: { version, menus }, now });
}

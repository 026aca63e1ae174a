import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { OrderDto, PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import { DEFAULT_TIME_ZONE, storeLocalTime } from '@hiorder/domain/shared/store-time';
import type { SqlSession } from '../db/direct-sql';
import { storeTimeZone } from '../identity/store.repository';
import type { EventProcessor } from '../outbox/event-processor';
import { addToSalesBuckets, type SalesDelta } from './sales-bucket.repository';

/**
 * Sales statistics: `order.paid` adds the order to its store-local day, hour, menus, categories, table and payment
 * method;
 * `order.cancelled` with `refunded` adds it as a refund to the same buckets (those of its payment time), so
 * net = gross − refunds. Only additions, so events commute: applied in any order, a store's buckets end equal
 * to a recount from its orders. Run through `applyOnce` (once per event, I6). Throws nothing of its own;
 * a database error fails the transaction and the event is retried.
 */
export const statsProcessor: EventProcessor = {
  name: 'stats',
  handles: ['order.paid', 'order.cancelled'] as const,
  async handle(event: DomainEvent, { sql }: { sql: SqlSession }): Promise<void> {
    let kind: 'sale' | 'refund';
    if (event.type === 'order.paid') kind = 'sale';
    else if (event.type === 'order.cancelled' && event.payload.refunded) kind = 'refund';
    else return;
    const order = event.payload.order;
    if (!order.paidAt) return;
    const timeZone = await storeTimeZone(sql, event.storeId);
    const method = event.type === 'order.paid' ? (event.payload.method ?? 'easy_pay') : null;
    await addToSalesBuckets(sql, event.storeId, salesDeltasOf(order, kind, timeZone ?? DEFAULT_TIME_ZONE, method), new Date());
  },
};

/** What one paid order (or its refund) adds to each bucket, one delta per distinct bucket. */
export function salesDeltasOf(
  order: OrderDto,
  kind: 'sale' | 'refund',
  timeZone: string,
  method: PaymentMethod | null = null,
): SalesDelta[] {
  const { day, hour } = storeLocalTime(new Date(order.paidAt ?? order.createdAt), timeZone);
  const items = order.lines.reduce((n, l) => n + l.qty, 0);
  const figures = (orders: number, qty: number, amount: number) =>
    kind === 'sale'
      ? { orders, items: qty, gross: amount, refundedOrders: 0, refundedItems: 0, refunds: 0 }
      : { orders: 0, items: 0, gross: 0, refundedOrders: orders, refundedItems: qty, refunds: amount };
  const byKey = new Map<string, SalesDelta>();
  const add = (delta: SalesDelta) => {
    const id = `${delta.dimension}|${delta.bucketKey}`;
    const seen = byKey.get(id);
    if (!seen) {
      byKey.set(id, delta);
      return;
    }
    for (const counter of ['orders', 'items', 'gross', 'refundedOrders', 'refundedItems', 'refunds'] as const)
      seen[counter] += delta[counter];
  };
  const whole = figures(1, items, order.total);
  add({ day, dimension: 'day', bucketKey: '', labelKo: '', labelEn: '', ...whole });
  add({ day, dimension: 'hour', bucketKey: String(hour).padStart(2, '0'), labelKo: '', labelEn: '', ...whole });
  add({ day, dimension: 'table', bucketKey: order.tableId, labelKo: order.tableLabel, labelEn: order.tableLabel, ...whole });
  if (method) add({ day, dimension: 'method', bucketKey: method, labelKo: '', labelEn: '', ...whole });
  // A menu or category counts the order once however many of its lines it has; quantities and amounts add up.
  const counted = new Set<string>();
  const firstTime = (key: string) => (counted.has(key) ? 0 : (counted.add(key), 1));
  for (const line of order.lines) {
    add({
      day,
      dimension: 'menu',
      bucketKey: line.menuId,
      labelKo: line.name.ko,
      labelEn: line.name.en,
      ...figures(firstTime(`m${line.menuId}`), line.qty, line.lineTotal),
    });
    add({
      day,
      dimension: 'category',
      bucketKey: line.categoryId,
      labelKo: '',
      labelEn: '',
      ...figures(firstTime(`c${line.categoryId}`), line.qty, line.lineTotal),
    });
  }
  return [...byKey.values()];
}

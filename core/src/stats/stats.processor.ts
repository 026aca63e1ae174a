import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { OrderDto, OrderRefundDto, PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import { DEFAULT_TIME_ZONE, storeLocalTime } from '@hiorder/domain/shared/store-time';
import type { SqlSession } from '../db/direct-sql';
import { storeTimeZone } from '../identity/store.repository';
import type { EventProcessor } from '../outbox/event-processor';
import { addToSalesBuckets, compareSalesDeltas, type SalesDelta } from './sales-bucket.repository';

/**
 * Sales statistics: `order.paid` adds the order to its store-local day, hour, menus, categories, table and payment
 * method; a refund adds to the same buckets (those of its payment time), so net = gross − refunds: `order.refunded`
 * (a partial refund: its lines and amount, the order still counted as sold) and `order.cancelled` with `refunded`
 * (what was left of the order, counted as a refunded order). Only additions, so events commute: applied in any
 * order, a store's buckets end equal to a recount from its orders (commutative: no per-store order needed). Run
 * through `applyBatchOnce` (once per event, I6), a batch summed in memory. Throws nothing of its own; a database
 * error fails the transaction and the batch is retried.
 */
export const statsProcessor: EventProcessor = {
  name: 'stats',
  handles: ['order.paid', 'order.cancelled', 'order.refunded'] as const,
  handle(event: DomainEvent, ctx: { sql: SqlSession }): Promise<void> {
    return applySales([event], ctx.sql);
  },
  handleBatch(events: readonly DomainEvent[], ctx: { sql: SqlSession }): Promise<void> {
    return applySales(events, ctx.sql);
  },
};

/** The sale or refund an event adds, or null (a cancel without refund, an order never paid). */
function salesPartOf(event: DomainEvent): SalesPart | null {
  let part: SalesPart;
  if (event.type === 'order.paid') part = saleOf(event.payload.order, event.payload.method ?? 'easy_pay');
  else if (event.type === 'order.cancelled' && event.payload.refunded) part = cancelRefundOf(event.payload.order, event.payload.method);
  else if (event.type === 'order.refunded') part = partialRefundOf(event.payload.order, event.payload.refund);
  else return null;
  return event.payload.order.paidAt ? part : null;
}

/**
 * A batch's deltas summed in memory per (store, day, dimension, key) — ten sales of one dish in one hour are one
 * row — then one upsert per store (in chunks). Later events' labels win, as they would one event at a time.
 */
async function applySales(events: readonly DomainEvent[], sql: SqlSession): Promise<void> {
  const zones = new Map<string, string>();
  const byStore = new Map<string, Map<string, SalesDelta>>();
  for (const event of events) {
    const part = salesPartOf(event);
    if (!part || !('order' in event.payload)) continue;
    let timeZone = zones.get(event.storeId);
    if (timeZone === undefined) zones.set(event.storeId, (timeZone = (await storeTimeZone(sql, event.storeId)) ?? DEFAULT_TIME_ZONE));
    let buckets = byStore.get(event.storeId);
    if (!buckets) byStore.set(event.storeId, (buckets = new Map()));
    for (const delta of salesDeltasOf(event.payload.order, part, timeZone)) {
      const key = `${delta.day}|${delta.dimension}|${delta.bucketKey}`;
      const seen = buckets.get(key);
      if (!seen) {
        buckets.set(key, { ...delta });
        continue;
      }
      for (const counter of SALES_COUNTERS) seen[counter] += delta[counter];
      if (delta.labelKo !== '') seen.labelKo = delta.labelKo;
      if (delta.labelEn !== '') seen.labelEn = delta.labelEn;
    }
  }
  const now = new Date();
  for (const [storeId, buckets] of [...byStore].sort(([a], [b]) => a.localeCompare(b))) {
    const deltas = [...buckets.values()].sort(compareSalesDeltas);
    for (let i = 0; i < deltas.length; i += 300) await addToSalesBuckets(sql, storeId, deltas.slice(i, i + 300), now);
  }
}

const SALES_COUNTERS = ['orders', 'items', 'gross', 'refundedOrders', 'refundedItems', 'refunds'] as const;

/** What one event adds: a sale or a refund, whole orders counted (1 or 0), its lines' quantities and amounts, by method. */
export interface SalesPart {
  kind: 'sale' | 'refund';
  orders: 0 | 1;
  method: PaymentMethod;
  lines: { menuId: string; categoryId: string; name: { ko: string; en: string }; qty: number; amount: number }[];
}

/** A paid order: all of it. */
export function saleOf(order: OrderDto, method: PaymentMethod): SalesPart {
  return { kind: 'sale', orders: 1, method, lines: order.lines.map((l) => ({ ...l, amount: l.lineTotal })) };
}

/** A refunded cancel: what partial refunds had not already taken back (events before them: the whole order). */
export function cancelRefundOf(order: OrderDto, method: PaymentMethod = 'easy_pay'): SalesPart {
  return {
    kind: 'refund',
    orders: 1,
    method,
    lines: order.lines.map((l) => ({ ...l, qty: l.qty - l.refundedQty, amount: l.unitPrice * (l.qty - l.refundedQty) })),
  };
}

/** A partial refund: its lines, the order itself still sold. */
export function partialRefundOf(order: OrderDto, refund: OrderRefundDto): SalesPart {
  const lineOf = new Map(order.lines.map((l) => [l.id, l]));
  return {
    kind: 'refund',
    orders: 0,
    method: refund.method,
    lines: refund.lines.flatMap((r) => {
      const line = lineOf.get(r.lineId);
      return line ? [{ ...line, qty: r.qty, amount: r.amount }] : [];
    }),
  };
}

/** What one sale or refund adds to each bucket, one delta per distinct bucket. */
export function salesDeltasOf(order: OrderDto, part: SalesPart, timeZone: string): SalesDelta[] {
  const { day, hour } = storeLocalTime(new Date(order.paidAt ?? order.createdAt), timeZone);
  const items = part.lines.reduce((n, l) => n + l.qty, 0);
  const amount = part.lines.reduce((n, l) => n + l.amount, 0);
  const figures = (orders: number, qty: number, won: number) =>
    part.kind === 'sale'
      ? { orders, items: qty, gross: won, refundedOrders: 0, refundedItems: 0, refunds: 0 }
      : { orders: 0, items: 0, gross: 0, refundedOrders: orders, refundedItems: qty, refunds: won };
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
  const whole = figures(part.orders, items, amount);
  add({ day, dimension: 'day', bucketKey: '', labelKo: '', labelEn: '', ...whole });
  add({ day, dimension: 'hour', bucketKey: String(hour).padStart(2, '0'), labelKo: '', labelEn: '', ...whole });
  add({ day, dimension: 'table', bucketKey: order.tableId, labelKo: order.tableLabel, labelEn: order.tableLabel, ...whole });
  add({ day, dimension: 'method', bucketKey: part.method, labelKo: '', labelEn: '', ...whole });
  // A menu or category counts the order once however many of its lines it has; quantities and amounts add up.
  const counted = new Set<string>();
  const firstTime = (key: string) => (counted.has(key) ? 0 : (counted.add(key), part.orders));
  for (const line of part.lines) {
    if (line.qty === 0) continue;
    add({
      day,
      dimension: 'menu',
      bucketKey: line.menuId,
      labelKo: line.name.ko,
      labelEn: line.name.en,
      ...figures(firstTime(`m${line.menuId}`), line.qty, line.amount),
    });
    add({
      day,
      dimension: 'category',
      bucketKey: line.categoryId,
      labelKo: '',
      labelEn: '',
      ...figures(firstTime(`c${line.categoryId}`), line.qty, line.amount),
    });
  }
  return [...byKey.values()];
}

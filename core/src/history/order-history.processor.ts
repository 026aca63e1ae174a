import { ORDER_EVENT_TYPES, type DomainEvent } from '@hiorder/domain/events/domain-events';
import { paymentMethodOf } from '@hiorder/domain/history/history.schemas';
import type { SqlSession } from '../db/direct-sql';
import type { EventProcessor } from '../outbox/event-processor';

/**
 * The lines of an order as the history keeps them, one text in Korean names (`불고기 ×2, 콜라 ×1`), cut to the
 * column; the migration that back-fills the history from the orders table writes it the same way.
 */
export function historyItems(lines: readonly { name: { ko: string; en: string }; qty: number }[]): string {
  return lines
    .map((l) => `${l.name.ko || l.name.en} ×${l.qty}`)
    .join(', ')
    .slice(0, 1000);
}

/**
 * Keeps the order history read model (`order_history`): every order event carries the whole order after the
 * change, so the row is replaced by it — unless a later event of the store (higher `seq`) was applied already, so
 * events handled out of order by several workers converge to the newest state. A refunded cancel records its
 * amount as refunded. Run through `applyOnce` (once per event, I6). Throws nothing of its own.
 */
export const orderHistoryProcessor: EventProcessor = {
  name: 'order-history',
  handles: ORDER_EVENT_TYPES,
  async handle(event: DomainEvent, { sql }: { sql: SqlSession }): Promise<void> {
    if (!('order' in event.payload)) return;
    const order = event.payload.order;
    const refunded = event.type === 'order.cancelled' && event.payload.refunded ? order.total : null;
    // The method is a fact of `order.paid` only (counter payments name theirs); later events carry the order without
    // it, so they keep what is stored and fall back to the provider only for a row that has none.
    const paidWith = event.type === 'order.paid' ? (event.payload.method ?? paymentMethodOf(order)) : null;
    const items = historyItems(order.lines);
    const row = [
      order.storeId,
      order.tableId,
      order.tableLabel,
      order.visitId,
      order.shortCode,
      order.status,
      paidWith,
      paymentMethodOf(order),
      order.total,
      items,
      order.lines.reduce((n, l) => n + l.qty, 0),
      new Date(order.createdAt),
      order.paidAt ? new Date(order.paidAt) : null,
      order.cancelledAt ? new Date(order.cancelledAt) : null,
      event.seq,
    ];
    const changed = await sql.run(
      `update order_history set store_id = ?, table_id = ?, table_label = ?, visit_id = ?, short_code = ?, status = ?, payment_method = coalesce(?, payment_method, ?), total = ?,
              items = ?, item_count = ?, created_at = ?, paid_at = ?, cancelled_at = ?, last_seq = ?, refunded = coalesce(?, refunded)
        where order_id = ? and last_seq < ?`,
      [...row, refunded, order.id, event.seq],
    );
    if (changed === 1) return;
    // A later event got here first: the payment method still comes from `order.paid`.
    if (paidWith !== null) await sql.run('update order_history set payment_method = ? where order_id = ?', [paidWith, order.id]);
    const exists = await sql.all('select 1 as found from order_history where order_id = ?', [order.id]);
    if (exists.length > 0) {
      // A newer state is already there; a refund still counts (it only ever adds).
      if (refunded !== null) await sql.run('update order_history set refunded = ? where order_id = ?', [refunded, order.id]);
      return;
    }
    await sql.run(
      `insert into order_history (store_id, table_id, table_label, visit_id, short_code, status, payment_method, total, items, item_count, created_at,
              paid_at, cancelled_at, last_seq, refunded, order_id)
       values (?, ?, ?, ?, ?, ?, coalesce(?, ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [...row, refunded ?? 0, order.id],
    );
  },
};

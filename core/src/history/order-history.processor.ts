import { ORDER_EVENT_TYPES, type DomainEvent } from '@hiorder/domain/events/domain-events';
import { paymentMethodOf, PROVIDER_PAYMENT_METHOD } from '@hiorder/domain/history/history.schemas';
import { amountLeft } from '@hiorder/domain/ordering/partial-refund';
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
 * events handled out of order by several workers converge to the newest state. `refunded` is what the order has
 * refunded so far (partial refunds, then all of it on a refunded cancel); each refund also gets its row in
 * `refund_history` (the daily close counts refunds on their own day and method). Run through `applyOnce` (once per
 * event, I6). Throws nothing of its own.
 */
export const orderHistoryProcessor: EventProcessor = {
  name: 'order-history',
  handles: ORDER_EVENT_TYPES,
  async handle(event: DomainEvent, { sql }: { sql: SqlSession }): Promise<void> {
    if (!('order' in event.payload)) return;
    const order = event.payload.order;
    // What the order has refunded so far: all of it once a refunded cancel closed it, else its partial refunds.
    const refunded = event.type === 'order.cancelled' && event.payload.refunded ? order.total : order.refunded > 0 ? order.refunded : null;
    await recordRefund(sql, event);
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
      // A newer state is already there; a refund still counts (it only ever grows).
      if (refunded !== null)
        await sql.run('update order_history set refunded = ? where order_id = ? and refunded < ?', [refunded, order.id, refunded]);
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

/**
 * One `refund_history` row per refund: a partial refund (its id, amount, method, time) or the rest of the order on a
 * refunded cancel (the order's id). `on conflict do nothing`: a refund is recorded once however often it arrives.
 */
async function recordRefund(sql: SqlSession, event: DomainEvent): Promise<void> {
  let row: [string, string, string, number, string, Date] | null = null;
  if (event.type === 'order.refunded') {
    const { order, refund } = event.payload;
    row = [refund.id, order.storeId, order.id, refund.amount, refund.method, new Date(refund.refundedAt)];
  } else if (event.type === 'order.cancelled' && event.payload.refunded && event.payload.order.cancelledAt) {
    const { order } = event.payload;
    const amount = event.payload.amount ?? amountLeft(order);
    row = [
      order.id,
      order.storeId,
      order.id,
      amount,
      event.payload.method ?? PROVIDER_PAYMENT_METHOD,
      new Date(order.cancelledAt as string),
    ];
  }
  if (!row || row[3] <= 0) return;
  await sql.run(
    `insert into refund_history (refund_id, store_id, order_id, amount, payment_method, refunded_at) values (?, ?, ?, ?, ?, ?)
      on conflict (refund_id) do nothing`,
    row,
  );
}

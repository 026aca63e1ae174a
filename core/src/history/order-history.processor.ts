import { ORDER_EVENT_TYPES, type DomainEvent } from '@hiorder/domain/events/domain-events';
import { paymentMethodOf, PROVIDER_PAYMENT_METHOD } from '@hiorder/domain/history/history.schemas';
import { amountLeft } from '@hiorder/domain/ordering/partial-refund';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { SqlSession } from '../db/direct-sql';
import { placeholders } from '../db/sql';
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
 * events handled out of order by several workers converge to the newest state (no per-store order needed).
 * `refunded` is what the order has refunded so far (partial refunds, then all of it on a refunded cancel; it only
 * grows); each refund also gets its row in `refund_history` (the daily close counts refunds on their own day and
 * method). A batch keeps each order's newest event and upserts all rows in one statement per 200 orders. Run
 * through `applyBatchOnce` (once per event, I6). Throws nothing of its own.
 */
export const orderHistoryProcessor: EventProcessor = {
  name: 'order-history',
  handles: ORDER_EVENT_TYPES,
  handle(event: DomainEvent, ctx: { sql: SqlSession }): Promise<void> {
    return applyHistory([event], ctx.sql);
  },
  handleBatch(events: readonly DomainEvent[], ctx: { sql: SqlSession }): Promise<void> {
    return applyHistory(events, ctx.sql);
  },
};

type OrderEvent = Extract<DomainEvent, { payload: { order: OrderDto } }>;

/** Per order in a batch: its newest event, the method `order.paid` named, the most refunded so far. */
interface HistoryUpdate {
  newest: OrderEvent;
  paidWith: string | null;
  refunded: number | null;
}

const HISTORY_COLUMNS = [
  'store_id',
  'table_id',
  'table_label',
  'visit_id',
  'short_code',
  'status',
  'payment_method',
  'total',
  'items',
  'item_count',
  'created_at',
  'paid_at',
  'cancelled_at',
  'last_seq',
  'refunded',
  'order_id',
] as const;

async function applyHistory(events: readonly DomainEvent[], sql: SqlSession): Promise<void> {
  const updates = new Map<string, HistoryUpdate>();
  const refunds: RefundRow[] = [];
  for (const event of events) {
    if (!('order' in event.payload)) continue;
    const orderEvent = event as OrderEvent;
    const order = orderEvent.payload.order;
    // What the order has refunded so far: all of it once a refunded cancel closed it, else its partial refunds.
    const refunded = event.type === 'order.cancelled' && event.payload.refunded ? order.total : order.refunded > 0 ? order.refunded : null;
    const refund = refundOf(event);
    if (refund) refunds.push(refund);
    // The method is a fact of `order.paid` only (counter payments name theirs); later events carry the order without
    // it, so they keep what is stored and fall back to the provider only for a row that has none.
    const paidWith = event.type === 'order.paid' ? (event.payload.method ?? paymentMethodOf(order)) : null;
    const seen = updates.get(order.id);
    if (!seen) {
      updates.set(order.id, { newest: orderEvent, paidWith, refunded });
      continue;
    }
    if (event.seq > seen.newest.seq) seen.newest = orderEvent;
    seen.paidWith = paidWith ?? seen.paidWith;
    if (refunded !== null) seen.refunded = Math.max(seen.refunded ?? 0, refunded);
  }
  const rows = [...updates.values()].sort((a, b) => a.newest.payload.order.id.localeCompare(b.newest.payload.order.id));
  const newer = (column: string) =>
    `${column} = case when order_history.last_seq < excluded.last_seq then excluded.${column} else order_history.${column} end`;
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await sql.run(
      `insert into order_history (${HISTORY_COLUMNS.join(', ')})
       values ${chunk.map(() => `(${HISTORY_COLUMNS.map(() => '?').join(', ')})`).join(', ')}
       on conflict (order_id) do update set
         ${HISTORY_COLUMNS.filter((c) => c !== 'order_id' && c !== 'payment_method' && c !== 'refunded')
           .map(newer)
           .join(', ')},
         payment_method = case when order_history.last_seq < excluded.last_seq then coalesce(order_history.payment_method, excluded.payment_method)
                          else order_history.payment_method end,
         refunded = case when excluded.refunded > order_history.refunded then excluded.refunded else order_history.refunded end`,
      chunk.flatMap(({ newest, paidWith, refunded }) => {
        const order = newest.payload.order;
        return [
          order.storeId,
          order.tableId,
          order.tableLabel,
          order.visitId,
          order.shortCode,
          order.status,
          paidWith ?? paymentMethodOf(order),
          order.total,
          historyItems(order.lines),
          order.lines.reduce((n, l) => n + l.qty, 0),
          new Date(order.createdAt),
          order.paidAt ? new Date(order.paidAt) : null,
          order.cancelledAt ? new Date(order.cancelledAt) : null,
          newest.seq,
          refunded ?? 0,
          order.id,
        ];
      }),
    );
    // `order.paid`'s method wins over what a later event's row fell back to.
    const paid = chunk.filter((u) => u.paidWith !== null);
    if (paid.length > 0) {
      await sql.run(
        `update order_history set payment_method = case order_id ${paid.map(() => 'when ? then ?').join(' ')} end
          where order_id in (${placeholders(paid.length)})`,
        [...paid.flatMap((u) => [u.newest.payload.order.id, u.paidWith]), ...paid.map((u) => u.newest.payload.order.id)],
      );
    }
  }
  for (let i = 0; i < refunds.length; i += 200) {
    const chunk = refunds.slice(i, i + 200);
    await sql.run(
      `insert into refund_history (refund_id, store_id, order_id, amount, payment_method, refunded_at)
        values ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')} on conflict (refund_id) do nothing`,
      chunk.flat(),
    );
  }
}

type RefundRow = [string, string, string, number, string, Date];

/**
 * The `refund_history` row of a refund event, if any: a partial refund (its id, amount, method, time) or the rest
 * of the order on a refunded cancel (the order's id). Inserted `on conflict do nothing`: a refund is recorded once
 * however often it arrives.
 */
function refundOf(event: DomainEvent): RefundRow | null {
  let row: RefundRow | null = null;
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
  return row && row[3] > 0 ? row : null;
}

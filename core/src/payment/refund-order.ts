import type { SagaContext } from '../command-context';
import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import { PAID_STATUSES } from '@hiorder/domain/ordering/order-lifecycle';
import type { OrderDto, OrderRefundDto, PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import { planRefund, type OrderRefund, type RefundViolation } from '@hiorder/domain/ordering/partial-refund';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { sqlOf, sqlTransaction, type SqlSession } from '../db/direct-sql';
import { fromDbJson } from '../db/sql';
import { returnLinesToStock } from '../ordering/change-order-status';
import { presentOrder } from '../ordering/order.presenter';
import { readOrder, type StoredOrder } from '../ordering/order.repository';
import { appendEvent } from '../outbox/record-event';
import { isCounterPaymentKey } from './counter-payment';
import type { RefundLine, RefundStatus } from './payment-refund.entity';
import type { PaymentGateway } from './payment-gateway';
import { endPartialRefund, refundingPayment, startPartialRefund } from './payment.repository';

/** The provider's Idempotency-Key of one partial refund: per order and refund, reused by every retry of it. */
export const refundKey = (orderId: string, refundId: string): string => `refund:${orderId}:${refundId}`;

/** A partial refund as its saga row holds it. */
export interface StoredRefund {
  id: string;
  orderId: string;
  amount: number;
  status: RefundStatus;
  reason: string;
}

/**
 * Staff refund part of a paid order: some lines or some of their quantity, with a reason, and the stock of those
 * back or not (`restock`). The amount comes from the order's price snapshot (`planRefund`), never the request.
 * The payment saga's three phases: (1) one transaction records the refund `requested` and marks the payment
 * `refunding` (one refund of an order at a time); (2) the provider refunds `amount` (`cancelAmount`, Idempotency-Key
 * `refund:<orderId>:<refundId>`) outside any transaction — a counter payment is refunded by staff at the till, so
 * nothing is called; (3) one transaction applies it to the order (refunded quantities, amount, history, stock,
 * `order.refunded`). A lost answer leaves the refund `unknown` (202 `PAYMENT_PENDING`): the same request again (same
 * `idempotencyKey`) re-sends the same provider call, and reconciliation settles it if nobody does. Idempotent on the
 * key. Throws `NOT_FOUND`, `INVALID_STATE` (not paid, or no payment), `CONFLICT` (another refund or a cancel is on its
 * way), `REFUND_LINE_UNKNOWN`, `REFUND_QTY_EXCEEDS`, `REFUND_WHOLE_ORDER`, `REFUND_REFUSED`, `PAYMENT_PENDING`,
 * `PAYMENT_UNAVAILABLE`.
 */
export async function refundOrderLines(
  ctx: SagaContext & { gateway: PaymentGateway },
  orderId: string,
  input: OrderRefund,
): Promise<OrderDto> {
  const started = await sqlTransaction(ctx.em, (sql) => requestRefund(sql, ctx.actor, orderId, input, ctx.clock()));
  if (started.kind === 'settled') return presentOrder(started.stored.order, started.stored.lines);
  const { refund, paymentKey } = started;
  const outcome = isCounterPaymentKey(paymentKey)
    ? ({ kind: 'ok' } as const)
    : await ctx.gateway.cancel(paymentKey, refund.reason, refundKey(orderId, refund.id), refund.amount);
  const sql = sqlOf(ctx.em);
  switch (outcome.kind) {
    case 'ok': {
      await sqlTransaction(ctx.em, (tx) => settleRefund(tx, refund.id, ctx.clock()));
      const fresh = await readOrder(sql, { id: orderId });
      if (!fresh) throw new DomainError('NOT_FOUND', 'No such order.');
      return presentOrder(fresh.order, fresh.lines);
    }
    case 'unknown':
      // It may have refunded: never give the quantities back to a second refund until we know.
      await setRefundStatus(sql, refund.id, ['requested'], 'unknown', outcome.reason, ctx.clock());
      throw new DomainError('PAYMENT_PENDING', 'The refund is being confirmed with the payment provider; the order updates by itself.', {
        refundId: refund.id,
        reason: outcome.reason,
      });
    case 'unavailable':
      await sqlTransaction(ctx.em, (tx) => failRefund(tx, refund.id, 'PROVIDER_UNAVAILABLE', ctx.clock()));
      throw new DomainError('PAYMENT_UNAVAILABLE', 'The payment provider is unavailable: try the refund again shortly.', {
        retryAfterMs: outcome.retryAfterMs,
      });
    case 'failed':
      await sqlTransaction(ctx.em, (tx) => failRefund(tx, refund.id, outcome.reason, ctx.clock()));
      throw new DomainError('REFUND_REFUSED', `The payment provider refused the refund (${outcome.reason}); nothing was refunded.`, {
        reason: outcome.reason,
      });
  }
}

type Requested = { kind: 'settled'; stored: StoredOrder } | { kind: 'call'; refund: StoredRefund; paymentKey: string };

/** Phase 1: a retry finds its refund by key; a new one is planned against the order and recorded `requested`. */
async function requestRefund(sql: SqlSession, actor: Actor, orderId: string, input: OrderRefund, now: Date): Promise<Requested> {
  const stored = await readOrder(sql, { id: orderId, storeId: actor.storeId });
  if (!stored) throw new DomainError('NOT_FOUND', 'No such order in this store.');
  const [existing] = await sql.all<{ id: string; status: RefundStatus; amount: number | string; reason: string }>(
    'select id, status, amount, reason from payment_refund where order_id = ? and idempotency_key = ?',
    [orderId, input.idempotencyKey],
  );
  if (existing?.status === 'done') return { kind: 'settled', stored };
  if (existing && (existing.status === 'requested' || existing.status === 'unknown')) {
    const payment = await refundingPayment(sql, orderId);
    if (!payment) throw new DomainError('INVALID_STATE', 'The refund changed meanwhile: reload the order.');
    const refund = { id: existing.id, orderId, amount: Number(existing.amount), status: existing.status, reason: existing.reason };
    return { kind: 'call', refund, paymentKey: payment.paymentKey };
  }
  // A refused refund is over; the same key again is a new try (its own provider key, since its id is new).
  if (existing) await sql.run('delete from payment_refund where id = ?', [existing.id]);

  const { order } = stored;
  if (!PAID_STATUSES.includes(order.status)) {
    throw new DomainError('INVALID_STATE', `Only a paid order can be refunded in part; this one is ${order.status.replace('_', ' ')}.`, {
      status: order.status,
    });
  }
  const plan = planRefund(stored.lines, input.lines);
  if (!plan.ok) throw refundViolation(plan.violation);
  const payment = await startPartialRefund(sql, orderId, now);
  if (payment === 'busy') {
    throw new DomainError('CONFLICT', 'Another refund or cancel of this order is being confirmed: try again once it is settled.', {
      payment: 'refunding',
    });
  }
  if (payment === null) throw new DomainError('INVALID_STATE', 'This order has no recorded payment to refund.');
  const refund: StoredRefund = { id: newId(), orderId, amount: plan.amount, status: 'requested', reason: input.reason };
  await sql.run(
    `insert into payment_refund (id, store_id, order_id, idempotency_key, amount, reason, restock, lines, method, staff_id, status, failure_code,
       created_at, updated_at, refunded_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested', null, ?, ?, null)`,
    [
      refund.id,
      order.store.id,
      orderId,
      input.idempotencyKey,
      plan.amount,
      input.reason,
      input.restock,
      JSON.stringify(plan.lines),
      payment.method,
      actor.kind === 'staff' ? actor.staffId : null,
      now,
      now,
    ],
  );
  return { kind: 'call', refund, paymentKey: payment.paymentKey };
}

function refundViolation(violation: RefundViolation): DomainError {
  switch (violation.code) {
    case 'REFUND_LINE_UNKNOWN':
      return new DomainError(violation.code, 'That line is not part of this order.', violation);
    case 'REFUND_QTY_EXCEEDS':
      return new DomainError(violation.code, `Only ${violation.left} of that line can still be refunded.`, violation);
    case 'REFUND_WHOLE_ORDER':
      return new DomainError(violation.code, 'Everything left is selected: cancel the whole order instead.', violation);
  }
}

/**
 * Phase 3, shared with reconciliation: the refund is `done` and the order carries it — the lines' refunded
 * quantities, the refunded amount and its history entry — the stock of those lines back when staff chose so, the
 * payment open again, and `order.refunded` in the outbox. Guarded on the refund still being in flight, so a staff
 * retry and reconciliation racing for it apply it once. Returns the order, or null when someone else settled it.
 */
export async function settleRefund(sql: SqlSession, refundId: string, now: Date): Promise<StoredOrder | null> {
  const [row] = await sql.all<{
    order_id: string;
    store_id: string;
    amount: number | string;
    reason: string;
    restock: unknown;
    lines: unknown;
    method: PaymentMethod;
    staff_id: string | null;
  }>(
    `update payment_refund set status = 'done', refunded_at = ?, updated_at = ? where id = ? and status in ('requested', 'unknown')
      returning order_id, store_id, amount, reason, restock, lines, method, staff_id`,
    [now, now, refundId],
  );
  if (!row) return null;
  const lines = fromDbJson<RefundLine[]>(row.lines);
  const before = await readOrder(sql, { id: row.order_id });
  if (!before) return null;
  const entry: OrderRefundDto = {
    id: refundId,
    amount: Number(row.amount),
    reason: row.reason,
    restocked: Boolean(row.restock),
    lines: lines.map((l) => ({ ...l })),
    staffId: row.staff_id,
    method: row.method,
    refundedAt: now.toISOString(),
  };
  for (const line of lines) {
    await sql.run('update order_line set refunded_qty = refunded_qty + ? where id = ? and order_id = ?', [
      line.qty,
      line.lineId,
      row.order_id,
    ]);
  }
  await sql.run(
    'update orders set refunded_amount = refunded_amount + ?, refunds = ?, revision = revision + 1, updated_at = ? where id = ?',
    [entry.amount, JSON.stringify([...before.order.refunds, entry]), now, row.order_id],
  );
  if (entry.restocked) {
    const menuOf = new Map(before.lines.map((l) => [l.id, l.menuId]));
    const back = lines.flatMap((l) => {
      const menuId = menuOf.get(l.lineId);
      return menuId ? [{ menuId, qty: l.qty }] : [];
    });
    await returnLinesToStock(sql, row.store_id, back, now);
  }
  await endPartialRefund(sql, row.order_id, now);
  const after = await readOrder(sql, { id: row.order_id });
  if (!after) return null;
  await appendEvent(sql, {
    type: 'order.refunded',
    storeId: row.store_id,
    aggregateId: row.order_id,
    payload: { order: presentOrder(after.order, after.lines), refund: entry },
    now,
  });
  return after;
}

/** The provider refused (or was never reached): the refund is `failed`, nothing changes on the order, the payment is open again. */
export async function failRefund(sql: SqlSession, refundId: string, code: string, now: Date): Promise<void> {
  const rows = await sql.all<{ order_id: string }>(
    `update payment_refund set status = 'failed', failure_code = ?, updated_at = ? where id = ? and status in ('requested', 'unknown')
      returning order_id`,
    [code.slice(0, 60), now, refundId],
  );
  if (rows[0]) await endPartialRefund(sql, rows[0].order_id, now);
}

async function setRefundStatus(
  sql: SqlSession,
  refundId: string,
  from: readonly RefundStatus[],
  to: RefundStatus,
  code: string | null,
  now: Date,
): Promise<void> {
  await sql.run(
    `update payment_refund set status = ?, failure_code = ?, updated_at = ? where id = ? and status in (${from.map(() => '?').join(', ')})`,
    [to, code?.slice(0, 60) ?? null, now, refundId, ...from],
  );
}

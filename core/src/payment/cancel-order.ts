import type { SagaContext } from '../command-context';
import type { OrderCancel, OrderDto, PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import { canTransition } from '@hiorder/domain/ordering/order-lifecycle';
import { DomainError } from '@hiorder/domain/shared/errors';
import { sqlOf, sqlTransaction, type SqlSession } from '../db/direct-sql';
import { changeOrderStatus } from '../ordering/change-order-status';
import { presentOrder } from '../ordering/order.presenter';
import { readOrder, type StoredOrder } from '../ordering/order.repository';
import { isCounterPaymentKey } from './counter-payment';
import type { PaymentGateway } from './payment-gateway';
import { abandonRefund, startRefund, updatePaymentRow } from './payment.repository';
import { cancelSplitOrder, hasSplit } from './split/split-staff';

/**
 * Staff cancel an order. Unpaid (a guest who left, a counter payment never made): cancelled at once, stock back,
 * nothing to refund — refused while an easy-pay attempt is in flight (it may be charged). Paid (or accepted): the
 * provider refunds first (Idempotency-Key `cancel:<orderId>`), then one transaction cancels the order and gives its
 * stock back (unless staff say it was cooked: `restock: false`); a payment taken at the counter is refunded by staff,
 * so only recorded. After partial refunds the provider refunds what is left. If the refund fails nothing changes and
 * staff can retry. Idempotent on a cancelled order. Throws `NOT_FOUND`, `INVALID_STATE`, `CONFLICT` (a partial
 * refund is in flight), `PAYMENT_PENDING`, `PAYMENT_UNAVAILABLE`.
 */
export async function cancelOrder(ctx: SagaContext & { gateway: PaymentGateway }, orderId: string, input: OrderCancel): Promise<OrderDto> {
  const sql = sqlOf(ctx.em);
  const stored = await readOrder(sql, { id: orderId, storeId: ctx.actor.storeId });
  if (!stored) throw new DomainError('NOT_FOUND', 'No such order in this store.');
  const { order } = stored;
  if (order.status === 'cancelled') return presentOrder(order, stored.lines);
  if (await hasSplit(sql, order.id)) {
    // Paid in shares from phones: each share is refunded on its own (payment/split/split-staff.ts).
    const cancelled = await cancelSplitOrder(ctx, stored, input.reason, input.restock !== false);
    return presentOrder(cancelled.order, cancelled.lines);
  }
  if (order.status === 'pending_payment') {
    if (order.paymentState === 'unknown') {
      throw new DomainError('INVALID_STATE', 'A payment of this order is being confirmed: wait for its answer before cancelling.', {
        payment: 'unknown',
      });
    }
    const now = ctx.clock();
    const cancelled = await sqlTransaction(ctx.em, (tx) =>
      changeOrderStatus(tx, order.id, { to: 'cancelled', reason: input.reason, refunded: false }, now),
    );
    if (!cancelled) throw new DomainError('INVALID_STATE', 'The order changed meanwhile: reload it.');
    return presentOrder(cancelled.order, cancelled.lines);
  }
  if (!canTransition(order.status, 'cancelled')) {
    throw new DomainError('INVALID_STATE', `An order that is ${order.status.replace('_', ' ')} can't be cancelled.`, {
      status: order.status,
    });
  }
  // Marked before the provider is called: a crash between its refund and our commit leaves `cancelling`, which
  // reconciliation finishes from the provider's record (never a refunded order that still shows paid).
  const payment = await startRefund(sql, order.id, input.reason, ctx.clock(), input.restock !== false);
  if (payment === 'busy') {
    throw new DomainError('CONFLICT', 'A partial refund of this order is being confirmed: cancel it once that is settled.', {
      payment: 'refunding',
    });
  }
  if (payment && !isCounterPaymentKey(payment.paymentKey)) {
    // No amount: the provider refunds what is left of the payment, i.e. the total less the partial refunds made.
    const refund = await ctx.gateway.cancel(payment.paymentKey, input.reason, `cancel:${order.id}`);
    switch (refund.kind) {
      case 'ok':
        break;
      case 'unknown':
        // It may have refunded: stay `cancelling`. A staff retry sends the same idempotent refund; if nobody
        // retries, reconciliation asks the provider and finishes or gives the payment back.
        throw new DomainError('PAYMENT_PENDING', 'The refund is being confirmed with the payment provider; the order updates by itself.', {
          reason: refund.reason,
        });
      case 'unavailable':
        await abandonRefund(sql, order.id, ctx.clock());
        throw new DomainError('PAYMENT_UNAVAILABLE', 'The payment provider is unavailable: try the refund again shortly.', {
          retryAfterMs: refund.retryAfterMs,
        });
      case 'failed':
        await abandonRefund(sql, order.id, ctx.clock());
        throw new DomainError('PAYMENT_UNAVAILABLE', `The refund did not go through (${refund.reason}): try again.`, {
          retryAfterMs: 5000,
        });
    }
  }
  const now = ctx.clock();
  const refunded = payment ? { method: payment.method } : null;
  const cancelled = await sqlTransaction(ctx.em, (tx) => finishCancel(tx, order.id, input.reason, refunded, now, input.restock));
  const fresh = cancelled ?? (await readOrder(sql, { id: order.id }));
  if (!fresh) throw new DomainError('NOT_FOUND', 'No such order.');
  return presentOrder(fresh.order, fresh.lines);
}

/**
 * The commit of a cancel, shared with reconciliation: the order is cancelled (what is left of its stock back
 * unless `restock` is false, `order.cancelled`) and a refunded payment follows (`refunded` names how it was paid),
 * both guarded, so a staff retry and a reconciliation racing for it finish it once.
 */
export async function finishCancel(
  sql: SqlSession,
  orderId: string,
  reason: string,
  refunded: { method: PaymentMethod } | null,
  now: Date,
  restock = true,
): Promise<StoredOrder | null> {
  const changed = await changeOrderStatus(
    sql,
    orderId,
    { to: 'cancelled', reason, refunded: refunded !== null, restock, ...(refunded ? { method: refunded.method } : {}) },
    now,
  );
  if (refunded) await updatePaymentRow(sql, orderId, ['cancelling'], { status: 'cancelled', cancelledAt: now }, now);
  return changed;
}

import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { OrderCancel, OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { sqlOf, sqlTransaction } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';
import { changeOrderStatus } from '../ordering/change-order-status';
import { presentOrder } from '../ordering/order.presenter';
import { readOrder } from '../ordering/order.repository';
import type { PaymentGateway } from './payment-gateway';
import { donePaymentKey, updatePaymentRow } from './payment.repository';

/**
 * Staff cancel a paid (or accepted) order: the provider refunds first (Idempotency-Key `cancel:<orderId>`), then
 * one transaction cancels the order and gives its stock back. If the refund fails nothing changes and staff can
 * retry. Idempotent on a cancelled order. Throws `NOT_FOUND`, `INVALID_STATE`, `PAYMENT_UNAVAILABLE`.
 */
export async function cancelOrder(
  ctx: { em: EntityManager; actor: Actor; now: () => Date; gateway: PaymentGateway },
  orderId: string,
  input: OrderCancel,
): Promise<OrderDto> {
  const sql = sqlOf(ctx.em);
  const stored = await readOrder(sql, { id: orderId, storeId: ctx.actor.storeId });
  if (!stored) throw new DomainError('NOT_FOUND', 'No such order in this store.');
  const { order } = stored;
  if (order.status === 'cancelled') return presentOrder(order, stored.lines);
  if (order.status !== 'paid' && order.status !== 'accepted') {
    throw new DomainError('INVALID_STATE', `Only paid or accepted orders can be cancelled (this one is ${order.status}).`, { status: order.status });
  }
  const paymentKey = await donePaymentKey(sql, order.id);
  if (paymentKey) {
    const refund = await ctx.gateway.cancel(paymentKey, input.reason, `cancel:${order.id}`);
    if (refund.kind === 'unavailable') {
      throw new DomainError('PAYMENT_UNAVAILABLE', 'The payment provider is unavailable: try the refund again shortly.', { retryAfterMs: refund.retryAfterMs });
    }
    if (refund.kind === 'failed') {
      throw new DomainError('PAYMENT_UNAVAILABLE', `The refund did not go through (${refund.reason}): try again.`, { retryAfterMs: 5000 });
    }
  }
  const now = ctx.now();
  const cancelled = await sqlTransaction(ctx.em, async (tx) => {
    const changed = await changeOrderStatus(tx, order.id, { to: 'cancelled', reason: input.reason, refunded: paymentKey !== null }, now);
    if (paymentKey) await updatePaymentRow(tx, order.id, ['done'], { status: 'cancelled', cancelledAt: now }, now);
    return changed;
  });
  const fresh = cancelled ?? (await readOrder(sql, { id: order.id }));
  if (!fresh) throw new DomainError('NOT_FOUND', 'No such order.');
  return presentOrder(fresh.order, fresh.lines);
}

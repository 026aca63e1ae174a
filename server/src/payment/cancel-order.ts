import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { OrderCancel, OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import type { EntityManager } from '../db/orm';
import { changeOrderStatus } from '../ordering/change-order-status';
import { presentOrder } from '../ordering/order.presenter';
import { loadOrder } from '../ordering/order.repository';
import { Payment } from './payment.entity';
import type { PaymentGateway } from './payment-gateway';
import { updatePaymentRow } from './settle-payment';

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
  const em = ctx.em.fork();
  const order = await loadOrder(em, { id: orderId, store: ctx.actor.storeId });
  if (!order) throw new DomainError('NOT_FOUND', 'No such order in this store.');
  if (order.status === 'cancelled') return presentOrder(order);
  if (order.status !== 'paid' && order.status !== 'accepted') {
    throw new DomainError('INVALID_STATE', `Only paid or accepted orders can be cancelled (this one is ${order.status}).`, { status: order.status });
  }
  const payment = await em.findOne(Payment, { order: order.id, status: 'done' });
  if (payment) {
    const refund = await ctx.gateway.cancel(payment.paymentKey, input.reason, `cancel:${order.id}`);
    if (refund.kind === 'unavailable') {
      throw new DomainError('PAYMENT_UNAVAILABLE', 'The payment provider is unavailable: try the refund again shortly.', { retryAfterMs: refund.retryAfterMs });
    }
    if (refund.kind === 'failed') {
      throw new DomainError('PAYMENT_UNAVAILABLE', `The refund did not go through (${refund.reason}): try again.`, { retryAfterMs: 5000 });
    }
  }
  const now = ctx.now();
  const cancelled = await em.transactional(async (tx) => {
    const changed = await changeOrderStatus(tx, order.id, { to: 'cancelled', reason: input.reason, refunded: payment !== null }, now);
    if (payment) await updatePaymentRow(tx, order.id, ['done'], { status: 'cancelled', cancelledAt: now }, now);
    return changed;
  });
  const fresh = cancelled ?? (await loadOrder(em, { id: order.id }));
  if (!fresh) throw new DomainError('NOT_FOUND', 'No such order.');
  return presentOrder(fresh);
}

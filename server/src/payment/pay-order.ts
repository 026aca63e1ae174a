import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { isPaid } from '@hiorder/domain/ordering/order-lifecycle';
import type { OrderPay } from '@hiorder/domain/payment/payment.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import type { EntityManager } from '../db/orm';
import { presentOrder } from '../ordering/order.presenter';
import { loadOrder, setPaymentState } from '../ordering/order.repository';
import { Payment } from './payment.entity';
import type { PaymentGateway } from './payment-gateway';
import { settlementOf, settlePayment, updatePaymentRow } from './settle-payment';

export interface PayOrderCtx {
  em: EntityManager;
  actor: Extract<Actor, { role: 'table' }>;
  now: () => Date;
  gateway: PaymentGateway;
}

/**
 * Confirms the guest's payment for an order: the saga of DESIGN.md in three phases, each its own transaction.
 * (1) check the order is ours, pending and its amount ours, and mark the payment `confirming` — from then on
 * expiry leaves the order alone; (2) call the provider's confirm outside any transaction, with the
 * Idempotency-Key `confirm:<orderId>:<paymentKey>` (a retry of the same payment reuses it, another card gets
 * another); (3) settle: `paid`, or `payment_failed` with the stock back. A crash between phases is healed by
 * `reconcilePayments`.
 *
 * Throws `NOT_FOUND`, `INVALID_STATE` (expired, failed, cancelled), `PAYMENT_DECLINED` (the order is now
 * `payment_failed`: order again), `PAYMENT_PENDING` (the provider's answer is unknown; the order will move when
 * reconciliation settles it), `PAYMENT_UNAVAILABLE` (circuit open, `details.retryAfterMs`; nothing was charged).
 */
export async function payOrder(ctx: PayOrderCtx, input: OrderPay): Promise<OrderDto> {
  const { actor, gateway } = ctx;
  const amount = await ctx.em.fork().transactional(async (em) => {
    const order = await loadOrder(em, { id: input.orderId, store: actor.storeId, table: actor.tableId });
    if (!order) throw new DomainError('NOT_FOUND', 'No such order for this table.');
    if (isPaid(order.status)) return presentOrder(order);
    if (order.status !== 'pending_payment') {
      throw new DomainError('INVALID_STATE', `This order is ${order.status.replace('_', ' ')}: order again.`, { status: order.status });
    }
    const now = ctx.now();
    if (!(await setPaymentState(em, order.id, ['none', 'declined'], 'unknown', now))) {
      throw new DomainError('PAYMENT_PENDING', 'A payment for this order is already being checked.', { order: presentOrder(order) });
    }
    const existing = await em.findOne(Payment, { order: order.id });
    if (existing) {
      Object.assign(existing, { paymentKey: input.paymentKey, amount: order.total, status: 'confirming', failureCode: null, updatedAt: now });
      existing.attempts += 1;
    } else {
      em.create(Payment, {
        id: newId(),
        store: actor.storeId,
        order: order.id,
        paymentKey: input.paymentKey,
        amount: order.total,
        status: 'confirming',
        providerStatus: null,
        failureCode: null,
        attempts: 1,
        createdAt: now,
        updatedAt: now,
        approvedAt: null,
        cancelledAt: null,
      });
    }
    return order.total;
  });
  if (typeof amount !== 'number') return amount;

  const outcome = await gateway.confirm(
    { paymentKey: input.paymentKey, orderId: input.orderId, amount },
    `confirm:${input.orderId}:${input.paymentKey}`,
  );

  const em = ctx.em.fork();
  switch (outcome.kind) {
    case 'unavailable':
      // Nothing left the process: the order is payable again as soon as the circuit closes.
      await em.transactional(async (tx) => {
        await setPaymentState(tx, input.orderId, ['unknown'], 'none', ctx.now());
        await tx.nativeDelete(Payment, { order: input.orderId, status: 'confirming' });
      });
      throw new DomainError('PAYMENT_UNAVAILABLE', `Payment is unavailable right now: try again in ${Math.ceil(outcome.retryAfterMs / 1000)} s.`, {
        retryAfterMs: outcome.retryAfterMs,
      });
    case 'approved': {
      const settlement = settlementOf(outcome.payment, amount);
      if (settlement && settlement !== 'mismatch') return settleAndPresent(em, input.orderId, settlement, ctx.now());
      return pending(em, input.orderId, ctx.now(), 'the provider approved an unexpected amount');
    }
    case 'declined': {
      const order = await settleAndPresent(em, input.orderId, { outcome: 'failed', code: outcome.code, providerStatus: 'ABORTED' }, ctx.now());
      throw new DomainError('PAYMENT_DECLINED', `The card was declined (${outcome.message}). Try another card.`, { providerCode: outcome.code, order });
    }
    case 'already_processed': {
      const found = await gateway.lookupByOrderId(input.orderId);
      if (found.kind === 'found') {
        const settlement = settlementOf(found.payment, amount);
        if (settlement && settlement !== 'mismatch') return settleAndPresent(em, input.orderId, settlement, ctx.now());
      }
      return pending(em, input.orderId, ctx.now(), 'already processed, lookup undecided');
    }
    case 'unknown':
      return pending(em, input.orderId, ctx.now(), outcome.reason);
  }
}

async function settleAndPresent(em: EntityManager, orderId: string, settlement: Parameters<typeof settlePayment>[2], now: Date): Promise<OrderDto> {
  await em.transactional((tx) => settlePayment(tx, orderId, settlement, now));
  const order = await loadOrder(em, { id: orderId });
  if (!order) throw new DomainError('NOT_FOUND', 'No such order.');
  return presentOrder(order);
}

/** The provider's answer is unknown: reconciliation will ask it. Fail closed — never declined, never paid. */
async function pending(em: EntityManager, orderId: string, now: Date, reason: string): Promise<never> {
  await em.transactional((tx) => updatePaymentRow(tx, orderId, ['confirming'], { status: 'unknown', failureCode: reason.slice(0, 60) }, now));
  const order = await loadOrder(em, { id: orderId });
  throw new DomainError('PAYMENT_PENDING', 'We are confirming the payment with the provider; the order updates by itself.', {
    order: order ? presentOrder(order) : null,
  });
}

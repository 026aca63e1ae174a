import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { isPaid } from '@hiorder/domain/ordering/order-lifecycle';
import type { OrderPay } from '@hiorder/domain/payment/payment.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { sqlOf, sqlTransaction } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';
import { presentOrder } from '../ordering/order.presenter';
import { readOrder, setPaymentState, type StoredOrder } from '../ordering/order.repository';
import type { PaymentGateway } from './payment-gateway';
import { dropConfirmingPayment, startPaymentAttempt, updatePaymentRow } from './payment.repository';
import { settlementOf, settlePayment, type Settlement } from './settle-payment';

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
  const amount = await sqlTransaction(ctx.em, async (sql) => {
    const stored = await readOrder(sql, { id: input.orderId, storeId: actor.storeId, tableId: actor.tableId });
    if (!stored) throw new DomainError('NOT_FOUND', 'No such order for this table.');
    const { order } = stored;
    if (isPaid(order.status)) return present(stored);
    if (order.status !== 'pending_payment') {
      throw new DomainError('INVALID_STATE', `This order is ${order.status.replace('_', ' ')}: order again.`, { status: order.status });
    }
    const now = ctx.now();
    if (!(await setPaymentState(sql, order.id, ['none', 'declined'], 'unknown', now))) {
      throw new DomainError('PAYMENT_PENDING', 'A payment for this order is already being checked.', { order: present(stored) });
    }
    await startPaymentAttempt(sql, { storeId: actor.storeId, orderId: order.id, paymentKey: input.paymentKey, amount: order.total, now });
    return order.total;
  });
  if (typeof amount !== 'number') return amount;

  const outcome = await gateway.confirm(
    { paymentKey: input.paymentKey, orderId: input.orderId, amount },
    `confirm:${input.orderId}:${input.paymentKey}`,
  );

  switch (outcome.kind) {
    case 'unavailable':
      // Nothing left the process: the order is payable again as soon as the circuit closes.
      await sqlTransaction(ctx.em, async (sql) => {
        await setPaymentState(sql, input.orderId, ['unknown'], 'none', ctx.now());
        await dropConfirmingPayment(sql, input.orderId);
      });
      throw new DomainError('PAYMENT_UNAVAILABLE', `Payment is unavailable right now: try again in ${Math.ceil(outcome.retryAfterMs / 1000)} s.`, {
        retryAfterMs: outcome.retryAfterMs,
      });
    case 'approved': {
      const settlement = settlementOf(outcome.payment, amount);
      if (settlement && settlement !== 'mismatch') return settleAndPresent(ctx.em, input.orderId, settlement, ctx.now());
      return pending(ctx.em, input.orderId, ctx.now(), 'the provider approved an unexpected amount');
    }
    case 'declined': {
      const order = await settleAndPresent(ctx.em, input.orderId, { outcome: 'failed', code: outcome.code, providerStatus: 'ABORTED' }, ctx.now());
      throw new DomainError('PAYMENT_DECLINED', `The card was declined (${outcome.message}). Try another card.`, { providerCode: outcome.code, order });
    }
    case 'already_processed': {
      const found = await gateway.lookupByOrderId(input.orderId);
      if (found.kind === 'found') {
        const settlement = settlementOf(found.payment, amount);
        if (settlement && settlement !== 'mismatch') return settleAndPresent(ctx.em, input.orderId, settlement, ctx.now());
      }
      return pending(ctx.em, input.orderId, ctx.now(), 'already processed, lookup undecided');
    }
    case 'unknown':
      return pending(ctx.em, input.orderId, ctx.now(), outcome.reason);
  }
}

const present = (stored: StoredOrder): OrderDto => presentOrder(stored.order, stored.lines);

/** Settles and answers the order as it is now (settled by us, or by a reconciliation that got there first). */
async function settleAndPresent(em: EntityManager, orderId: string, settlement: Settlement, now: Date): Promise<OrderDto> {
  const settled = await sqlTransaction(em, (sql) => settlePayment(sql, orderId, settlement, now));
  const stored = settled ?? (await readOrder(sqlOf(em), { id: orderId }));
  if (!stored) throw new DomainError('NOT_FOUND', 'No such order.');
  return present(stored);
}

/** The provider's answer is unknown: reconciliation will ask it. Fail closed — never declined, never paid. */
async function pending(em: EntityManager, orderId: string, now: Date, reason: string): Promise<never> {
  await sqlTransaction(em, (sql) => updatePaymentRow(sql, orderId, ['confirming'], { status: 'unknown', failureCode: reason.slice(0, 60) }, now));
  const stored = await readOrder(sqlOf(em), { id: orderId });
  throw new DomainError('PAYMENT_PENDING', 'We are confirming the payment with the provider; the order updates by itself.', {
    order: stored ? present(stored) : null,
  });
}

import type { SagaContext, TableActor } from '../command-context';
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

export interface PayOrderCtx extends SagaContext<TableActor> {
  gateway: PaymentGateway;
}

/**
 * Confirms one payment *attempt* of an order: the saga of DESIGN.md in three phases, each its own transaction.
 * (1) check the order is ours, unpaid, with no attempt in flight, and mark the attempt `confirming` — from then
 * on expiry leaves the order alone; (2) call the provider's confirm outside any transaction, with the
 * Idempotency-Key `confirm:<orderId>:<paymentKey>` (a retry of the same attempt reuses it, a new attempt with
 * another authorisation gets its own); (3) settle: `paid`, or the attempt failed and the order stays payable
 * (its stock held) until its reservation ends. A crash between phases is healed by `reconcilePayments`.
 *
 * Throws `NOT_FOUND`, `INVALID_STATE` (expired, cancelled), `PAYMENT_DECLINED` (this attempt was refused — a
 * card refusal, an expired session, another order's or an unknown paymentKey; the order is still payable),
 * `PAYMENT_AMOUNT_MISMATCH` (the provider holds an authorisation for another amount; nothing was charged, the
 * order is still payable), `PAYMENT_PENDING` (an attempt is in flight or its answer is unknown; the order moves
 * when reconciliation settles it), `PAYMENT_UNAVAILABLE` (circuit open, `details.retryAfterMs`; nothing was
 * charged).
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
    if (order.paymentState === 'split')
      throw new DomainError('SPLIT_IN_PROGRESS', 'This bill is being split between phones: pay a share of it.', { order: present(stored) });
    const now = ctx.clock();
    // A guest who chose the counter may still pay by card.
    if (!(await setPaymentState(sql, order.id, ['none', 'declined', 'counter'], 'unknown', now))) {
      throw new DomainError('PAYMENT_PENDING', 'A payment for this order is already being checked.', { order: present(stored) });
    }
    await startPaymentAttempt(sql, { storeId: actor.storeId, orderId: order.id, paymentKey: input.paymentKey, amount: order.total, now });
    return order.total;
  });
  if (typeof amount !== 'number') return amount;

  const outcome = await gateway.confirm(
    { paymentKey: input.paymentKey, orderId: input.orderId, amount },
    confirmKey(input.orderId, input.paymentKey),
  );

  switch (outcome.kind) {
    case 'unavailable':
      // Nothing left the process: the order is payable again as soon as the circuit closes.
      await sqlTransaction(ctx.em, async (sql) => {
        await setPaymentState(sql, input.orderId, ['unknown'], 'none', ctx.clock());
        await dropConfirmingPayment(sql, input.orderId);
      });
      throw new DomainError(
        'PAYMENT_UNAVAILABLE',
        `Payment is unavailable right now: try again in ${Math.ceil(outcome.retryAfterMs / 1000)} s.`,
        {
          retryAfterMs: outcome.retryAfterMs,
        },
      );
    case 'approved': {
      const settlement = settlementOf(outcome.payment, amount);
      if (settlement && typeof settlement !== 'string' && settlement.outcome === 'paid')
        return settleAndPresent(ctx.em, input.orderId, settlement, ctx.clock());
      return pending(ctx.em, input.orderId, ctx.clock(), 'the provider approved an unexpected amount');
    }
    case 'declined': {
      const order = await settleAndPresent(
        ctx.em,
        input.orderId,
        { outcome: 'failed', code: outcome.code, providerStatus: 'ABORTED' },
        ctx.clock(),
      );
      throw new DomainError('PAYMENT_DECLINED', `The payment was declined (${outcome.message}). Try again or another card.`, {
        providerCode: outcome.code,
        order,
      });
    }
    case 'already_processed': {
      const found = await gateway.lookupByOrderId(input.orderId);
      if (found.kind === 'found') {
        const settlement = settlementOf(found.payment, amount);
        if (settlement && typeof settlement !== 'string' && settlement.outcome === 'paid')
          return settleAndPresent(ctx.em, input.orderId, settlement, ctx.clock());
      }
      return pending(ctx.em, input.orderId, ctx.clock(), 'already processed, lookup undecided');
    }
    case 'unknown': {
      // A 4xx we don't know (Toss answers a confirm for another amount than the authorised one with such a
      // refusal): ask the provider what it holds for this order before calling it unknown.
      if (outcome.httpStatus !== undefined && outcome.httpStatus < 500 && outcome.httpStatus !== 409) {
        const found = await gateway.lookupByOrderId(input.orderId);
        if (found.kind === 'found' && found.payment?.paymentKey === input.paymentKey) {
          const settlement = settlementOf(found.payment, amount);
          if (settlement && typeof settlement !== 'string') {
            const order = await settleAndPresent(ctx.em, input.orderId, settlement, ctx.clock());
            if (settlement.outcome === 'paid') return order;
            if (settlement.code === 'PAYMENT_AMOUNT_MISMATCH') {
              throw new DomainError(
                'PAYMENT_AMOUNT_MISMATCH',
                'The payment was authorised for another amount than this order: pay again.',
                {
                  authorised: found.payment.totalAmount,
                  total: amount,
                  order,
                },
              );
            }
            throw new DomainError('PAYMENT_DECLINED', `The payment was not completed (${settlement.code}). Try again.`, {
              providerCode: settlement.code,
              order,
            });
          }
        }
      }
      return pending(ctx.em, input.orderId, ctx.clock(), outcome.reason);
    }
  }
}

/** One key per attempt and operation: the attempt's retries (and reconciliation) reuse it, a new attempt has its own. */
export function confirmKey(orderId: string, paymentKey: string): string {
  return `confirm:${orderId}:${paymentKey}`;
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
  await sqlTransaction(em, (sql) =>
    updatePaymentRow(sql, orderId, ['confirming'], { status: 'unknown', failureCode: reason.slice(0, 60) }, now),
  );
  const stored = await readOrder(sqlOf(em), { id: orderId });
  throw new DomainError('PAYMENT_PENDING', 'We are confirming the payment with the provider; the order updates by itself.', {
    order: stored ? present(stored) : null,
  });
}

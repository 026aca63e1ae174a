import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { CounterSettle, OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { isPaid } from '@hiorder/domain/ordering/order-lifecycle';
import { DomainError } from '@hiorder/domain/shared/errors';
import { sqlTransaction } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';
import { changeOrderStatus, requestCounterPayment } from '../ordering/change-order-status';
import { presentOrder } from '../ordering/order.presenter';
import { readOrder } from '../ordering/order.repository';
import { recordCounterPayment } from './payment.repository';
import { settleSplitRestAtCounter } from './split/split-staff';

/** The paymentKey of a payment taken at the counter: no provider holds it, so a refund of it is made by staff. */
export const counterPaymentKey = (orderId: string): string => `counter:${orderId}`;
export const isCounterPaymentKey = (paymentKey: string): boolean => paymentKey.startsWith('counter:');

/**
 * The guest chose "pay at the counter" for an unpaid order of their table: the order waits on the board as
 * awaiting counter payment (never to the kitchen, I2) and no longer expires by itself; staff settle or cancel
 * it. Idempotent. Throws `NOT_FOUND`, `INVALID_STATE` (paid, expired, cancelled), `PAYMENT_PENDING` (an easy-pay
 * attempt is in flight: its answer decides first).
 */
export async function payAtCounter(
  ctx: { em: EntityManager; actor: Extract<Actor, { role: 'table' }>; now: Date },
  orderId: string,
): Promise<OrderDto> {
  return sqlTransaction(ctx.em, async (sql) => {
    const stored = await readOrder(sql, { id: orderId, storeId: ctx.actor.storeId, tableId: ctx.actor.tableId });
    if (!stored) throw new DomainError('NOT_FOUND', 'No such order for this table.');
    const { order } = stored;
    if (order.status !== 'pending_payment')
      throw new DomainError('INVALID_STATE', `This order is ${order.status.replace('_', ' ')}.`, { status: order.status });
    if (order.paymentState === 'counter') return presentOrder(order, stored.lines);
    if (order.paymentState === 'unknown')
      throw new DomainError('PAYMENT_PENDING', 'A payment for this order is being confirmed; wait for its answer.');
    const changed = await requestCounterPayment(sql, orderId, ctx.now);
    if (!changed) throw new DomainError('INVALID_STATE', 'The order changed meanwhile: reload it.');
    return presentOrder(changed.order, changed.lines);
  });
}

/**
 * Staff took the payment of an unpaid order at the counter (cash, card terminal, other): in one transaction a
 * payment record of the order's total (of a split bill: what its shares left) is written and the order becomes `paid` — released to the kitchen like any
 * paid order, `order.paid` carrying the method for the statistics. Works whether or not the guest asked for the
 * counter (a declined card, a guest at the till). Idempotent on a paid order. Throws `NOT_FOUND`, `INVALID_STATE`
 * (expired, cancelled, or an easy-pay attempt in flight: it may be charged — wait for its answer).
 */
export async function settleAtCounter(
  ctx: { em: EntityManager; actor: Actor; now: Date },
  orderId: string,
  input: CounterSettle,
): Promise<OrderDto> {
  return sqlTransaction(ctx.em, async (sql) => {
    const stored = await readOrder(sql, { id: orderId, storeId: ctx.actor.storeId });
    if (!stored) throw new DomainError('NOT_FOUND', 'No such order in this store.');
    const { order } = stored;
    if (isPaid(order.status)) return presentOrder(order, stored.lines);
    if (order.status !== 'pending_payment')
      throw new DomainError('INVALID_STATE', `This order is ${order.status.replace('_', ' ')}.`, { status: order.status });
    if (order.paymentState === 'unknown') {
      throw new DomainError(
        'INVALID_STATE',
        'An easy-pay payment of this order is being confirmed: wait for its answer before taking money.',
        { payment: 'unknown' },
      );
    }
    if (order.paymentState === 'split') {
      const paid = await settleSplitRestAtCounter(sql, stored, input, ctx.now);
      return presentOrder(paid.order, paid.lines);
    }
    // The one payment of the order (I4: the sum of charges never exceeds the total); a declined attempt's row is reused.
    await recordCounterPayment(sql, {
      storeId: ctx.actor.storeId,
      orderId,
      paymentKey: counterPaymentKey(orderId),
      amount: order.total,
      method: input.method,
      now: ctx.now,
    });
    const paid = await changeOrderStatus(sql, orderId, { to: 'paid', method: input.method }, ctx.now);
    if (!paid) throw new DomainError('INVALID_STATE', 'The order changed meanwhile: reload it.');
    return presentOrder(paid.order, paid.lines);
  });
}

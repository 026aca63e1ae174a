import type { SagaContext } from '../../command-context';
import type { CounterSettle } from '@hiorder/domain/ordering/ordering.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { sqlTransaction, type SqlSession } from '../../db/direct-sql';
import { changeOrderStatus } from '../../ordering/change-order-status';
import { readOrder, type StoredOrder } from '../../ordering/order.repository';
import type { PaymentGateway } from '../payment-gateway';
import { closeSplitOrder, refundMarkedShares } from './split-bills';
import { addPaid, closeSplitRow, insertShare, lockOrderRow, markSharesForRefund, readSplitRow } from './split.repository';

/** Does this order's bill have a split (shares were taken)? Such an order is settled and refunded share by share. */
export async function hasSplit(sql: SqlSession, orderId: string): Promise<boolean> {
  return (await readSplitRow(sql, orderId)) !== null;
}

/**
 * Staff take the rest of a split bill at the counter, inside the caller's transaction: a share of what is left
 * (recorded, `counter:<shareId>`, no provider) closes the split and the order is `paid` with the counter's method.
 * Refused (`INVALID_STATE`) while a phone's share is being charged: its answer decides first.
 */
export async function settleSplitRestAtCounter(
  sql: SqlSession,
  stored: StoredOrder,
  input: CounterSettle,
  now: Date,
): Promise<StoredOrder> {
  const orderId = stored.order.id;
  await lockOrderRow(sql, orderId);
  const split = await readSplitRow(sql, orderId);
  if (!split || split.state !== 'open') throw new DomainError('INVALID_STATE', 'This bill is settled already: reload it.');
  if (split.reserved !== split.paid)
    throw new DomainError('INVALID_STATE', 'A share of this bill is being charged from a phone: wait for its answer before taking money.', {
      inFlight: split.reserved - split.paid,
    });
  const rest = split.total - split.paid;
  const shareId = newId();
  const reserved = await sql.run(
    `update bill_split set reserved = reserved + ?, updated_at = ? where order_id = ? and state = 'open' and reserved = paid and reserved + ? = total`,
    [rest, now, orderId, rest],
  );
  if (reserved !== 1) throw new DomainError('INVALID_STATE', 'The bill changed meanwhile: reload it.');
  await insertShare(
    sql,
    { id: shareId, storeId: stored.order.store.id, orderId, deviceId: null, amount: rest, claims: [], paymentKey: `counter:${shareId}` },
    'done',
    now,
  );
  await addPaid(sql, orderId, rest, now);
  if (!(await closeSplitRow(sql, orderId, now))) throw new DomainError('INVALID_STATE', 'The bill changed meanwhile: reload it.');
  const paid = await changeOrderStatus(sql, orderId, { to: 'paid', method: input.method }, now);
  if (!paid) throw new DomainError('INVALID_STATE', 'The order changed meanwhile: reload it.');
  return paid;
}

/**
 * Staff cancel a split order, unpaid or paid: one transaction closes its split (refused while a share is being
 * charged), cancels the order (stock back unless staff said the paid food was cooked: `restock` false) and marks every paid share for refund; then the refunds go to the
 * provider at once, each with its own Idempotency-Key (`cancel:<shareId>`). A refund that fails now is retried by
 * the split-bills job — the order already shows cancelled with refund. Throws `INVALID_STATE`.
 */
export async function cancelSplitOrder(
  ctx: Omit<SagaContext, 'actor'> & { gateway: PaymentGateway },
  stored: StoredOrder,
  reason: string,
  restock = true,
): Promise<StoredOrder> {
  const orderId = stored.order.id;
  const now = ctx.clock();
  await sqlTransaction(ctx.em, async (sql) => {
    await lockOrderRow(sql, orderId);
    const split = await readSplitRow(sql, orderId);
    if (split?.state === 'open') {
      if (!(await closeSplitOrder(sql, orderId, { to: 'cancelled', reason }, reason, now)))
        throw new DomainError(
          'INVALID_STATE',
          'A share of this bill is being charged from a phone: wait for its answer before cancelling.',
        );
      return;
    }
    // Paid (its split closed when the shares covered it): cancelled, every share refunded.
    // Staff's stock choice, in the transaction that cancels it (cooked food stays out of stock).
    const changed = await changeOrderStatus(sql, orderId, { to: 'cancelled', reason, refunded: true, restock }, now);
    if (!changed) throw new DomainError('INVALID_STATE', 'The order changed meanwhile: reload it.');
    await markSharesForRefund(sql, orderId, reason, now);
  });
  await refundMarkedShares(ctx.em, ctx.gateway, ctx.clock(), { orderId });
  const fresh = await sqlTransaction(ctx.em, (sql) => readOrder(sql, { id: orderId }));
  if (!fresh) throw new DomainError('NOT_FOUND', 'No such order.');
  return fresh;
}

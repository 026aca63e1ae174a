import type { SqlSession } from '../../db/direct-sql';
import { changeOrderStatus } from '../../ordering/change-order-status';
import { presentOrder } from '../../ordering/order.presenter';
import { readOrder } from '../../ordering/order.repository';
import { appendEvent } from '../../outbox/record-event';
import type { Settlement } from '../settle-payment';
import { addPaid, closeSplitRow, lockOrderRow, moveShare, presentSplit, readShare, releaseShare, touchOrder } from './split.repository';

export type ShareSettlement = Settlement;

/**
 * Phase 3 of a share's saga, shared by the phone's payment and reconciliation, inside the caller's transaction.
 * `paid`: the share is charged; when the paid shares cover the total the split closes and the order becomes `paid`
 * (`order.paid`, to the kitchen). `failed`: nothing was charged; the share's reservation and parts are given back
 * for another try. Either way `order.split_changed` tells the table. Guarded on the share being in flight, so a
 * payment answer and a reconciliation racing for it settle it once. Returns false when the guard lost.
 */
export async function settleShare(sql: SqlSession, shareId: string, settlement: ShareSettlement, now: Date): Promise<boolean> {
  const share = await readShare(sql, shareId);
  if (!share) return false;
  await lockOrderRow(sql, share.orderId);
  if (settlement.outcome === 'paid') {
    if (!(await moveShare(sql, shareId, ['confirming', 'unknown'], 'done', { providerStatus: settlement.providerStatus }, now)))
      return false;
    const split = await addPaid(sql, share.orderId, share.amount, now);
    if (split && split.paid >= split.total && (await closeSplitRow(sql, share.orderId, now))) {
      // The shares cover the total: to the kitchen like any paid order (I2 holds until this commit).
      if (await changeOrderStatus(sql, share.orderId, { to: 'paid', method: 'easy_pay' }, now)) return true;
    }
  } else {
    const moved = await moveShare(
      sql,
      shareId,
      ['confirming', 'unknown'],
      'declined',
      { providerStatus: settlement.providerStatus, failureCode: settlement.code.slice(0, 60) },
      now,
    );
    if (!moved) return false;
    await releaseShare(sql, share, now);
  }
  await recordSplitChanged(sql, share.orderId, now);
  return true;
}

/** `order.split_changed` with the order (revision moved on, so clients take it) and its split. */
export async function recordSplitChanged(sql: SqlSession, orderId: string, now: Date): Promise<void> {
  await touchOrder(sql, orderId, now);
  const stored = await readOrder(sql, { id: orderId });
  if (!stored) return;
  const order = presentOrder(stored.order, stored.lines);
  const split = await presentSplit(sql, stored.order, null);
  await appendEvent(sql, { type: 'order.split_changed', storeId: order.storeId, aggregateId: orderId, payload: { order, split }, now });
}

import type { MikroORM } from '@mikro-orm/core';
import { PAYMENT_SESSION_MS } from '@hiorder/domain/payment/payment.schemas';
import { sqlOf, sqlTransaction, type SqlSession } from '../../db/direct-sql';
import { forkEm, type EntityManager } from '../../db/orm';
import { fromDbTime } from '../../db/sql';
import type { Logger } from '../../logger';
import { changeOrderStatus } from '../../ordering/change-order-status';
import type { PaymentGateway } from '../payment-gateway';
import { decide as decideAttempt } from '../reconcile-payments';
import { closeSplitRow, lockOrderRow, markSharesForRefund, moveShare } from './split.repository';
import { recordSplitChanged, settleShare } from './settle-share';

export interface SplitBillsResult {
  /** Shares whose answer was lost, settled from the provider's record. */
  sharesReconciled: number;
  /** Split orders past their reservation with the rest never paid: expired, stock back. */
  expired: number;
  /** Paid shares refunded (compensation), and refunds still waiting for the provider. */
  refunded: number;
  refundsPending: number;
}

/**
 * The split bills' scheduled job, in three steps, each safe to run twice at once:
 * 1. reconciliation of shares: `unknown`, or `confirming` older than `staleAfterMs` (a crash between the charge and
 *    our commit) → asked from the provider by the share's id and settled like the phone's answer would have;
 * 2. expiry (compensation): a split order past its reservation with nothing in flight is closed in one transaction —
 *    the order `expired` (stock back, never to the kitchen) and every paid share marked `refunding`;
 * 3. refunds: each `refunding` share is refunded through the provider with the Idempotency-Key `cancel:<shareId>`
 *    (a retry reuses it, so a lost answer is safe to send again) and marked `refunded`; failures wait for the next run.
 */
export async function settleSplitBills(
  orm: MikroORM,
  gateway: PaymentGateway,
  logger: Logger,
  now: Date,
  options: { staleAfterMs?: number; sessionMs?: number; limit?: number } = {},
): Promise<SplitBillsResult> {
  const em = forkEm(orm);
  const limit = options.limit ?? 100;
  const result: SplitBillsResult = { sharesReconciled: 0, expired: 0, refunded: 0, refundsPending: 0 };
  const staleBefore = new Date(now.getTime() - (options.staleAfterMs ?? 30_000));
  const sessionOverBefore = now.getTime() - (options.sessionMs ?? PAYMENT_SESSION_MS);

  const lost = await sqlOf(em).all<{ id: string; amount: number | string; payment_key: string; updated_at: unknown }>(
    `select id, amount, payment_key, updated_at from payment_share
      where (status = 'unknown' or (status = 'confirming' and updated_at < ?)) and payment_key not like 'counter:%'
      order by updated_at limit ?`,
    [staleBefore, limit],
  );
  for (const share of lost) {
    const decided = await decideAttempt(gateway, {
      orderId: share.id,
      paymentKey: share.payment_key,
      amount: Number(share.amount),
      sessionOver: fromDbTime(share.updated_at).getTime() < sessionOverBefore,
    });
    if (!decided) continue;
    if (await sqlTransaction(em, (sql) => settleShare(sql, share.id, decided, now))) result.sharesReconciled += 1;
    logger.info({ shareId: share.id, outcome: decided.outcome }, 'split share reconciled');
  }

  const due = await sqlOf(em).all<{ id: string }>(
    `select o.id from orders o join bill_split b on b.order_id = o.id
      where o.status = 'pending_payment' and o.payment_state = 'split' and b.state = 'open' and o.expires_at < ?
      order by o.expires_at limit ?`,
    [now, limit],
  );
  for (const { id } of due) {
    const closed = await sqlTransaction(em, (sql) => closeSplitOrder(sql, id, { to: 'expired' }, 'Split bill not completed in time', now));
    if (closed) result.expired += 1;
  }

  const refunds = await refundMarkedShares(em, gateway, now, { limit, logger });
  result.refunded = refunds.refunded;
  result.refundsPending = refunds.pending;
  return result;
}

/**
 * Ends a split order that will not be paid by its shares (expiry, a staff cancel): the split closes only when no
 * share is in flight (`reserved = paid`, on the split row the reservations contend on), then the order moves (stock
 * back) and every paid share is marked for refund, all in the caller's transaction. False when a share is in
 * flight or the order moved meanwhile (nothing changed).
 */
export async function closeSplitOrder(
  sql: SqlSession,
  orderId: string,
  change: { to: 'expired' } | { to: 'cancelled'; reason: string },
  refundReason: string,
  now: Date,
): Promise<boolean> {
  await lockOrderRow(sql, orderId);
  if (!(await closeSplitRow(sql, orderId, now))) return false;
  const marked = await markSharesForRefund(sql, orderId, refundReason, now);
  const moved =
    change.to === 'expired'
      ? await changeOrderStatus(sql, orderId, { to: 'expired' }, now)
      : await changeOrderStatus(sql, orderId, { to: 'cancelled', reason: change.reason, refunded: marked > 0 }, now);
  if (!moved) throw new Error(`split order ${orderId} could not move to ${change.to}`);
  return true;
}

/**
 * Refunds every share marked `refunding` (compensation of an expired or cancelled split order): through the
 * provider with the Idempotency-Key `cancel:<shareId>`; a share taken at the counter is refunded by staff, so only
 * recorded. `order.split_changed` tells the table each refund.
 */
export async function refundMarkedShares(
  em: EntityManager,
  gateway: PaymentGateway,
  now: Date,
  options: { limit?: number; orderId?: string; logger?: Logger } = {},
): Promise<{ refunded: number; pending: number }> {
  const { limit = 100, orderId, logger } = options;
  const rows = await sqlOf(em).all<{ id: string; order_id: string; payment_key: string; failure_code: string | null }>(
    `select id, order_id, payment_key, failure_code from payment_share where status = 'refunding' and order_id = coalesce(?, order_id)
      order by updated_at limit ?`,
    [orderId ?? null, limit],
  );
  let refunded = 0;
  let pending = 0;
  for (const row of rows) {
    if (!row.payment_key.startsWith('counter:')) {
      const answer = await gateway.cancel(row.payment_key, row.failure_code ?? 'Split bill refunded', `cancel:${row.id}`);
      if (answer.kind !== 'ok') {
        pending += 1;
        logger?.warn({ shareId: row.id, answer }, 'split share refund not done yet; retried by the next run');
        continue;
      }
    }
    const done = await sqlTransaction(em, async (sql) => {
      if (!(await moveShare(sql, row.id, ['refunding'], 'refunded', { providerStatus: 'CANCELED', failureCode: row.failure_code }, now)))
        return false;
      await recordSplitChanged(sql, row.order_id, now);
      return true;
    });
    if (done) refunded += 1;
  }
  return { refunded, pending };
}

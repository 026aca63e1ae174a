import type { MikroORM } from '@mikro-orm/core';
import { sqlOf, sqlTransaction } from '../db/direct-sql';
import { forkEm } from '../db/orm';
import type { Logger } from '../logger';
import type { PaymentGateway } from './payment-gateway';
import { finishCancel } from './cancel-order';
import { abandonRefund, methodOfPayment } from './payment.repository';
import { settlementOf, settlePayment, type Settlement } from './settle-payment';
import { confirmKey } from './pay-order';
import { PAYMENT_SESSION_MS, partialRefundFromProvider } from '@hiorder/domain/payment/payment.schemas';
import { isCounterPaymentKey } from './counter-payment';
import { failRefund, settleRefund } from './refund-order';
import { fromDbTime } from '../db/sql';

export interface ReconcileResult {
  checked: number;
  paid: number;
  failed: number;
  stillUnknown: number;
  /** Staff refunds a crash left half done: finished (the provider refunded) or given back to `done` (it did not). */
  refundsFinished: number;
  refundsAbandoned: number;
  /** Partial refunds whose answer was lost: applied to the order (the provider made them) or failed (it did not). */
  partialRefundsSettled: number;
  partialRefundsFailed: number;
}

/**
 * Settles every payment attempt whose outcome we don't know: `unknown` (timeout, 5xx, lost answer) and
 * `confirming` rows older than `staleAfterMs` (the process died during the confirm call, or between the
 * provider's answer and our commit). Asks the provider by *our* order id (`GET /v1/payments/orders/{orderId}`):
 * - DONE with our amount → paid; DONE with another amount → refunded, the attempt failed;
 * - READY / IN_PROGRESS for our amount (authorised, not confirmed) → the confirm is sent again with the attempt's
 *   own Idempotency-Key while the provider's session is open (`sessionMs`), and its answer settles it; once the
 *   session is over such a payment can never be charged, so the attempt fails;
 * - READY / IN_PROGRESS for another amount → the attempt is refused (`PAYMENT_AMOUNT_MISMATCH`), nothing charged;
 * - ABORTED, EXPIRED, CANCELED or none → the attempt failed.
 * A failed attempt leaves the order payable until its reservation ends; past it the order expires at once, stock
 * back and the guest told. Safe to run twice at once: settlement is guarded per order.
 * Also finishes staff refunds left `cancelling` for longer than `staleAfterMs` (the process died between the
 * provider's refund and our commit): CANCELED at the provider → the order is cancelled and the payment refunded,
 * the stock back or not as staff chose when they cancelled (`payment.cancel_restock`);
 * still DONE → the payment is `done` again, for staff to retry.
 */
export async function reconcilePayments(
  orm: MikroORM,
  gateway: PaymentGateway,
  logger: Logger,
  now: Date,
  options: { staleAfterMs?: number; limit?: number; sessionMs?: number } = {},
): Promise<ReconcileResult> {
  const em = forkEm(orm);
  const staleBefore = new Date(now.getTime() - (options.staleAfterMs ?? 30_000));
  const sessionOverBefore = now.getTime() - (options.sessionMs ?? PAYMENT_SESSION_MS);
  const rows = await sqlOf(em).all<{ order_id: string; amount: number; payment_key: string; updated_at: unknown }>(
    `select order_id, amount, payment_key, updated_at from payment
      where status = 'unknown' or (status = 'confirming' and updated_at < ?)
      order by updated_at limit ?`,
    [staleBefore, options.limit ?? 100],
  );
  const result: ReconcileResult = {
    checked: rows.length,
    paid: 0,
    failed: 0,
    stillUnknown: 0,
    refundsFinished: 0,
    refundsAbandoned: 0,
    partialRefundsSettled: 0,
    partialRefundsFailed: 0,
  };
  for (const row of rows) {
    const amount = Number(row.amount);
    const sessionOver = fromDbTime(row.updated_at).getTime() < sessionOverBefore;
    const decided = await decide(gateway, { orderId: row.order_id, paymentKey: row.payment_key, amount, sessionOver });
    if (!decided) {
      result.stillUnknown += 1;
      continue;
    }
    await sqlTransaction(em, (sql) => settlePayment(sql, row.order_id, decided, now));
    if (decided.outcome === 'paid') result.paid += 1;
    else result.failed += 1;
    logger.info(
      { orderId: row.order_id, outcome: decided.outcome, code: decided.outcome === 'failed' ? decided.code : undefined },
      'payment reconciled',
    );
  }
  await finishStaleRefunds(orm, gateway, logger, staleBefore, options.limit ?? 100, result);
  await settlePartialRefunds(orm, gateway, logger, staleBefore, options.limit ?? 100, result);
  return result;
}

/**
 * Partial refunds left `unknown` (lost answer) or `requested` for longer than `staleAfterMs` (the process died
 * around the provider call): the provider's refunded sum says whether it was made (`partialRefundFromProvider`).
 * Made → applied to the order once (`settleRefund` is guarded); not made → failed, the payment open again. A
 * refund of a counter payment never went to a provider: it is applied.
 */
async function settlePartialRefunds(
  orm: MikroORM,
  gateway: PaymentGateway,
  logger: Logger,
  staleBefore: Date,
  limit: number,
  result: ReconcileResult,
): Promise<void> {
  const em = forkEm(orm);
  const rows = await sqlOf(em).all<{
    id: string;
    order_id: string;
    amount: number | string;
    refunded_amount: number | string;
    payment_key: string;
  }>(
    `select r.id, r.order_id, r.amount, o.refunded_amount, p.payment_key from payment_refund r
       join orders o on o.id = r.order_id join payment p on p.order_id = r.order_id
      where r.status = 'unknown' or (r.status = 'requested' and r.updated_at < ?)
      order by r.updated_at limit ?`,
    [staleBefore, limit],
  );
  for (const row of rows) {
    result.checked += 1;
    let verdict: ReturnType<typeof partialRefundFromProvider>;
    if (isCounterPaymentKey(row.payment_key)) verdict = 'refunded';
    else {
      const found = await gateway.lookupByOrderId(row.order_id);
      verdict =
        found.kind === 'found'
          ? partialRefundFromProvider(found.payment, { alreadyRefunded: Number(row.refunded_amount), amount: Number(row.amount) })
          : 'still_unknown';
    }
    const now = new Date();
    if (verdict === 'refunded') {
      if (await sqlTransaction(em, (sql) => settleRefund(sql, row.id, now))) result.partialRefundsSettled += 1;
      logger.info({ orderId: row.order_id, refundId: row.id }, 'partial refund settled by reconciliation');
    } else if (verdict === 'not_refunded') {
      await sqlTransaction(em, (sql) => failRefund(sql, row.id, 'NOT_REFUNDED_BY_PROVIDER', now));
      result.partialRefundsFailed += 1;
      logger.info({ orderId: row.order_id, refundId: row.id }, 'partial refund never made by the provider; failed');
    } else {
      result.stillUnknown += 1;
    }
  }
}

/** What one attempt settles to, from the provider's record (and a repeated confirm); null while undecided. */
export async function decide(
  gateway: PaymentGateway,
  attempt: { orderId: string; paymentKey: string; amount: number; sessionOver: boolean },
): Promise<Settlement | null> {
  const found = await gateway.lookupByOrderId(attempt.orderId);
  if (found.kind !== 'found') return null;
  const verdict = settlementOf(found.payment, attempt.amount);
  switch (verdict) {
    case null:
      return null;
    case 'refund': {
      const key = found.payment?.paymentKey ?? attempt.paymentKey;
      const refund = await gateway.cancel(key, 'Amount differs from the order', `cancel:${attempt.orderId}:mismatch`);
      return refund.kind === 'ok' ? { outcome: 'failed', code: 'AMOUNT_MISMATCH_REFUNDED', providerStatus: 'CANCELED' } : null;
    }
    case 'confirm': {
      const confirmed = await gateway.confirm(
        { paymentKey: attempt.paymentKey, orderId: attempt.orderId, amount: attempt.amount },
        confirmKey(attempt.orderId, attempt.paymentKey),
      );
      switch (confirmed.kind) {
        case 'approved': {
          const settled = settlementOf(confirmed.payment, attempt.amount);
          return settled && typeof settled !== 'string' && settled.outcome === 'paid' ? settled : null;
        }
        case 'declined':
          return { outcome: 'failed', code: confirmed.code, providerStatus: 'ABORTED' };
        case 'already_processed': {
          const again = await gateway.lookupByOrderId(attempt.orderId);
          const settled = again.kind === 'found' ? settlementOf(again.payment, attempt.amount) : null;
          return settled && typeof settled !== 'string' && settled.outcome === 'paid' ? settled : null;
        }
        case 'unknown':
        case 'unavailable':
          // An authorisation the provider's session no longer holds can never be charged.
          return attempt.sessionOver
            ? { outcome: 'failed', code: 'PAYMENT_SESSION_EXPIRED', providerStatus: found.payment?.status ?? null }
            : null;
      }
      return null;
    }
    default:
      return verdict;
  }
}

async function finishStaleRefunds(
  orm: MikroORM,
  gateway: PaymentGateway,
  logger: Logger,
  staleBefore: Date,
  limit: number,
  result: ReconcileResult,
): Promise<void> {
  const em = forkEm(orm);
  const rows = await sqlOf(em).all<{
    order_id: string;
    failure_code: string | null;
    provider_status: string | null;
    cancel_restock: unknown;
  }>(
    `select order_id, failure_code, provider_status, cancel_restock from payment where status = 'cancelling' and updated_at < ?
      order by updated_at limit ?`,
    [staleBefore, limit],
  );
  for (const row of rows) {
    result.checked += 1;
    const found = await gateway.lookupByOrderId(row.order_id);
    if (found.kind !== 'found' || !found.payment) {
      result.stillUnknown += 1;
      continue;
    }
    const now = new Date();
    if (found.payment.status === 'CANCELED') {
      await sqlTransaction(em, (sql) =>
        // Staff's stock choice, stored when the cancel began (a row from before the column restocks, as it did then).
        finishCancel(
          sql,
          row.order_id,
          row.failure_code ?? 'Refunded',
          { method: methodOfPayment(row.provider_status) },
          now,
          row.cancel_restock === null || row.cancel_restock === undefined ? true : Boolean(row.cancel_restock),
        ),
      );
      result.refundsFinished += 1;
      logger.info({ orderId: row.order_id }, 'staff refund finished by reconciliation');
    } else if (found.payment.status === 'DONE' || found.payment.status === 'PARTIAL_CANCELED') {
      await sqlTransaction(em, (sql) => abandonRefund(sql, row.order_id, now));
      result.refundsAbandoned += 1;
      logger.info({ orderId: row.order_id }, 'staff refund never reached the provider; payment is done again');
    } else {
      result.stillUnknown += 1;
    }
  }
}

import type { MikroORM } from '@mikro-orm/core';
import { sqlOf, sqlTransaction } from '../db/direct-sql';
import { forkEm } from '../db/orm';
import type { Logger } from '../logger';
import type { PaymentGateway } from './payment-gateway';
import { finishCancel } from './cancel-order';
import { abandonRefund } from './payment.repository';
import { settlementOf, settlePayment } from './settle-payment';

export interface ReconcileResult {
  checked: number;
  paid: number;
  failed: number;
  stillUnknown: number;
  /** Staff refunds a crash left half done: finished (the provider refunded) or given back to `done` (it did not). */
  refundsFinished: number;
  refundsAbandoned: number;
}

/**
 * Settles payments whose outcome we don't know: `unknown` (timeout, 5xx, lost answer) and `confirming` rows
 * older than `staleAfterMs` (the process died during the confirm call). Asks the provider by *our* order id
 * (`GET /v1/payments/orders/{orderId}`) and settles paid only when it says DONE with our amount; a DONE with
 * another amount is refunded and fails. Safe to run twice at once: settlement is guarded per order.
 * Also finishes staff refunds left `cancelling` for longer than `staleAfterMs` (the process died between the
 * provider's refund and our commit): CANCELED at the provider → the order is cancelled and the payment refunded;
 * still DONE → the payment is `done` again, for staff to retry.
 */
export async function reconcilePayments(
  orm: MikroORM,
  gateway: PaymentGateway,
  logger: Logger,
  now: Date,
  options: { staleAfterMs?: number; limit?: number } = {},
): Promise<ReconcileResult> {
  const em = forkEm(orm);
  const staleBefore = new Date(now.getTime() - (options.staleAfterMs ?? 30_000));
  const rows = await sqlOf(em).all<{ order_id: string; amount: number; payment_key: string }>(
    `select order_id, amount, payment_key from payment
      where status = 'unknown' or (status = 'confirming' and updated_at < ?)
      order by updated_at limit ?`,
    [staleBefore, options.limit ?? 100],
  );
  const result: ReconcileResult = { checked: rows.length, paid: 0, failed: 0, stillUnknown: 0, refundsFinished: 0, refundsAbandoned: 0 };
  for (const row of rows) {
    const found = await gateway.lookupByOrderId(row.order_id);
    if (found.kind !== 'found') {
      result.stillUnknown += 1;
      continue;
    }
    let settlement = settlementOf(found.payment, Number(row.amount));
    if (settlement === 'mismatch') {
      const refund = await gateway.cancel(row.payment_key, 'Amount differs from the order', `cancel:${row.order_id}:mismatch`);
      if (refund.kind !== 'ok') {
        result.stillUnknown += 1;
        continue;
      }
      settlement = { outcome: 'failed', code: 'AMOUNT_MISMATCH_REFUNDED', providerStatus: 'CANCELED' };
    }
    if (!settlement) {
      result.stillUnknown += 1;
      continue;
    }
    const decided = settlement;
    await sqlTransaction(em, (sql) => settlePayment(sql, row.order_id, decided, now));
    if (decided.outcome === 'paid') result.paid += 1;
    else result.failed += 1;
    logger.info({ orderId: row.order_id, outcome: decided.outcome }, 'payment reconciled');
  }
  await finishStaleRefunds(orm, gateway, logger, staleBefore, options.limit ?? 100, result);
  return result;
}

async function finishStaleRefunds(orm: MikroORM, gateway: PaymentGateway, logger: Logger, staleBefore: Date, limit: number, result: ReconcileResult): Promise<void> {
  const em = forkEm(orm);
  const rows = await sqlOf(em).all<{ order_id: string; failure_code: string | null }>(
    `select order_id, failure_code from payment where status = 'cancelling' and updated_at < ? order by updated_at limit ?`,
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
      await sqlTransaction(em, (sql) => finishCancel(sql, row.order_id, row.failure_code ?? 'Refunded', true, now));
      result.refundsFinished += 1;
      logger.info({ orderId: row.order_id }, 'staff refund finished by reconciliation');
    } else if (found.payment.status === 'DONE') {
      await sqlTransaction(em, (sql) => abandonRefund(sql, row.order_id, now));
      result.refundsAbandoned += 1;
      logger.info({ orderId: row.order_id }, 'staff refund never reached the provider; payment is done again');
    } else {
      result.stillUnknown += 1;
    }
  }
}

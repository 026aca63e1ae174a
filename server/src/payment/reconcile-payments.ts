import type { MikroORM } from '@mikro-orm/core';
import { sqlOf, sqlTransaction } from '../db/direct-sql';
import { forkEm } from '../db/orm';
import type { Logger } from '../logger';
import type { PaymentGateway } from './payment-gateway';
import { settlementOf, settlePayment } from './settle-payment';

export interface ReconcileResult {
  checked: number;
  paid: number;
  failed: number;
  stillUnknown: number;
}

/**
 * Settles payments whose outcome we don't know: `unknown` (timeout, 5xx, lost answer) and `confirming` rows
 * older than `staleAfterMs` (the process died during the confirm call). Asks the provider by *our* order id
 * (`GET /v1/payments/orders/{orderId}`) and settles paid only when it says DONE with our amount; a DONE with
 * another amount is refunded and fails. Safe to run twice at once: settlement is guarded per order.
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
  const result: ReconcileResult = { checked: rows.length, paid: 0, failed: 0, stillUnknown: 0 };
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
  return result;
}

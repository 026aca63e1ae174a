import { settlementFromProvider, type ProviderPayment } from '@hiorder/domain/payment/payment.schemas';
import type { SqlSession } from '../db/direct-sql';
import { changeOrderStatus, recordFailedAttempt } from '../ordering/change-order-status';
import type { StoredOrder } from '../ordering/order.repository';
import { updatePaymentRow } from './payment.repository';

/**
 * Phase 3 of the payment saga, shared by the guest's payment and reconciliation. `paid`: the order moves to
 * `paid`. `failed`: the *attempt* failed (declined, refused, session over) — the order stays `pending_payment`
 * and payable with a new attempt, its stock held; if its reservation is already over it expires at once (stock
 * back, `order.expired` tells the guest). Our payment row follows in the same transaction. Every step is
 * guarded, so a payment answer and a reconciliation racing for one order settle it once (I4).
 */
export type Settlement = { outcome: 'paid'; providerStatus: string } | { outcome: 'failed'; code: string; providerStatus: string | null };

export async function settlePayment(sql: SqlSession, orderId: string, settlement: Settlement, now: Date): Promise<StoredOrder | null> {
  let order: StoredOrder | null;
  if (settlement.outcome === 'paid') {
    order = await changeOrderStatus(sql, orderId, { to: 'paid' }, now);
  } else {
    order = await recordFailedAttempt(sql, orderId, settlement.code, now);
    if (order && order.order.expiresAt.getTime() <= now.getTime())
      order = (await changeOrderStatus(sql, orderId, { to: 'expired' }, now)) ?? order;
  }
  await updatePaymentRow(
    sql,
    orderId,
    ['confirming', 'unknown'],
    {
      status: settlement.outcome === 'paid' ? 'done' : 'declined',
      providerStatus: settlement.providerStatus,
      failureCode: settlement.outcome === 'failed' ? settlement.code : null,
      approvedAt: settlement.outcome === 'paid' ? now : null,
    },
    now,
  );
  return order;
}

/**
 * What the provider's record of a payment settles to: a settlement, `refund` (DONE for another amount: charged,
 * not ours — refund it first), `confirm` (authorised for our amount, not confirmed: confirm again), or null when
 * it is still undecided.
 */
export function settlementOf(payment: ProviderPayment | null, amount: number): Settlement | 'refund' | 'confirm' | null {
  switch (settlementFromProvider(payment, amount)) {
    case 'paid':
      return { outcome: 'paid', providerStatus: payment?.status ?? 'DONE' };
    case 'failed':
      return {
        outcome: 'failed',
        code: payment ? `PROVIDER_${payment.status}` : 'NOT_FOUND_PAYMENT',
        providerStatus: payment?.status ?? null,
      };
    case 'amount_mismatch':
      return { outcome: 'failed', code: 'PAYMENT_AMOUNT_MISMATCH', providerStatus: payment?.status ?? null };
    case 'charged_other_amount':
      return 'refund';
    case 'awaiting_confirm':
      return 'confirm';
    case 'still_unknown':
      return null;
  }
}

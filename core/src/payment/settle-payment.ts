import { settlementFromProvider, type ProviderPayment } from '@hiorder/domain/payment/payment.schemas';
import type { SqlSession } from '../db/direct-sql';
import { changeOrderStatus } from '../ordering/change-order-status';
import type { StoredOrder } from '../ordering/order.repository';
import { updatePaymentRow } from './payment.repository';

/**
 * Phase 3 of the payment saga, shared by the guest's payment and reconciliation: inside one transaction the
 * order moves to `paid` or `payment_failed` (stock back), and our payment row follows. Both steps are guarded,
 * so a payment answer and a reconciliation racing for one order settle it once (I4).
 */
export type Settlement =
  | { outcome: 'paid'; providerStatus: string }
  | { outcome: 'failed'; code: string; providerStatus: string | null };

export async function settlePayment(sql: SqlSession, orderId: string, settlement: Settlement, now: Date): Promise<StoredOrder | null> {
  const order =
    settlement.outcome === 'paid'
      ? await changeOrderStatus(sql, orderId, { to: 'paid' }, now)
      : await changeOrderStatus(sql, orderId, { to: 'payment_failed', code: settlement.code }, now);
  await updatePaymentRow(sql, orderId, ['confirming', 'unknown'], {
    status: settlement.outcome === 'paid' ? 'done' : 'declined',
    providerStatus: settlement.providerStatus,
    failureCode: settlement.outcome === 'failed' ? settlement.code : null,
    approvedAt: settlement.outcome === 'paid' ? now : null,
  }, now);
  return order;
}

/** What the provider's record of a payment settles to, or null when it is still undecided. */
export function settlementOf(payment: ProviderPayment | null, amount: number): Settlement | 'mismatch' | null {
  switch (settlementFromProvider(payment, amount)) {
    case 'paid':
      return { outcome: 'paid', providerStatus: payment?.status ?? 'DONE' };
    case 'failed':
      return { outcome: 'failed', code: payment ? `PROVIDER_${payment.status}` : 'NOT_FOUND_PAYMENT', providerStatus: payment?.status ?? null };
    case 'amount_mismatch':
      return 'mismatch';
    case 'still_unknown':
      return null;
  }
}

import { settlementFromProvider, type ProviderPayment } from '@hiorder/domain/payment/payment.schemas';
import type { EntityManager } from '../db/orm';
import { dbTime, placeholders } from '../db/sql';
import { changeOrderStatus } from '../ordering/change-order-status';
import type { Order } from '../ordering/order.entity';
import type { PaymentStatus } from './payment.entity';

/**
 * Phase 3 of the payment saga, shared by the guest's payment and reconciliation: inside one transaction the
 * order moves to `paid` or `payment_failed` (stock back), and our payment row follows. Both steps are guarded,
 * so a payment answer and a reconciliation racing for one order settle it once (I4).
 */
export type Settlement =
  | { outcome: 'paid'; providerStatus: string }
  | { outcome: 'failed'; code: string; providerStatus: string | null };

export async function settlePayment(em: EntityManager, orderId: string, settlement: Settlement, now: Date): Promise<Order | null> {
  const order =
    settlement.outcome === 'paid'
      ? await changeOrderStatus(em, orderId, { to: 'paid' }, now)
      : await changeOrderStatus(em, orderId, { to: 'payment_failed', code: settlement.code }, now);
  await updatePaymentRow(em, orderId, ['confirming', 'unknown'], {
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

export async function updatePaymentRow(
  em: EntityManager,
  orderId: string,
  from: readonly PaymentStatus[],
  patch: { status: PaymentStatus; providerStatus?: string | null; failureCode?: string | null; approvedAt?: Date | null; cancelledAt?: Date | null },
  now: Date,
): Promise<void> {
  const sets = ['status = ?', 'updated_at = ?'];
  const params: unknown[] = [patch.status, dbTime(em, now)];
  if (patch.providerStatus !== undefined) (sets.push('provider_status = ?'), params.push(patch.providerStatus));
  if (patch.failureCode !== undefined) (sets.push('failure_code = ?'), params.push(patch.failureCode));
  if (patch.approvedAt) (sets.push('approved_at = ?'), params.push(dbTime(em, patch.approvedAt)));
  if (patch.cancelledAt) (sets.push('cancelled_at = ?'), params.push(dbTime(em, patch.cancelledAt)));
  await em.execute(
    `update payment set ${sets.join(', ')} where order_id = ? and status in (${placeholders(from.length)})`,
    [...params, orderId, ...from],
    'run',
  );
}

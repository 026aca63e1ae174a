import { describe, expect, it } from 'vitest';
import type { ProviderPayment } from '@hiorder/domain/payment/payment.schemas';
import { settlementOf } from '@hiorder/core/payment';

const payment = (status: ProviderPayment['status'], totalAmount = 15000): ProviderPayment => ({
  paymentKey: 'pk_1',
  orderId: 'order-1',
  status,
  totalAmount,
});

/** What the provider's record settles an attempt to: the codes end up on the payment row and in `order.payment_failed`. */
describe('settlementOf', () => {
  it('settles DONE with our amount as paid, keeping the provider status', () => {
    expect(settlementOf(payment('DONE'), 15000)).toEqual({ outcome: 'paid', providerStatus: 'DONE' });
  });

  it('fails an attempt the provider ended or never saw, naming why', () => {
    for (const status of ['ABORTED', 'EXPIRED', 'CANCELED', 'PARTIAL_CANCELED'] as const)
      expect(settlementOf(payment(status), 15000)).toEqual({ outcome: 'failed', code: `PROVIDER_${status}`, providerStatus: status });
    expect(settlementOf(null, 15000)).toEqual({ outcome: 'failed', code: 'NOT_FOUND_PAYMENT', providerStatus: null });
  });

  it('refuses an authorisation for another amount, refunds a charge of another amount, confirms our own again', () => {
    expect(settlementOf(payment('READY', 100), 15000)).toEqual({
      outcome: 'failed',
      code: 'PAYMENT_AMOUNT_MISMATCH',
      providerStatus: 'READY',
    });
    expect(settlementOf(payment('IN_PROGRESS', 100), 15000)).toEqual({
      outcome: 'failed',
      code: 'PAYMENT_AMOUNT_MISMATCH',
      providerStatus: 'IN_PROGRESS',
    });
    expect(settlementOf(payment('DONE', 100), 15000)).toBe('refund');
    expect(settlementOf(payment('READY'), 15000)).toBe('confirm');
    expect(settlementOf(payment('WAITING_FOR_DEPOSIT'), 15000)).toBeNull();
  });
});

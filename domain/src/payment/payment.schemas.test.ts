import { describe, expect, it } from 'vitest';
import { classifyConfirmAnswer, settlementFromProvider } from './payment.schemas';

const payment = (status: string, totalAmount = 10000) => ({ paymentKey: 'pk', orderId: 'o', status, totalAmount });

describe('classifyConfirmAnswer (fail-closed)', () => {
  it('approves a 2xx payment body', () => {
    expect(classifyConfirmAnswer({ status: 200, body: payment('DONE') }).kind).toBe('approved');
  });
  it('declines only known refusals and an expired session', () => {
    expect(classifyConfirmAnswer({ status: 403, body: { code: 'REJECT_CARD_PAYMENT', message: 'no' } }).kind).toBe('declined');
    expect(classifyConfirmAnswer({ status: 404, body: { code: 'NOT_FOUND_PAYMENT_SESSION', message: 'expired' } }).kind).toBe('declined');
  });
  it('never declines a timeout, a 5xx, PROVIDER_ERROR, 409 in flight or an unknown code', () => {
    const unknowns = [
      { timeout: true as const },
      { networkError: 'ECONNRESET' },
      { status: 500, body: { code: 'FAILED_INTERNAL_SYSTEM_PROCESSING', message: '' } },
      { status: 400, body: { code: 'PROVIDER_ERROR', message: '' } },
      { status: 409, body: { code: 'IDEMPOTENT_REQUEST_PROCESSING', message: '' } },
      { status: 400, body: { code: 'SOMETHING_NEW', message: '' } },
      { status: 502, body: '<html>bad gateway</html>' },
      { status: 200, body: { weird: true } },
    ];
    for (const answer of unknowns) expect(classifyConfirmAnswer(answer).kind).toBe('unknown');
  });
  it('reads ALREADY_PROCESSED_PAYMENT as "look it up", not as a failure', () => {
    expect(classifyConfirmAnswer({ status: 400, body: { code: 'ALREADY_PROCESSED_PAYMENT', message: '' } }).kind).toBe('already_processed');
  });
});

describe('settlementFromProvider', () => {
  it('is paid only for DONE with our amount; DONE with another amount is a charge to refund', () => {
    expect(settlementFromProvider(payment('DONE') as never, 10000)).toBe('paid');
    expect(settlementFromProvider(payment('DONE', 9000) as never, 10000)).toBe('charged_other_amount');
    expect(settlementFromProvider(payment('ABORTED') as never, 10000)).toBe('failed');
    expect(settlementFromProvider(payment('EXPIRED') as never, 10000)).toBe('failed');
    expect(settlementFromProvider(null, 10000)).toBe('failed');
  });
  it('reads an authorised, unconfirmed payment as "confirm again" for our amount and as a refusal for another', () => {
    expect(settlementFromProvider(payment('READY') as never, 10000)).toBe('awaiting_confirm');
    expect(settlementFromProvider(payment('IN_PROGRESS') as never, 10000)).toBe('awaiting_confirm');
    expect(settlementFromProvider(payment('READY', 100) as never, 10000)).toBe('amount_mismatch');
    expect(settlementFromProvider(payment('IN_PROGRESS', 100) as never, 10000)).toBe('amount_mismatch');
    expect(settlementFromProvider(payment('WAITING_FOR_DEPOSIT') as never, 10000)).toBe('still_unknown');
  });
});

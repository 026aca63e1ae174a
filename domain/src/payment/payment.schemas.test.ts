import { describe, expect, it } from 'vitest';
import {
  classifyConfirmAnswer,
  DECLINE_CODES,
  OrderPaySchema,
  ProviderPaymentSchema,
  ProviderPaymentStatusSchema,
  SANDBOX_CARDS,
  SandboxAuthorizeSchema,
  settlementFromProvider,
} from './payment.schemas';

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

describe('payment inputs', () => {
  const orderId = '01900000-0000-7000-8000-000000000004';
  it('takes a payment key of a sane length', () => {
    expect(OrderPaySchema.safeParse({ orderId, paymentKey: 'pk_1' }).success).toBe(true);
    expect(OrderPaySchema.safeParse({ orderId, paymentKey: '' }).success).toBe(false);
    expect(OrderPaySchema.safeParse({ orderId, paymentKey: 'a'.repeat(201) }).success).toBe(false);
  });

  it('authorises sandbox cards of 12 to 19 digits', () => {
    const authorize = { orderId, amount: 1000, cardNumber: SANDBOX_CARDS.approve };
    expect(SandboxAuthorizeSchema.safeParse(authorize).success).toBe(true);
    expect(SandboxAuthorizeSchema.safeParse({ ...authorize, cardNumber: '12345678901' }).success).toBe(false);
    expect(SandboxAuthorizeSchema.safeParse({ ...authorize, cardNumber: '4242 4242 4242 4242' }).success).toBe(false);
    expect(SandboxAuthorizeSchema.safeParse({ ...authorize, orderName: 'a'.repeat(101) }).success).toBe(false);
  });

  it('keeps the fields Toss adds to a payment and reads its status', () => {
    const payment = {
      paymentKey: 'pk',
      orderId: 'o',
      status: 'DONE',
      totalAmount: 1000,
      balanceAmount: 1000,
      method: '카드',
      mId: 'tosspayments',
    };
    expect(ProviderPaymentSchema.parse(payment)).toEqual(payment);
    expect(ProviderPaymentStatusSchema.options).toEqual([
      'READY',
      'IN_PROGRESS',
      'WAITING_FOR_DEPOSIT',
      'DONE',
      'CANCELED',
      'PARTIAL_CANCELED',
      'ABORTED',
      'EXPIRED',
    ]);
    for (const status of ProviderPaymentStatusSchema.options)
      expect(ProviderPaymentSchema.safeParse({ ...payment, status }).success, status).toBe(true);
    expect(ProviderPaymentSchema.safeParse({ ...payment, status: 'PAID' }).success).toBe(false);
  });

  it('reads every known refusal as a decline and anything else as unknown', () => {
    // Toss's refusal codes (docs.tosspayments.com, 결제 승인 API errors), written out independently of the list.
    const refusals = [
      'REJECT_CARD_PAYMENT',
      'REJECT_CARD_COMPANY',
      'INVALID_REJECT_CARD',
      'INVALID_STOPPED_CARD',
      'INVALID_CARD_EXPIRATION',
      'INVALID_CARD_NUMBER',
      'EXCEED_MAX_DAILY_PAYMENT_COUNT',
      'EXCEED_MAX_PAYMENT_AMOUNT',
      'NOT_AVAILABLE_PAYMENT',
      'BELOW_MINIMUM_AMOUNT',
      'NOT_FOUND_PAYMENT_SESSION',
      'REJECT_ACCOUNT_PAYMENT',
      'PAY_PROCESS_CANCELED',
      'PAY_PROCESS_ABORTED',
    ];
    for (const code of refusals) expect(classifyConfirmAnswer({ status: 400, body: { code, message: '' } }).kind, code).toBe('declined');
    expect(DECLINE_CODES.size).toBe(refusals.length);
    expect(classifyConfirmAnswer({ status: 500, body: { code: 'REJECT_CARD_COMPANY', message: '' } })).toEqual({
      kind: 'unknown',
      reason: '500 REJECT_CARD_COMPANY',
      httpStatus: 500,
    });
    expect(classifyConfirmAnswer({ status: 403, body: { code: 'REJECT_CARD_COMPANY', message: 'limit' } })).toEqual({
      kind: 'declined',
      code: 'REJECT_CARD_COMPANY',
      message: 'limit',
    });
    expect(classifyConfirmAnswer({ status: 300, body: payment('DONE') }).kind).toBe('unknown');
    expect(classifyConfirmAnswer({ status: 199, body: payment('DONE') }).kind).toBe('unknown');
    expect(classifyConfirmAnswer({ status: 299, body: payment('DONE') }).kind).toBe('approved');
    expect(classifyConfirmAnswer({ networkError: 'ECONNRESET' })).toEqual({ kind: 'unknown', reason: 'network: ECONNRESET' });
    expect(classifyConfirmAnswer({ timeout: true })).toEqual({ kind: 'unknown', reason: 'timeout' });
    expect(classifyConfirmAnswer({ status: 502, body: 'x' })).toEqual({
      kind: 'unknown',
      reason: 'HTTP 502 without an error code',
      httpStatus: 502,
    });
    expect(classifyConfirmAnswer({ status: 200, body: {} })).toEqual({ kind: 'unknown', reason: 'unreadable 2xx body' });
  });

  it('reads a cancelled or partly cancelled payment as failed', () => {
    expect(settlementFromProvider(payment('CANCELED') as never, 10000)).toBe('failed');
    expect(settlementFromProvider(payment('PARTIAL_CANCELED') as never, 10000)).toBe('failed');
  });
});

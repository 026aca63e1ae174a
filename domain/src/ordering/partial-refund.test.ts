import { describe, expect, it } from 'vitest';
import { partialRefundFromProvider, type ProviderPayment } from '../payment/payment.schemas';
import { amountLeft, OrderRefundSchema, planRefund } from './partial-refund';

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';
/** 2 × 18,000 (15,000 + a 3,000 option: the snapshot's unit price) and 3 × 2,000. */
const lines = [
  { id: A, qty: 2, unitPrice: 18000, refundedQty: 0 },
  { id: B, qty: 3, unitPrice: 2000, refundedQty: 0 },
];

describe('planRefund', () => {
  it('prices each line from the snapshot (options included) and sums them', () => {
    expect(
      planRefund(lines, [
        { lineId: A, qty: 1 },
        { lineId: B, qty: 2 },
      ]),
    ).toEqual({
      ok: true,
      amount: 22000,
      lines: [
        { lineId: A, qty: 1, amount: 18000 },
        { lineId: B, qty: 2, amount: 4000 },
      ],
    });
  });

  it('refuses a line of another order, more than is left, and everything that is left', () => {
    expect(planRefund(lines, [{ lineId: '01900000-0000-7000-8000-00000000000c', qty: 1 }])).toMatchObject({
      ok: false,
      violation: { code: 'REFUND_LINE_UNKNOWN' },
    });
    const partly = [{ ...lines[0], refundedQty: 1 } as (typeof lines)[number], lines[1] as (typeof lines)[number]];
    expect(planRefund(partly, [{ lineId: A, qty: 2 }])).toEqual({
      ok: false,
      violation: { code: 'REFUND_QTY_EXCEEDS', lineId: A, left: 1 },
    });
    expect(
      planRefund(partly, [
        { lineId: A, qty: 1 },
        { lineId: B, qty: 3 },
      ]),
    ).toEqual({ ok: false, violation: { code: 'REFUND_WHOLE_ORDER' } });
    expect(planRefund(partly, [{ lineId: B, qty: 3 }])).toMatchObject({ ok: true, amount: 6000 });
  });

  it('needs a reason, a stock choice and each line once', () => {
    const base = { idempotencyKey: 'k-12345678', lines: [{ lineId: A, qty: 1 }], reason: 'cold', restock: false };
    expect(OrderRefundSchema.safeParse(base).success).toBe(true);
    expect(OrderRefundSchema.safeParse({ ...base, reason: '  ' }).success).toBe(false);
    expect(OrderRefundSchema.safeParse({ ...base, restock: undefined }).success).toBe(false);
    expect(OrderRefundSchema.safeParse({ ...base, lines: [...base.lines, ...base.lines] }).success).toBe(false);
    expect(amountLeft({ total: 42000, refunded: 22000 })).toBe(20000);
  });
});

describe('partialRefundFromProvider', () => {
  const payment = (status: ProviderPayment['status'], balanceAmount: number): ProviderPayment => ({
    paymentKey: 'p',
    orderId: 'o',
    status,
    totalAmount: 42000,
    balanceAmount,
  });
  it('reads the refund from the refunded sum: made, never made, or not explained', () => {
    const refund = { alreadyRefunded: 4000, amount: 18000 };
    expect(partialRefundFromProvider(payment('PARTIAL_CANCELED', 20000), refund)).toBe('refunded');
    expect(partialRefundFromProvider(payment('PARTIAL_CANCELED', 38000), refund)).toBe('not_refunded');
    expect(partialRefundFromProvider(payment('DONE', 42000), { alreadyRefunded: 0, amount: 18000 })).toBe('not_refunded');
    expect(partialRefundFromProvider(payment('PARTIAL_CANCELED', 30000), refund)).toBe('still_unknown');
    expect(partialRefundFromProvider(null, refund)).toBe('still_unknown');
  });
});

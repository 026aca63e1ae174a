import { describe, expect, it } from 'vitest';
import {
  awaitsCounterPayment,
  canTransition,
  EXPIRY_WARNING_MS,
  expiresSoon,
  isHolding,
  isKitchenVisible,
  isPaid,
  isPayable,
  isToCook,
  ORDER_TRANSITIONS,
  statusesBefore,
} from './order-lifecycle';
import { isSameOrNewerOrder } from './order-progress';
import { OrderStatusSchema, type OrderStatus } from './ordering.schemas';

/**
 * The lifecycle of DESIGN.md written out by hand, independent of the table under test: every pair of statuses
 * not listed here must be refused.
 */
const ALLOWED: readonly (readonly [OrderStatus, OrderStatus])[] = [
  ['pending_payment', 'paid'],
  // A declined payment is an attempt of its own: the order stays pending_payment (payment 'declined').
  ['pending_payment', 'expired'],
  // Staff cancel an unpaid order (a guest who left, a counter payment never made): nothing to refund.
  ['pending_payment', 'cancelled'],
  ['paid', 'accepted'],
  // The kitchen finishes a paid order without anyone accepting it first.
  ['paid', 'served'],
  ['paid', 'cancelled'],
  ['accepted', 'served'],
  ['accepted', 'cancelled'],
  // A recall: the kitchen undoes a bump.
  ['served', 'accepted'],
];

const STATUSES = OrderStatusSchema.options;
const allowed = (from: OrderStatus, to: OrderStatus): boolean => ALLOWED.some(([f, t]) => f === from && t === to);

describe('ORDER_TRANSITIONS', () => {
  it('has a row for every status', () => {
    expect(Object.keys(ORDER_TRANSITIONS).sort()).toEqual([...STATUSES].sort());
  });

  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const expected = allowed(from, to);
      it(`${expected ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        expect(canTransition(from, to)).toBe(expected);
      });
    }
  }

  it('never moves an order backwards except a recall: for every other allowed pair the reverse is refused', () => {
    for (const [from, to] of ALLOWED) {
      const recall = (from === 'accepted' && to === 'served') || (from === 'served' && to === 'accepted');
      expect(canTransition(to, from), `${to} → ${from}`).toBe(recall);
    }
  });

  it('ends in payment_failed, expired and cancelled', () => {
    for (const end of ['payment_failed', 'expired', 'cancelled'] as const) expect(ORDER_TRANSITIONS[end]).toEqual([]);
  });
});

describe('statusesBefore', () => {
  it('is the inverse of the table: the guard of each move', () => {
    expect(statusesBefore('served').sort()).toEqual(['accepted', 'paid']);
    expect(statusesBefore('cancelled').sort()).toEqual(['accepted', 'paid', 'pending_payment']);
    expect(statusesBefore('accepted').sort()).toEqual(['paid', 'served']);
    expect(statusesBefore('paid')).toEqual(['pending_payment']);
    expect(statusesBefore('pending_payment')).toEqual([]);
    expect(statusesBefore('payment_failed')).toEqual([]);
    for (const to of STATUSES) expect(statusesBefore(to).sort()).toEqual(STATUSES.filter((from) => allowed(from, to)).sort());
  });
});

describe('isPayable and expiresSoon', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  const at = (ms: number) => new Date(now + ms).toISOString();
  it('is payable while unpaid, no attempt in flight, before the reservation ends', () => {
    expect(isPayable({ status: 'pending_payment', payment: 'none', expiresAt: at(1000) }, now)).toBe(true);
    expect(isPayable({ status: 'pending_payment', payment: 'declined', expiresAt: at(1000) }, now)).toBe(true);
    expect(isPayable({ status: 'pending_payment', payment: 'unknown', expiresAt: at(1000) }, now)).toBe(false);
    expect(isPayable({ status: 'pending_payment', payment: 'none', expiresAt: at(0) }, now)).toBe(false);
    expect(isPayable({ status: 'paid', payment: 'done', expiresAt: at(1000) }, now)).toBe(false);
  });
  it('warns only in the last EXPIRY_WARNING_MS of an unpaid order', () => {
    expect(expiresSoon({ status: 'pending_payment', expiresAt: at(EXPIRY_WARNING_MS) }, now)).toBe(true);
    expect(expiresSoon({ status: 'pending_payment', expiresAt: at(EXPIRY_WARNING_MS + 1) }, now)).toBe(false);
    expect(expiresSoon({ status: 'pending_payment', expiresAt: at(0) }, now)).toBe(false);
    expect(expiresSoon({ status: 'paid', expiresAt: at(1000) }, now)).toBe(false);
  });
});

/**
 * What each status means for stock, money and the kitchen, written out by hand (DESIGN.md): the lists of the
 * lifecycle module must say the same. I1 leans on `holding`, I2 on `toCook` and `kitchen`.
 */
const MEANING: Record<
  OrderStatus,
  { holding: boolean; paid: boolean; toCook: boolean; kitchenIfPaidBefore: boolean; kitchenIfNeverPaid: boolean }
> = {
  pending_payment: { holding: true, paid: false, toCook: false, kitchenIfPaidBefore: false, kitchenIfNeverPaid: false },
  paid: { holding: true, paid: true, toCook: true, kitchenIfPaidBefore: true, kitchenIfNeverPaid: true },
  accepted: { holding: true, paid: true, toCook: true, kitchenIfPaidBefore: true, kitchenIfNeverPaid: true },
  served: { holding: true, paid: true, toCook: false, kitchenIfPaidBefore: true, kitchenIfNeverPaid: true },
  payment_failed: { holding: false, paid: false, toCook: false, kitchenIfPaidBefore: false, kitchenIfNeverPaid: false },
  expired: { holding: false, paid: false, toCook: false, kitchenIfPaidBefore: false, kitchenIfNeverPaid: false },
  cancelled: { holding: false, paid: false, toCook: false, kitchenIfPaidBefore: true, kitchenIfNeverPaid: false },
};

describe('what a status means', () => {
  for (const status of STATUSES) {
    const meaning = MEANING[status];
    it(`${status}: holds stock ${meaning.holding}, paid ${meaning.paid}, to cook ${meaning.toCook}, kitchen sees it ${meaning.kitchenIfPaidBefore}/${meaning.kitchenIfNeverPaid}`, () => {
      expect(isHolding(status)).toBe(meaning.holding);
      expect(isPaid(status)).toBe(meaning.paid);
      expect(isToCook(status)).toBe(meaning.toCook);
      expect(isKitchenVisible(status, '2024-01-01T00:00:00.000Z')).toBe(meaning.kitchenIfPaidBefore);
      expect(isKitchenVisible(status, null)).toBe(meaning.kitchenIfNeverPaid);
    });
  }

  it('leaves which version of an order is newer to its revision, since a recall moves the status back', () => {
    expect(isSameOrNewerOrder({ revision: 4 }, { revision: 3 })).toBe(true);
    expect(isSameOrNewerOrder({ revision: 3 }, { revision: 3 })).toBe(true);
    expect(isSameOrNewerOrder({ revision: 2 }, { revision: 3 })).toBe(false);
  });
});

describe('awaitsCounterPayment', () => {
  it('is true only for an unpaid order the guest will pay at the counter', () => {
    expect(awaitsCounterPayment({ status: 'pending_payment', payment: 'counter' })).toBe(true);
    expect(awaitsCounterPayment({ status: 'pending_payment', payment: 'none' })).toBe(false);
    expect(awaitsCounterPayment({ status: 'paid', payment: 'counter' })).toBe(false);
  });
});

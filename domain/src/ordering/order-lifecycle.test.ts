import { describe, expect, it } from 'vitest';
import { canTransition, ORDER_TRANSITIONS, statusesBefore } from './order-lifecycle';
import { OrderStatusSchema, type OrderStatus } from './ordering.schemas';

/**
 * The lifecycle of DESIGN.md written out by hand, independent of the table under test: every pair of statuses
 * not listed here must be refused.
 */
const ALLOWED: readonly (readonly [OrderStatus, OrderStatus])[] = [
  ['pending_payment', 'paid'],
  ['pending_payment', 'payment_failed'],
  ['pending_payment', 'expired'],
  ['paid', 'accepted'],
  // The kitchen finishes a paid order without anyone accepting it first.
  ['paid', 'served'],
  ['paid', 'cancelled'],
  ['accepted', 'served'],
  ['accepted', 'cancelled'],
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

  it('never moves an order backwards: for every allowed pair the reverse is refused', () => {
    for (const [from, to] of ALLOWED) expect(canTransition(to, from), `${to} → ${from}`).toBe(false);
  });

  it('ends in served, payment_failed, expired and cancelled', () => {
    for (const end of ['served', 'payment_failed', 'expired', 'cancelled'] as const) expect(ORDER_TRANSITIONS[end]).toEqual([]);
  });
});

describe('statusesBefore', () => {
  it('is the inverse of the table: the guard of each move', () => {
    expect(statusesBefore('served').sort()).toEqual(['accepted', 'paid']);
    expect(statusesBefore('cancelled').sort()).toEqual(['accepted', 'paid']);
    expect(statusesBefore('accepted')).toEqual(['paid']);
    expect(statusesBefore('paid')).toEqual(['pending_payment']);
    expect(statusesBefore('pending_payment')).toEqual([]);
    for (const to of STATUSES) expect(statusesBefore(to).sort()).toEqual(STATUSES.filter((from) => allowed(from, to)).sort());
  });
});

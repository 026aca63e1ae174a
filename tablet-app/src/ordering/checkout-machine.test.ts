import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../db/db';
import {
  checkoutScreen,
  checkoutTransition,
  initialCheckout,
  type CheckoutEvent,
  type CheckoutFacts,
  type CheckoutState,
  type PayState,
} from './checkout-machine';

const T = 1_000_000;

/** One state of each kind of attempt (the waits end at T + 3000). */
const PAY_STATES: Record<PayState['kind'], PayState> = {
  form: { kind: 'form' },
  paying: { kind: 'paying' },
  paid: { kind: 'paid' },
  declined: { kind: 'declined', message: 'card refused' },
  pending: { kind: 'pending' },
  unavailable: { kind: 'unavailable', retryAt: T + 3000 },
  busy: { kind: 'busy', retryAt: T + 3000 },
  offline: { kind: 'offline' },
  error: { kind: 'error', message: 'boom' },
};
const state = (kind: PayState['kind'], cardInstead = false): CheckoutState => ({ pay: PAY_STATES[kind], cardInstead });

/** One event of each type (and the variants that lead to different states). */
const EVENTS: Record<string, CheckoutEvent> = {
  pay_started: { type: 'pay_started' },
  'pay_answered paid': { type: 'pay_answered', outcome: { kind: 'paid', order: {} as OrderDto }, now: T },
  'pay_answered declined': { type: 'pay_answered', outcome: { kind: 'declined', message: 'no' }, now: T },
  'pay_answered pending': { type: 'pay_answered', outcome: { kind: 'pending' }, now: T },
  'pay_answered unavailable': { type: 'pay_answered', outcome: { kind: 'unavailable', retryAfterMs: 10_000 }, now: T },
  'pay_answered busy': { type: 'pay_answered', outcome: { kind: 'busy', retryAfterMs: 3_000 }, now: T },
  'pay_answered offline': { type: 'pay_answered', outcome: { kind: 'offline' }, now: T },
  'pay_answered error': { type: 'pay_answered', outcome: { kind: 'error', message: 'x' }, now: T },
  'counter_answered ok': { type: 'counter_answered', result: { kind: 'ok' } },
  'counter_answered offline': { type: 'counter_answered', result: { kind: 'offline' } },
  'counter_answered error': { type: 'counter_answered', result: { kind: 'error', message: 'closed' } },
  toss_failed: { type: 'toss_failed', message: 'popup blocked' },
  'toss_returned success': { type: 'toss_returned', result: { kind: 'success' } },
  'toss_returned fail': { type: 'toss_returned', result: { kind: 'fail', message: 'cancelled by the guest' } },
  'retry early': { type: 'retry', now: T + 2999 },
  'retry late': { type: 'retry', now: T + 3000 },
  card_instead: { type: 'card_instead' },
  reset: { type: 'reset' },
};

/**
 * Every legal move, written out: `<state> + <event>` → the next state. Whatever is not here must leave the state
 * as it is (the very same object).
 */
const LEGAL: Record<string, CheckoutState> = {
  'form + pay_started': state('paying'),
  'form + toss_returned success': state('paying'),
  'form + toss_returned fail': { pay: { kind: 'declined', message: 'cancelled by the guest' }, cardInstead: false },
  'form + card_instead': state('form', true),
  'paying + pay_answered paid': state('paid'),
  'paying + pay_answered declined': { pay: { kind: 'declined', message: 'no' }, cardInstead: false },
  'paying + pay_answered pending': state('pending'),
  'paying + pay_answered unavailable': { pay: { kind: 'unavailable', retryAt: T + 10_000 }, cardInstead: false },
  'paying + pay_answered busy': { pay: { kind: 'busy', retryAt: T + 3_000 }, cardInstead: false },
  'paying + pay_answered offline': state('offline'),
  'paying + pay_answered error': { pay: { kind: 'error', message: 'x' }, cardInstead: false },
  'paying + counter_answered ok': state('form'),
  'paying + counter_answered offline': state('offline'),
  'paying + counter_answered error': { pay: { kind: 'error', message: 'closed' }, cardInstead: false },
  'paying + toss_failed': { pay: { kind: 'error', message: 'popup blocked' }, cardInstead: false },
  'declined + retry early': state('form'),
  'declined + retry late': state('form'),
  'offline + retry early': state('form'),
  'offline + retry late': state('form'),
  'error + retry early': state('form'),
  'error + retry late': state('form'),
  'unavailable + retry late': state('form'),
  'busy + retry late': state('form'),
};

describe('checkout state machine', () => {
  for (const kind of Object.keys(PAY_STATES) as PayState['kind'][]) {
    for (const [name, event] of Object.entries(EVENTS)) {
      const from = state(kind);
      const key = `${kind} + ${name}`;
      const legal = LEGAL[key];
      if (name === 'reset') {
        it(`${key} → the initial state`, () => expect(checkoutTransition(from, event)).toEqual(initialCheckout));
      } else if (legal) {
        it(`${key} → ${legal.pay.kind}`, () => expect(checkoutTransition(from, event)).toEqual(legal));
      } else {
        it(`${key} is ignored`, () => expect(checkoutTransition(from, event)).toBe(from));
      }
    }
  }

  it('reset from the initial state keeps it', () => {
    expect(checkoutTransition(initialCheckout, { type: 'reset' })).toBe(initialCheckout);
  });

  it('keeps "pay here instead" through an attempt, and a counter answer ends it', () => {
    const instead = checkoutTransition(initialCheckout, { type: 'card_instead' });
    const paying = checkoutTransition(instead, { type: 'pay_started' });
    expect(paying).toEqual(state('paying', true));
    expect(checkoutTransition(paying, { type: 'pay_answered', outcome: { kind: 'declined', message: 'no' }, now: T }).cardInstead).toBe(
      true,
    );
    expect(checkoutTransition(paying, { type: 'counter_answered', result: { kind: 'ok' } })).toEqual(initialCheckout);
    expect(checkoutTransition(instead, { type: 'card_instead' })).toBe(instead);
    expect(checkoutTransition(paying, { type: 'reset' })).toBe(initialCheckout);
  });

  it('a second tap while paying starts nothing, and a late answer after a reset changes nothing', () => {
    const paying = checkoutTransition(initialCheckout, { type: 'pay_started' });
    expect(checkoutTransition(paying, { type: 'pay_started' })).toBe(paying);
    const reset = checkoutTransition(paying, { type: 'reset' });
    expect(checkoutTransition(reset, EVENTS['pay_answered paid'] as CheckoutEvent)).toBe(reset);
  });
});

const placedRow = (overrides: Partial<OutboxRow> = {}): OutboxRow => ({
  id: 'key-0001',
  input: { idempotencyKey: 'key-0001', lines: [{ menuId: '0190b7a0-0000-7000-8000-000000000003', qty: 1, options: [], note: '' }] },
  state: 'placed',
  attempts: 1,
  createdAt: 0,
  nextAttemptAt: 0,
  lastError: null,
  orderId: 'order-1',
  ...overrides,
});
const order = (overrides: Partial<OrderDto> = {}): OrderDto =>
  ({ id: 'order-1', status: 'pending_payment', payment: 'none', total: 9000, lines: [], ...overrides }) as OrderDto;
const facts = (overrides: Partial<CheckoutFacts> = {}): CheckoutFacts => ({
  row: placedRow(),
  order: order(),
  online: true,
  state: initialCheckout,
  now: T,
  ...overrides,
});
const screenOf = (overrides: Partial<CheckoutFacts>) => checkoutScreen(facts(overrides)).screen;

describe('checkout screen', () => {
  it('follows the outbox row until it is placed', () => {
    expect(screenOf({ row: null })).toBe('gone');
    expect(checkoutScreen(facts({ row: placedRow({ state: 'busy', nextAttemptAt: T + 2500 }) }))).toEqual({
      screen: 'queue_busy',
      seconds: 3,
    });
    expect(screenOf({ row: placedRow({ state: 'queued' }) })).toBe('sending');
    expect(screenOf({ row: placedRow({ state: 'sending' }) })).toBe('sending');
    expect(screenOf({ row: placedRow({ state: 'queued' }), online: false })).toBe('queued_offline');
    expect(screenOf({ row: placedRow({ state: 'rejected' }) })).toBe('rejected');
    expect(screenOf({ order: null })).toBe('waiting_order');
  });

  it('shows the row, not the attempt, while the row is not placed', () => {
    expect(screenOf({ row: placedRow({ state: 'sending' }), state: state('declined') })).toBe('sending');
  });

  it("then the order's status: paid only when the server says so", () => {
    for (const status of ['paid', 'accepted', 'served'] as const) expect(screenOf({ order: order({ status }) })).toBe('paid');
    expect(screenOf({ order: order({ status: 'payment_failed' }) })).toBe('order_declined');
    expect(screenOf({ order: order({ status: 'expired' }) })).toBe('expired');
    expect(screenOf({ order: order({ status: 'cancelled' }) })).toBe('cancelled');
    // A "paid" answer without the order's word shows nothing rather than calling it paid.
    expect(screenOf({ state: state('paid') })).toBe('none');
    expect(screenOf({ order: order({ status: 'expired' }), state: state('paying') })).toBe('expired');
  });

  it('then the attempt on an unpaid order', () => {
    expect(checkoutScreen(facts())).toMatchObject({ screen: 'form', paying: false });
    expect(checkoutScreen(facts({ state: state('paying') }))).toMatchObject({ screen: 'form', paying: true });
    expect(screenOf({ state: state('declined') })).toBe('declined');
    expect(screenOf({ state: state('pending') })).toBe('pending');
    expect(checkoutScreen(facts({ state: state('unavailable'), now: T + 1 }))).toMatchObject({
      screen: 'unavailable',
      busy: false,
      seconds: 3,
    });
    expect(checkoutScreen(facts({ state: state('busy'), now: T + 3000 }))).toMatchObject({ screen: 'unavailable', busy: true, seconds: 0 });
    expect(screenOf({ state: state('offline') })).toBe('pay_offline');
    expect(checkoutScreen(facts({ state: state('error') }))).toMatchObject({ screen: 'error', message: 'boom' });
  });

  it('waits for the counter unless the guest pays here instead', () => {
    const counter = order({ payment: 'counter' });
    expect(screenOf({ order: counter })).toBe('counter');
    expect(screenOf({ order: counter, state: state('form', true) })).toBe('form');
    expect(screenOf({ order: counter, state: state('paying') })).toBe('form');
    expect(screenOf({ order: counter, state: state('error') })).toBe('error');
  });
});

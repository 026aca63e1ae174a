import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { OutboxRow } from '../db/db';
import type { PayOutcome } from '../payment/pay';

/**
 * The checkout's state machine, pure so it can be tested without React, a socket or a clock (like
 * `sync/outbox-machine.ts`). The checkout braids three things: the outbox row (queued, busy, refused, placed), the
 * order the server placed (its status and `payment`), and the guest's own payment attempt on this screen. Only
 * the last is state of the screen; the first two come from Dexie. `checkoutTransition` moves the attempt:
 *
 * ```
 * form ──pay_started──▶ paying ──pay_answered──▶ paid | declined | pending | unavailable | busy | offline | error
 *  ▲  ▲                   │ ──counter_answered──▶ form (ok) | offline | error
 *  │  └─toss_returned─────┤ ──toss_failed───────▶ error
 *  │    (fail: declined)  │
 *  └──────retry───────────┘  from declined, offline, error; from unavailable and busy once their wait is over
 * ```
 *
 * and `checkoutScreen` says which screen the three together show. Nothing is called paid before the server says
 * so: the paid screen comes from the order's status, never from the attempt alone.
 */
export type PayState =
  | { kind: 'form' }
  | { kind: 'paying' }
  /** The server confirmed: the order (upserted with the answer) shows it. */
  | { kind: 'paid' }
  | { kind: 'declined'; message: string }
  /** The provider did not answer in time: the server is finding out; `order:updated` will tell. */
  | { kind: 'pending' }
  /** The circuit to the provider is open, or the server is busy: payable again at `retryAt`. */
  | { kind: 'unavailable'; retryAt: number }
  | { kind: 'busy'; retryAt: number }
  | { kind: 'offline' }
  | { kind: 'error'; message: string };

export interface CheckoutState {
  pay: PayState;
  /** A guest waiting to pay at the counter chose to pay here by card after all. */
  cardInstead: boolean;
}

export type CheckoutEvent =
  /** The guest started an attempt: the sandbox sheet, Toss's window, or the counter. */
  | { type: 'pay_started' }
  /** The answer to a card attempt (the sandbox sheet, or the confirmation after Toss's window). */
  | { type: 'pay_answered'; outcome: PayOutcome; now: number }
  /** The answer to "pay at the counter". */
  | { type: 'counter_answered'; result: { kind: 'ok' } | { kind: 'offline' } | { kind: 'error'; message: string } }
  /** Toss's window could not be opened. */
  | { type: 'toss_failed'; message: string }
  /** Back from Toss's window: authorised (confirming now) or failed there. */
  | { type: 'toss_returned'; result: { kind: 'success' } | { kind: 'fail'; message: string } }
  /** "Pay again" / "try again": back to the form. */
  | { type: 'retry'; now: number }
  /** "Pay here instead" on the counter screen. */
  | { type: 'card_instead' }
  /** Another order is shown (the screen's outbox row changed). */
  | { type: 'reset' };

export const initialCheckout: CheckoutState = { pay: { kind: 'form' }, cardInstead: false };

/** The attempt after an answer to a card payment. */
function afterOutcome(outcome: PayOutcome, now: number): PayState {
  switch (outcome.kind) {
    case 'paid':
      return { kind: 'paid' };
    case 'declined':
      return { kind: 'declined', message: outcome.message };
    case 'pending':
      return { kind: 'pending' };
    case 'unavailable':
    case 'busy':
      return { kind: outcome.kind, retryAt: now + outcome.retryAfterMs };
    case 'offline':
      return { kind: 'offline' };
    case 'error':
      return { kind: 'error', message: outcome.message };
  }
}

/**
 * The next state; an event that makes no sense in the current state (a second tap while paying, a late answer
 * after the screen moved on, "try again" before the wait is over) returns the very same state.
 */
export function checkoutTransition(state: CheckoutState, event: CheckoutEvent): CheckoutState {
  const { pay } = state;
  switch (event.type) {
    case 'reset':
      return state === initialCheckout ? state : initialCheckout;
    case 'pay_started':
      if (pay.kind !== 'form') return state;
      return { ...state, pay: { kind: 'paying' } };
    case 'pay_answered':
      if (pay.kind !== 'paying') return state;
      return { ...state, pay: afterOutcome(event.outcome, event.now) };
    case 'counter_answered': {
      if (pay.kind !== 'paying') return state;
      const { result } = event;
      const next: PayState = result.kind === 'ok' ? { kind: 'form' } : result.kind === 'offline' ? { kind: 'offline' } : result;
      return { pay: next, cardInstead: false };
    }
    case 'toss_failed':
      if (pay.kind !== 'paying') return state;
      return { ...state, pay: { kind: 'error', message: event.message } };
    case 'toss_returned':
      if (pay.kind !== 'form') return state;
      return {
        ...state,
        pay: event.result.kind === 'fail' ? { kind: 'declined', message: event.result.message } : { kind: 'paying' },
      };
    case 'retry':
      switch (pay.kind) {
        case 'declined':
        case 'offline':
        case 'error':
          return { ...state, pay: { kind: 'form' } };
        case 'unavailable':
        case 'busy':
          return event.now >= pay.retryAt ? { ...state, pay: { kind: 'form' } } : state;
        case 'form':
        case 'paying':
        case 'paid':
        case 'pending':
          return state;
      }
      return state;
    case 'card_instead':
      if (pay.kind !== 'form' || state.cardInstead) return state;
      return { ...state, cardInstead: true };
  }
}

/** Seconds left before a wait ends (never negative), as the countdowns show them. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** Every screen of the checkout. */
export type CheckoutScreen =
  /** The outbox row is gone (sent back to the cart elsewhere). */
  | { screen: 'gone' }
  | { screen: 'queue_busy'; seconds: number }
  | { screen: 'queued_offline' }
  | { screen: 'sending' }
  | { screen: 'rejected'; row: OutboxRow }
  /** Placed, the order not stored yet. */
  | { screen: 'waiting_order' }
  | { screen: 'paid'; order: OrderDto }
  | { screen: 'order_declined'; order: OrderDto }
  | { screen: 'expired' | 'cancelled'; order: OrderDto }
  | { screen: 'counter'; order: OrderDto }
  /** The payment form; `paying` while an attempt runs. */
  | { screen: 'form'; order: OrderDto; paying: boolean }
  /** Confirmed by the server, the order's own update not shown yet. */
  | { screen: 'none' }
  | { screen: 'declined'; order: OrderDto }
  | { screen: 'pending'; order: OrderDto }
  | { screen: 'unavailable'; order: OrderDto; busy: boolean; seconds: number }
  | { screen: 'pay_offline'; order: OrderDto }
  | { screen: 'error'; order: OrderDto; message: string };

export interface CheckoutFacts {
  row: OutboxRow | null;
  order: OrderDto | null;
  /** The tablet's connection (`sync/status.ts`). */
  online: boolean;
  state: CheckoutState;
  now: number;
}

/** Which screen the outbox row, the order and the attempt show together: the outbox first, then the order, then the attempt. */
export function checkoutScreen({ row, order, online, state, now }: CheckoutFacts): CheckoutScreen {
  if (!row) return { screen: 'gone' };
  switch (row.state) {
    case 'busy':
      return { screen: 'queue_busy', seconds: secondsLeft(row.nextAttemptAt, now) };
    case 'queued':
    case 'sending':
      return online ? { screen: 'sending' } : { screen: 'queued_offline' };
    case 'rejected':
      return { screen: 'rejected', row };
    case 'placed':
      break;
  }
  if (!order) return { screen: 'waiting_order' };
  switch (order.status) {
    case 'paid':
    case 'accepted':
    case 'served':
      return { screen: 'paid', order };
    case 'payment_failed':
      return { screen: 'order_declined', order };
    case 'expired':
    case 'cancelled':
      return { screen: order.status, order };
    case 'pending_payment':
      break;
  }
  const { pay } = state;
  if (order.payment === 'counter' && pay.kind === 'form' && !state.cardInstead) return { screen: 'counter', order };
  switch (pay.kind) {
    case 'form':
    case 'paying':
      return { screen: 'form', order, paying: pay.kind === 'paying' };
    case 'paid':
      return { screen: 'none' };
    case 'declined':
      return { screen: 'declined', order };
    case 'pending':
      return { screen: 'pending', order };
    case 'unavailable':
    case 'busy':
      return { screen: 'unavailable', order, busy: pay.kind === 'busy', seconds: secondsLeft(pay.retryAt, now) };
    case 'offline':
      return { screen: 'pay_offline', order };
    case 'error':
      return { screen: 'error', order, message: pay.message };
  }
}

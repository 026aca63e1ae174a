import type { OrderStatus, PaymentState } from './ordering.schemas';

/**
 * Allowed transitions of the lifecycle in DESIGN.md; anything else is `INVALID_STATE`. The one source: the
 * server's guarded updates (`statusesBefore`) and the apps' buttons (`canTransition`) derive from it. The kitchen
 * may finish a paid order directly (paid → served): nobody has to accept it on the board first, the serve
 * accepts it implicitly. A served order can be recalled (served → accepted) when a bump was a mistake. A
 * declined or failed payment is an *attempt* of its own (the order's `payment` state says `declined`): the order
 * stays `pending_payment`, payable with a new attempt, until its reservation expires.
 * `payment_failed` is kept only for orders declined before attempts existed; nothing leads to it any more.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  // Staff may cancel an unpaid order (nothing to refund); never one whose payment is in flight (guarded on the server).
  pending_payment: ['paid', 'expired', 'cancelled'],
  paid: ['accepted', 'served', 'cancelled'],
  accepted: ['served', 'cancelled'],
  // A recall: the kitchen takes back a bump (its undo), and the order is being made again.
  served: ['accepted'],
  payment_failed: [],
  expired: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/**
 * The statuses an order may be in for a move to `to`, derived from `ORDER_TRANSITIONS`: the guard of the
 * server's conditional `UPDATE … WHERE status IN (…)`.
 */
export function statusesBefore(to: OrderStatus): OrderStatus[] {
  return (Object.keys(ORDER_TRANSITIONS) as OrderStatus[]).filter((from) => canTransition(from, to));
}

/** Statuses whose stock is held or consumed (counted for stock and for the per-visit limit). */
export const HOLDING_STATUSES: readonly OrderStatus[] = ['pending_payment', 'paid', 'accepted', 'served'];

/** Statuses the guest has paid for and that were not refunded. */
export const PAID_STATUSES: readonly OrderStatus[] = ['paid', 'accepted', 'served'];

/** I2: the kitchen cooks only these. `pending_payment` is never among them. */
export const TO_COOK_STATUSES: readonly OrderStatus[] = ['paid', 'accepted'];

/**
 * Whether a guest can pay this order now: unpaid, no attempt in flight or unknown (a declined attempt leaves it
 * payable) and its reservation not over. `now` and `expiresAt` in ms.
 */
export function isPayable(order: { status: OrderStatus; payment: PaymentState; expiresAt: string }, now: number): boolean {
  return (
    order.status === 'pending_payment' && (order.payment === 'none' || order.payment === 'declined') && Date.parse(order.expiresAt) > now
  );
}

/**
 * An unpaid order the guest will pay at the counter, or a split bill whose phones have not covered it yet (staff may
 * take the rest): the board lists it for staff to settle (I2: never to cook).
 */
export function awaitsCounterPayment(order: { status: OrderStatus; payment: PaymentState }): boolean {
  return order.status === 'pending_payment' && (order.payment === 'counter' || order.payment === 'split');
}

/** A split bill being paid share by share from the guests' phones (`POST /api/orders/:id/shares`). */
export function isSplitBill(order: { status: OrderStatus; payment: PaymentState }): boolean {
  return order.status === 'pending_payment' && order.payment === 'split';
}

/** How long before its reservation ends the tablet warns that an unpaid order is about to expire. */
export const EXPIRY_WARNING_MS = 2 * 60_000;

/** An unpaid order whose reservation ends within `EXPIRY_WARNING_MS` (the tablet warns the guest). */
export function expiresSoon(order: { status: OrderStatus; expiresAt: string }, now: number): boolean {
  const left = Date.parse(order.expiresAt) - now;
  return order.status === 'pending_payment' && left > 0 && left <= EXPIRY_WARNING_MS;
}

export function isHolding(status: OrderStatus): boolean {
  return HOLDING_STATUSES.includes(status);
}
export function isPaid(status: OrderStatus): boolean {
  return PAID_STATUSES.includes(status);
}
export function isToCook(status: OrderStatus): boolean {
  return TO_COOK_STATUSES.includes(status);
}
/** Whether the kitchen and the board's cooking columns may ever see an order in this status (I2). */
export function isKitchenVisible(status: OrderStatus, paidAt: string | null): boolean {
  return isPaid(status) || (status === 'cancelled' && paidAt !== null);
}

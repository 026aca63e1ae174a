import { newId } from '@hiorder/domain/shared/ids';
import type { SqlSession } from '../db/direct-sql';
import { placeholders } from '../db/sql';
import { PaymentMethodSchema, type PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import type { PaymentStatus } from './payment.entity';

/** Named queries over our payment rows (one per order): the saga's phases write them on a `SqlSession`. */

/**
 * Phase 1 of the saga: the order's payment row says `confirming` with this paymentKey and amount. A retry after a
 * decline reuses the row (attempts + 1); the first attempt creates it.
 */
export async function startPaymentAttempt(
  sql: SqlSession,
  attempt: { storeId: string; orderId: string; paymentKey: string; amount: number; now: Date },
): Promise<void> {
  const reused = await sql.run(
    `update payment set payment_key = ?, amount = ?, status = 'confirming', failure_code = null, attempts = attempts + 1, updated_at = ?
      where order_id = ?`,
    [attempt.paymentKey, attempt.amount, attempt.now, attempt.orderId],
  );
  if (reused > 0) return;
  await sql.run(
    `insert into payment (id, store_id, order_id, payment_key, amount, status, provider_status, failure_code, attempts, created_at, updated_at,
       approved_at, cancelled_at)
     values (?, ?, ?, ?, ?, 'confirming', null, null, 1, ?, ?, null, null)`,
    [newId(), attempt.storeId, attempt.orderId, attempt.paymentKey, attempt.amount, attempt.now, attempt.now],
  );
}

/**
 * A payment taken by staff at the counter: the order's payment row says `done` for its total, the method kept in
 * `provider_status` (`COUNTER_CASH`, …). Reuses a declined attempt's row (one payment per order); refuses (throws)
 * when the row is anything but declined.
 */
export async function recordCounterPayment(
  sql: SqlSession,
  payment: { storeId: string; orderId: string; paymentKey: string; amount: number; method: string; now: Date },
): Promise<void> {
  const providerStatus = `COUNTER_${payment.method.toUpperCase()}`;
  const reused = await sql.run(
    `update payment set payment_key = ?, amount = ?, status = 'done', provider_status = ?, failure_code = null, approved_at = ?, updated_at = ?
      where order_id = ? and status = 'declined'`,
    [payment.paymentKey, payment.amount, providerStatus, payment.now, payment.now, payment.orderId],
  );
  if (reused > 0) return;
  await sql.run(
    `insert into payment (id, store_id, order_id, payment_key, amount, status, provider_status, failure_code, attempts, created_at, updated_at,
       approved_at, cancelled_at)
     values (?, ?, ?, ?, ?, 'done', ?, null, 0, ?, ?, ?, null)`,
    [newId(), payment.storeId, payment.orderId, payment.paymentKey, payment.amount, providerStatus, payment.now, payment.now, payment.now],
  );
}

/** Nothing left the process (circuit open): the attempt is forgotten. */
export async function dropConfirmingPayment(sql: SqlSession, orderId: string): Promise<void> {
  await sql.run(`delete from payment where order_id = ? and status = 'confirming'`, [orderId]);
}

/** How a payment row was paid: a counter payment keeps its method in `provider_status` (`COUNTER_CASH`, …). */
export function methodOfPayment(providerStatus: string | null): PaymentMethod {
  const counter = /^COUNTER_(.+)$/.exec(providerStatus ?? '');
  const parsed = PaymentMethodSchema.safeParse(counter?.[1]?.toLowerCase());
  return counter && parsed.success ? parsed.data : 'easy_pay';
}

/** The payment being refunded: its key (a `counter:` key never goes to the provider) and how it was paid. */
export interface RefundablePayment {
  paymentKey: string;
  method: PaymentMethod;
}

/**
 * A staff refund of the whole order begins: the order's completed payment (or one whose refund an earlier try left
 * unfinished) is marked `cancelling` before the provider is called, with the reason (cut to the column) and staff's
 * stock choice (`restock`, applied by whoever finishes the cancel: this request or reconciliation). Returns
 * the payment, `busy` while a partial refund of it is on its way (the cancel must wait for its answer), or null
 * when the order has no payment to refund.
 */
export async function startRefund(
  sql: SqlSession,
  orderId: string,
  reason: string,
  now: Date,
  restock = true,
): Promise<RefundablePayment | 'busy' | null> {
  const rows = await sql.all<{ payment_key: string; provider_status: string | null }>(
    `update payment set status = 'cancelling', failure_code = ?, cancel_restock = ?, updated_at = ?
      where order_id = ? and status in ('done', 'cancelling')
      returning payment_key, provider_status`,
    [reason.slice(0, 60), restock, now, orderId],
  );
  const row = rows[0];
  if (row) return { paymentKey: row.payment_key, method: methodOfPayment(row.provider_status) };
  const other = await sql.all<{ status: PaymentStatus }>('select status from payment where order_id = ?', [orderId]);
  return other[0]?.status === 'refunding' ? 'busy' : null;
}

/**
 * A partial refund begins (phase 1, in its transaction): the order's completed payment is marked `refunding`, so
 * one refund of an order is in flight at a time and a cancel waits for it. Returns the payment, `busy` when it is
 * not `done` (another refund or a cancel is on its way), or null when the order has no payment row.
 */
export async function startPartialRefund(sql: SqlSession, orderId: string, now: Date): Promise<RefundablePayment | 'busy' | null> {
  const rows = await sql.all<{ payment_key: string; provider_status: string | null }>(
    `update payment set status = 'refunding', updated_at = ? where order_id = ? and status = 'done' returning payment_key, provider_status`,
    [now, orderId],
  );
  const row = rows[0];
  if (row) return { paymentKey: row.payment_key, method: methodOfPayment(row.provider_status) };
  const other = await sql.all<{ status: PaymentStatus }>('select status from payment where order_id = ?', [orderId]);
  return other.length > 0 ? 'busy' : null;
}

/** The payment of an order whose partial refund is in flight (a retry of it, reconciliation). */
export async function refundingPayment(sql: SqlSession, orderId: string): Promise<(RefundablePayment & { amount: number }) | null> {
  const rows = await sql.all<{ payment_key: string; provider_status: string | null; amount: number | string }>(
    `select payment_key, provider_status, amount from payment where order_id = ? and status = 'refunding'`,
    [orderId],
  );
  const row = rows[0];
  return row ? { paymentKey: row.payment_key, method: methodOfPayment(row.provider_status), amount: Number(row.amount) } : null;
}

/** A partial refund finished (made, or refused): the payment is `done` again, open to the next refund or a cancel. */
export async function endPartialRefund(sql: SqlSession, orderId: string, now: Date): Promise<void> {
  await sql.run(`update payment set status = 'done', updated_at = ? where order_id = ? and status = 'refunding'`, [now, orderId]);
}

/** Refunds the provider never made (or refused): the payment is `done` again and staff can retry. */
export async function abandonRefund(sql: SqlSession, orderId: string, now: Date): Promise<void> {
  await sql.run(
    `update payment set status = 'done', failure_code = null, cancel_restock = null, updated_at = ? where order_id = ? and status = 'cancelling'`,
    [now, orderId],
  );
}

export async function updatePaymentRow(
  sql: SqlSession,
  orderId: string,
  from: readonly PaymentStatus[],
  patch: {
    status: PaymentStatus;
    providerStatus?: string | null;
    failureCode?: string | null;
    approvedAt?: Date | null;
    cancelledAt?: Date | null;
  },
  now: Date,
): Promise<void> {
  const sets = ['status = ?', 'updated_at = ?'];
  const params: unknown[] = [patch.status, now];
  if (patch.providerStatus !== undefined) {
    sets.push('provider_status = ?');
    params.push(patch.providerStatus);
  }
  if (patch.failureCode !== undefined) {
    sets.push('failure_code = ?');
    params.push(patch.failureCode);
  }
  if (patch.approvedAt) {
    sets.push('approved_at = ?');
    params.push(patch.approvedAt);
  }
  if (patch.cancelledAt) {
    sets.push('cancelled_at = ?');
    params.push(patch.cancelledAt);
  }
  await sql.run(`update payment set ${sets.join(', ')} where order_id = ? and status in (${placeholders(from.length)})`, [
    ...params,
    orderId,
    ...from,
  ]);
}

import type { BillSplitDto, ShareStatus } from '@hiorder/domain/payment/bill-split';
import type { SqlSession } from '../../db/direct-sql';
import { placeholders } from '../../db/sql';

/** Named queries over split bills: the `bill_split` row each share reserves against, the shares and their claims. */

export interface SplitRow {
  total: number;
  reserved: number;
  paid: number;
  state: 'open' | 'closed';
}

export interface ShareRow {
  id: string;
  orderId: string;
  deviceId: string | null;
  amount: number;
  claims: string[];
  paymentKey: string;
  status: ShareStatus;
}

/** Statuses whose amount is held against the total (being charged, or charged). */
export const HELD_SHARE_STATUSES: readonly ShareStatus[] = ['confirming', 'unknown', 'done'];

export async function readSplitRow(sql: SqlSession, orderId: string): Promise<SplitRow | null> {
  const rows = await sql.all<{ total: number | string; reserved: number | string; paid: number | string; state: 'open' | 'closed' }>(
    'select total, reserved, paid, state from bill_split where order_id = ?',
    [orderId],
  );
  const row = rows[0];
  return row ? { total: Number(row.total), reserved: Number(row.reserved), paid: Number(row.paid), state: row.state } : null;
}

/** Opens the split of an order (once: a second phone's insert does nothing). */
export async function openSplitRow(sql: SqlSession, split: { orderId: string; storeId: string; total: number; now: Date }): Promise<void> {
  await sql.run(
    `insert into bill_split (order_id, store_id, total, reserved, paid, state, created_at, updated_at) values (?, ?, ?, 0, 0, 'open', ?, ?)
      on conflict (order_id) do nothing`,
    [split.orderId, split.storeId, split.total, split.now, split.now],
  );
}

/**
 * THE guard of "sum of charges ≤ total": one conditional update, atomic on both databases (PostgreSQL re-checks
 * the condition on the row's latest version after waiting for its lock), so concurrent phones can never reserve
 * more than the total between them. False when the share does not fit (or the split is closed).
 */
export async function reserveShareAmount(sql: SqlSession, orderId: string, amount: number, now: Date): Promise<boolean> {
  const changed = await sql.run(
    `update bill_split set reserved = reserved + ?, updated_at = ? where order_id = ? and state = 'open' and reserved + ? <= total`,
    [amount, now, orderId, amount],
  );
  return changed === 1;
}

/**
 * Holds the parts / lines of a share: `(order, claim)` is unique, and `on conflict do nothing` waits for a racing
 * insert of the same claim to finish, so exactly one phone holds each. False when any was already held.
 */
export async function holdClaims(sql: SqlSession, orderId: string, shareId: string, claims: readonly string[]): Promise<boolean> {
  for (const claim of claims) {
    const inserted = await sql.run('insert into share_claim (order_id, claim, share_id) values (?, ?, ?) on conflict do nothing', [
      orderId,
      claim,
      shareId,
    ]);
    if (inserted !== 1) return false;
  }
  return true;
}

/** Is any of these parts / lines already held by a share being charged or charged? */
export async function claimsHeld(sql: SqlSession, orderId: string, claims: readonly string[]): Promise<boolean> {
  if (claims.length === 0) return false;
  const rows = await sql.all<{ claim: string }>(
    `select claim from share_claim where order_id = ? and claim in (${placeholders(claims.length)})`,
    [orderId, ...claims],
  );
  return rows.length > 0;
}

export async function insertShare(
  sql: SqlSession,
  share: {
    id: string;
    storeId: string;
    orderId: string;
    deviceId: string | null;
    amount: number;
    claims: readonly string[];
    paymentKey: string;
  },
  status: ShareStatus,
  now: Date,
): Promise<void> {
  await sql.run(
    `insert into payment_share (id, store_id, order_id, device_id, amount, claims, payment_key, status, provider_status, failure_code,
       created_at, updated_at, approved_at, refunded_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, null, null, ?, ?, ?, null)`,
    [
      share.id,
      share.storeId,
      share.orderId,
      share.deviceId,
      share.amount,
      share.claims.join(' '),
      share.paymentKey,
      status,
      now,
      now,
      status === 'done' ? now : null,
    ],
  );
}

const SHARE_COLUMNS = 'id, order_id, device_id, amount, claims, payment_key, status';
type RawShare = {
  id: string;
  order_id: string;
  device_id: string | null;
  amount: number | string;
  claims: string;
  payment_key: string;
  status: ShareStatus;
};
const toShare = (r: RawShare): ShareRow => ({
  id: r.id,
  orderId: r.order_id,
  deviceId: r.device_id,
  amount: Number(r.amount),
  claims: r.claims ? r.claims.split(' ') : [],
  paymentKey: r.payment_key,
  status: r.status,
});

export async function readShare(sql: SqlSession, shareId: string): Promise<ShareRow | null> {
  const rows = await sql.all<RawShare>(`select ${SHARE_COLUMNS} from payment_share where id = ?`, [shareId]);
  return rows[0] ? toShare(rows[0]) : null;
}

export async function orderShares(sql: SqlSession, orderId: string): Promise<ShareRow[]> {
  const rows = await sql.all<RawShare>(`select ${SHARE_COLUMNS} from payment_share where order_id = ? order by created_at, id`, [orderId]);
  return rows.map(toShare);
}

/** Is this paymentKey already spent on a share or an order's payment? */
export async function paymentKeyUsed(sql: SqlSession, paymentKey: string): Promise<boolean> {
  const rows = await sql.all<{ n: number | string }>(
    'select (select count(*) from payment_share where payment_key = ?) + (select count(*) from payment where payment_key = ?) as n',
    [paymentKey, paymentKey],
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Moves a share from one of `from` to `to`; true when this call moved it (racing settlements: one wins). */
export async function moveShare(
  sql: SqlSession,
  shareId: string,
  from: readonly ShareStatus[],
  to: ShareStatus,
  patch: { providerStatus?: string | null; failureCode?: string | null },
  now: Date,
): Promise<boolean> {
  const stamp = to === 'done' ? ', approved_at = ?' : to === 'refunded' ? ', refunded_at = ?' : '';
  const changed = await sql.run(
    `update payment_share set status = ?, provider_status = coalesce(?, provider_status), failure_code = ?, updated_at = ?${stamp}
      where id = ? and status in (${placeholders(from.length)})`,
    [to, patch.providerStatus ?? null, patch.failureCode ?? null, now, ...(stamp ? [now] : []), shareId, ...from],
  );
  return changed === 1;
}

/** A share's charge settled: its amount counts as paid. Returns the split after it. */
export async function addPaid(sql: SqlSession, orderId: string, amount: number, now: Date): Promise<SplitRow | null> {
  await sql.run('update bill_split set paid = paid + ?, updated_at = ? where order_id = ?', [amount, now, orderId]);
  return readSplitRow(sql, orderId);
}

/** A share was not charged: its reservation and its claims are given back. */
export async function releaseShare(sql: SqlSession, share: ShareRow, now: Date): Promise<void> {
  await sql.run('update bill_split set reserved = reserved - ?, updated_at = ? where order_id = ?', [share.amount, now, share.orderId]);
  await sql.run('delete from share_claim where share_id = ?', [share.id]);
}

/**
 * Closes an open split when nothing is in flight (`reserved = paid`): from then no share can be reserved. The
 * condition and the reservation's are on one row, so a closing expiry and a reserving phone can't both win.
 */
export async function closeSplitRow(sql: SqlSession, orderId: string, now: Date): Promise<boolean> {
  const changed = await sql.run(
    `update bill_split set state = 'closed', updated_at = ? where order_id = ? and state = 'open' and reserved = paid`,
    [now, orderId],
  );
  return changed === 1;
}

/** Every charged share of the order is to be refunded (the compensation's intent, in the closing transaction). */
export async function markSharesForRefund(sql: SqlSession, orderId: string, reason: string, now: Date): Promise<number> {
  return sql.run(`update payment_share set status = 'refunding', failure_code = ?, updated_at = ? where order_id = ? and status = 'done'`, [
    reason.slice(0, 60),
    now,
    orderId,
  ]);
}

/**
 * Takes the order's row lock (PostgreSQL; SQLite serialises writers) before the split row: every transaction that
 * touches both takes them in this order — order, then split — so settlements, expiry and a first share can't deadlock.
 */
export async function lockOrderRow(sql: SqlSession, orderId: string): Promise<void> {
  await sql.run('update orders set revision = revision where id = ?', [orderId]);
}

/** Bumps the order's revision (clients take the newer version) after a change of its split. */
export async function touchOrder(sql: SqlSession, orderId: string, now: Date): Promise<void> {
  await sql.run('update orders set revision = revision + 1, updated_at = ? where id = ?', [now, orderId]);
}

/** Where a split stands, as a phone or the tablet sees it (`viewerDeviceId`: which shares are "mine"). */
export async function presentSplit(
  sql: SqlSession,
  order: { id: string; total: number },
  viewerDeviceId: string | null,
): Promise<BillSplitDto> {
  const split = await readSplitRow(sql, order.id);
  const shares = await orderShares(sql, order.id);
  const total = split?.total ?? order.total;
  const paid = split?.paid ?? 0;
  const reserved = split?.reserved ?? 0;
  return {
    orderId: order.id,
    total,
    paid,
    inFlight: reserved - paid,
    remaining: split?.state === 'closed' ? 0 : Math.max(0, total - reserved),
    shares: shares.map((s) => ({
      id: s.id,
      amount: s.amount,
      status: s.status,
      claims: s.claims,
      mine: viewerDeviceId !== null && s.deviceId === viewerDeviceId,
      counter: s.paymentKey.startsWith('counter:'),
    })),
  };
}

import { BusyDetailsSchema, type ErrorBody, type ErrorCode } from '@hiorder/domain/shared/errors';
import type { OutboxRow } from '../db/db';

/**
 * The outbox row's state machine, pure so it can be tested without a socket or a clock:
 *
 * ```
 * queued ──send──▶ sending ──ack ok──────────▶ placed
 *   ▲                 │ ──ack BUSY──────────▶ busy ──(retryAfterMs)──▶ sending
 *   └──no answer──────┤ ──ack refused────────▶ rejected
 * ```
 *
 * A row is only ever sent again with its own id as the idempotency key, so every resend is safe: the server
 * answers a replayed key with the first order (rule 5, I3).
 */
export type OutboxEvent =
  | { type: 'send' }
  | { type: 'acked'; orderId: string }
  | { type: 'refused'; error: ErrorBody }
  /** Timeout, disconnect, network error: we don't know whether the server got it. */
  | { type: 'no_answer'; reason: string }
  /** Found in `sending` after a reload: the ack may have been lost with the page. */
  | { type: 'recovered' };

/** Errors after which the very same request may succeed later: kept in the outbox and resent. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['BUSY', 'INTERNAL', 'RATE_LIMITED']);

export const BACKOFF = { baseMs: 1_000, maxMs: 30_000 } as const;

/** Exponential backoff with a ceiling: 1 s, 2 s, 4 s … 30 s. Jitter would help a fleet; 0..20 % is added. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (1 + 0.2 * random()));
}

export function transition(row: OutboxRow, event: OutboxEvent, now: number, random: () => number = Math.random): OutboxRow {
  switch (event.type) {
    case 'send':
      if (row.state !== 'queued' && row.state !== 'busy') return row;
      return { ...row, state: 'sending', attempts: row.attempts + 1 };
    case 'acked':
      if (row.state === 'placed') return row;
      return { ...row, state: 'placed', orderId: event.orderId, lastError: null, nextAttemptAt: 0 };
    case 'refused': {
      if (row.state === 'placed') return row;
      if (event.error.code === 'BUSY') {
        const details = BusyDetailsSchema.safeParse(event.error.details);
        const wait = details.success ? details.data.retryAfterMs : backoffMs(row.attempts, random);
        return { ...row, state: 'busy', lastError: event.error, nextAttemptAt: now + wait };
      }
      if (TRANSIENT.has(event.error.code)) {
        return { ...row, state: 'queued', lastError: event.error, nextAttemptAt: now + backoffMs(row.attempts, random) };
      }
      return { ...row, state: 'rejected', lastError: event.error, nextAttemptAt: 0 };
    }
    case 'no_answer':
      if (row.state !== 'sending') return row;
      return { ...row, state: 'queued', nextAttemptAt: now + backoffMs(row.attempts, random) };
    case 'recovered':
      if (row.state !== 'sending') return row;
      return { ...row, state: 'queued', nextAttemptAt: now };
  }
}

/** Rows that should go on the wire now, oldest first. */
export function dueRows(rows: readonly OutboxRow[], now: number): OutboxRow[] {
  return rows
    .filter((r) => (r.state === 'queued' || r.state === 'busy') && r.nextAttemptAt <= now)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** When the pusher should wake up next, or null when nothing waits. */
export function nextWakeUp(rows: readonly OutboxRow[]): number | null {
  const waiting = rows.filter((r) => r.state === 'queued' || r.state === 'busy').map((r) => r.nextAttemptAt);
  return waiting.length === 0 ? null : Math.min(...waiting);
}

/** A row the guest still has to wait for (not placed, not refused). */
export function isPending(row: Pick<OutboxRow, 'state'>): boolean {
  return row.state === 'queued' || row.state === 'sending' || row.state === 'busy';
}

import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { SqlSession } from '../db/direct-sql';
import { fromDbTime, placeholders } from '../db/sql';

/** Named queries over the outbox: sequencing, publishing, catch-up, on a `SqlSession` (db/direct-sql.ts). */

interface OutboxRow {
  id: string;
  store_id: string;
  type: string;
  aggregate_id: string;
  seq: number | null;
  occurred_at: unknown;
  payload: unknown;
}

function toEvent(row: OutboxRow): DomainEvent {
  const payload = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
  return {
    id: row.id,
    type: row.type,
    storeId: row.store_id,
    aggregateId: row.aggregate_id,
    seq: Number(row.seq),
    occurredAt: fromDbTime(row.occurred_at).toISOString(),
    payload,
  } as DomainEvent;
}

/** Whether some event still waits for its seq. */
export async function hasUnsequencedEvents(sql: SqlSession): Promise<boolean> {
  return (await sql.all('select 1 as waiting from outbox_event where seq is null limit 1')).length > 0;
}

/** Gives the next seq numbers of each store to events that have none, oldest first. Returns how many. */
export async function sequencePendingEvents(sql: SqlSession, batch: number): Promise<number> {
  const rows = await sql.all<{ id: string; store_id: string }>(
    `select id, store_id from outbox_event where seq is null order by id limit ?`,
    [batch],
  );
  if (rows.length === 0) return 0;
  const byStore = new Map<string, string[]>();
  for (const row of rows) byStore.set(row.store_id, [...(byStore.get(row.store_id) ?? []), row.id]);
  for (const [storeId, ids] of [...byStore].sort(([a], [b]) => a.localeCompare(b))) {
    const updated = await sql.all<{ last_event_seq: number }>(
      `update store set last_event_seq = last_event_seq + ? where id = ? returning last_event_seq`,
      [ids.length, storeId],
    );
    const first = Number(updated[0]?.last_event_seq) - ids.length + 1;
    // One statement per store and batch: `case id when … then seq … end`.
    await sql.run(
      `update outbox_event set seq = case id ${ids.map(() => 'when ? then cast(? as integer)').join(' ')} end where id in (${placeholders(ids.length)})`,
      [...ids.flatMap((id, i) => [id, first + i]), ...ids],
    );
  }
  return rows.length;
}

/** Which column records each side of delivery (see `EventPublisher.delivery`). */
const DELIVERY_COLUMN = { live: 'published_at', durable: 'forwarded_at' } as const;

/** Sequenced events not yet delivered to one side, in store and seq order. */
export async function pendingEvents(sql: SqlSession, delivery: 'live' | 'durable', batch: number): Promise<DomainEvent[]> {
  const column = DELIVERY_COLUMN[delivery];
  const rows = await sql.all<OutboxRow>(
    `select id, store_id, type, aggregate_id, seq, occurred_at, payload from outbox_event
      where ${column} is null and seq is not null order by store_id, seq limit ?`,
    [batch],
  );
  return rows.map(toEvent);
}

export async function markDelivered(sql: SqlSession, delivery: 'live' | 'durable', ids: readonly string[], now: Date): Promise<void> {
  const column = DELIVERY_COLUMN[delivery];
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    await sql.run(`update outbox_event set ${column} = ? where id in (${placeholders(chunk.length)})`, [now, ...chunk]);
  }
}

/** Marks events applied by every processor that handles them: durable delivery is over (see `OutboxEvent.appliedAt`). */
export async function markApplied(sql: SqlSession, ids: readonly string[], now: Date): Promise<void> {
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    await sql.run(`update outbox_event set applied_at = ? where id in (${placeholders(chunk.length)})`, [now, ...chunk]);
  }
}

/**
 * Events forwarded before `cutoff` and not yet marked applied, forwarded longest ago first: the sweeper's
 * candidates. Served by the `(applied_at, forwarded_at)` index; each sweep marks the applied ones and stamps the
 * re-sent ones with a new `forwarded_at`, so no event is read again before another timeout has passed.
 */
export async function forwardedUnappliedEvents(sql: SqlSession, cutoff: Date, batch: number): Promise<DomainEvent[]> {
  const rows = await sql.all<OutboxRow>(
    `select id, store_id, type, aggregate_id, seq, occurred_at, payload from outbox_event
      where applied_at is null and forwarded_at < ? order by forwarded_at limit ?`,
    [cutoff, batch],
  );
  return rows.map(toEvent);
}

/** Which of these events one consumer applied (its `processed_event` rows, found by their primary key). */
export async function appliedBy(sql: SqlSession, consumer: string, eventIds: readonly string[]): Promise<Set<string>> {
  const applied = new Set<string>();
  for (let i = 0; i < eventIds.length; i += 200) {
    const chunk = eventIds.slice(i, i + 200);
    const rows = await sql.all<{ event_id: string }>(
      `select event_id from processed_event where consumer = ? and event_id in (${placeholders(chunk.length)})`,
      [consumer, ...chunk],
    );
    for (const row of rows) applied.add(row.event_id);
  }
  return applied;
}

/** A store's sequenced events of one type since a time, up to a seq (board snapshot: recent staff calls). */
export async function recentEventsOfType(
  sql: SqlSession,
  storeId: string,
  type: string,
  since: Date,
  upToSeq: number,
): Promise<DomainEvent[]> {
  const rows = await sql.all<OutboxRow>(
    `select id, store_id, type, aggregate_id, seq, occurred_at, payload from outbox_event
      where store_id = ? and type = ? and occurred_at >= ? and seq is not null and seq <= ? order by seq limit 200`,
    [storeId, type, since, upToSeq],
  );
  return rows.map(toEvent);
}

/** Events of a store after `lastSeq`, for a board catching up (I8). */
export async function eventsSince(
  sql: SqlSession,
  storeId: string,
  lastSeq: number,
  limit: number,
): Promise<{ events: DomainEvent[]; lastSeq: number; more: boolean }> {
  // The store's seq is read before the events: a page then never claims a seq it doesn't hold.
  const store = await sql.all<{ last_event_seq: number }>(`select last_event_seq from store where id = ?`, [storeId]);
  const rows = await sql.all<OutboxRow>(
    `select id, store_id, type, aggregate_id, seq, occurred_at, payload from outbox_event
      where store_id = ? and seq > ? order by seq limit ?`,
    [storeId, lastSeq, limit + 1],
  );
  const more = rows.length > limit;
  const events = rows.slice(0, limit).map(toEvent);
  const last = Math.max(Number(store[0]?.last_event_seq ?? 0), events.at(-1)?.seq ?? 0);
  return { events, lastSeq: last, more };
}

/** Number of events waiting to be published, and the age of the oldest (for metrics and readiness). */
export async function outboxBacklog(sql: SqlSession): Promise<{ count: number; oldest: Date | null }> {
  const rows = await sql.all<{ n: number | string; oldest: unknown }>(
    `select count(*) as n, min(occurred_at) as oldest from outbox_event where published_at is null or forwarded_at is null`,
  );
  const row = rows[0];
  return { count: Number(row?.n ?? 0), oldest: row?.oldest ? fromDbTime(row.oldest) : null };
}

/**
 * Takes or renews the relay lease for `holder`. Only one process relays at a time; a dead holder's lease
 * expires after `ttlMs`.
 */
export async function acquireRelayLease(sql: SqlSession, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const changed = await sql.run(
    `update relay_lease set holder = ?, expires_at = ? where name = 'outbox' and (holder = ? or expires_at < ?)`,
    [holder, expiresAt, holder, now],
  );
  if (changed === 1) return true;
  const exists = await sql.all<{ n: number }>(`select count(*) as n from relay_lease where name = 'outbox'`);
  if (Number(exists[0]?.n) > 0) return false;
  try {
    await sql.run(`insert into relay_lease (name, holder, expires_at) values ('outbox', ?, ?)`, [holder, expiresAt]);
    return true;
  } catch {
    return false;
  }
}

/** Gives the lease up (graceful shutdown): expires it now if this holder has it. */
export async function releaseRelayLease(sql: SqlSession, holder: string): Promise<void> {
  await sql.run(`update relay_lease set expires_at = ? where name = 'outbox' and holder = ?`, [new Date(0), holder]);
}

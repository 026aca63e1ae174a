import type { EventFailureDto } from '@hiorder/domain/events/event-failure.schemas';
import type { SqlSession } from '../db/direct-sql';
import { fromDbTime, placeholders } from '../db/sql';

/** Named queries over `event_failure`: poison events set aside by the workers (see `event-failure.entity.ts`). */

/** Processor name of a set-aside event that does not parse as a domain event: no processor may apply it. */
export const ANY_PROCESSOR = '*';

export interface NewEventFailure {
  processor: string;
  eventId: string;
  storeId: string;
  eventType: string;
  error: string;
  attempts: number;
}

/** Sets events aside (again: the newest error and attempts win). */
export async function setEventsAside(sql: SqlSession, failures: readonly NewEventFailure[], now: Date): Promise<void> {
  const sorted = [...failures].sort((a, b) => a.processor.localeCompare(b.processor) || a.eventId.localeCompare(b.eventId));
  for (let i = 0; i < sorted.length; i += 100) {
    const chunk = sorted.slice(i, i + 100);
    await sql.run(
      `insert into event_failure (processor, event_id, store_id, event_type, error, attempts, failed_at)
        values ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
        on conflict (processor, event_id) do update set error = excluded.error, attempts = excluded.attempts, failed_at = excluded.failed_at`,
      chunk.flatMap((f) => [f.processor, f.eventId, f.storeId, f.eventType.slice(0, 40), f.error.slice(0, 2000), f.attempts, now]),
    );
  }
}

/** Which of these events are set aside, as `processor|eventId` (`*|eventId` for every processor). */
export async function setAsideOf(sql: SqlSession, eventIds: readonly string[]): Promise<Set<string>> {
  const aside = new Set<string>();
  for (let i = 0; i < eventIds.length; i += 200) {
    const chunk = eventIds.slice(i, i + 200);
    const rows = await sql.all<{ processor: string; event_id: string }>(
      `select processor, event_id from event_failure where event_id in (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const row of rows) aside.add(`${row.processor}|${row.event_id}`);
  }
  return aside;
}

/** Whether `processor` must skip the event: set aside for it, or for every processor. */
export function isSetAside(aside: ReadonlySet<string>, processor: string, eventId: string): boolean {
  return aside.has(`${processor}|${eventId}`) || aside.has(`${ANY_PROCESSOR}|${eventId}`);
}

/** A store's set-aside events, newest first. */
export async function eventFailuresOf(sql: SqlSession, storeId: string, limit: number): Promise<EventFailureDto[]> {
  const rows = await sql.all<{
    processor: string;
    event_id: string;
    event_type: string;
    error: string;
    attempts: number | string;
    failed_at: unknown;
  }>(
    `select processor, event_id, event_type, error, attempts, failed_at from event_failure where store_id = ?
      order by failed_at desc, event_id limit ?`,
    [storeId, limit],
  );
  return rows.map((r) => ({
    processor: r.processor,
    eventId: r.event_id,
    eventType: r.event_type,
    error: r.error,
    attempts: Number(r.attempts),
    failedAt: fromDbTime(r.failed_at).toISOString(),
  }));
}

/** Events set aside in all (the `/metrics` gauge). */
export async function eventFailureCount(sql: SqlSession): Promise<number> {
  const rows = await sql.all<{ n: number | string }>('select count(*) as n from event_failure');
  return Number(rows[0]?.n ?? 0);
}

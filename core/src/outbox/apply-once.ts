import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { MikroORM } from '@mikro-orm/core';
import { sqlTransaction, type SqlSession } from '../db/direct-sql';
import { forkEm } from '../db/orm';
import type { EventProcessor } from './event-processor';

/** Rows per multi-row statement (SQLite and PostgreSQL bind-parameter limits stay far away). */
const CHUNK = 200;

/**
 * Claims `(consumer, event)` markers in `processed_event` for the given events and returns the ids claimed now
 * (those not already there). `on conflict do nothing`: on PostgreSQL an insert that meets a concurrent
 * transaction's uncommitted marker waits for it and then skips it, so two workers never both apply an event.
 * Ids are sorted so that concurrent claims lock in one order.
 */
async function claimEvents(sql: SqlSession, consumer: string, ids: readonly string[], now: Date): Promise<Set<string>> {
  const sorted = [...new Set(ids)].sort();
  const claimed = new Set<string>();
  for (let i = 0; i < sorted.length; i += CHUNK) {
    const chunk = sorted.slice(i, i + CHUNK);
    const rows = await sql.all<{ event_id: string }>(
      `insert into processed_event (consumer, event_id, processed_at) values ${chunk.map(() => '(?, ?, ?)').join(', ')}
        on conflict (consumer, event_id) do nothing returning event_id`,
      chunk.flatMap((id) => [consumer, id, now]),
    );
    for (const row of rows) claimed.add(row.event_id);
  }
  return claimed;
}

/**
 * Runs one processor on a batch of events in ONE transaction, each event at most once per (processor, event): the
 * markers of the batch are inserted together with the effect; events already marked (a duplicate delivery, a
 * retried batch) are left out, and so are event types the processor does not handle. Returns the events applied
 * now. A failure rolls the whole batch back for this processor (nothing of it is marked).
 */
export async function applyBatchOnce(
  orm: MikroORM,
  processor: EventProcessor,
  events: readonly DomainEvent[],
  now = new Date(),
): Promise<DomainEvent[]> {
  const handled = events.filter((e) => processor.handles.includes(e.type));
  if (handled.length === 0) return [];
  return sqlTransaction(forkEm(orm), async (sql) => {
    const claimed = await claimEvents(
      sql,
      processor.name,
      handled.map((e) => e.id),
      now,
    );
    const fresh: DomainEvent[] = [];
    for (const event of handled) {
      if (!claimed.delete(event.id)) continue; // already applied, or twice in this batch
      fresh.push(event);
    }
    if (fresh.length === 0) return [];
    if (processor.handleBatch) await processor.handleBatch(fresh, { sql });
    else for (const event of fresh) await processor.handle(event, { sql });
    return fresh;
  });
}

/**
 * Runs one processor on one event, at most once per (processor, event) (`applyBatchOnce` of one event). Returns
 * whether the event was applied now.
 */
export async function applyOnce(orm: MikroORM, processor: EventProcessor, event: DomainEvent, now = new Date()): Promise<boolean> {
  return (await applyBatchOnce(orm, processor, [event], now)).length > 0;
}

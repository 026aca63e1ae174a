import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { MikroORM } from '@mikro-orm/core';
import { sqlTransaction } from '../db/direct-sql';
import { forkEm } from '../db/orm';
import type { EventProcessor } from './event-processor';

/**
 * Runs one processor on one event, at most once per (processor, event): the marker row and the effect share a
 * transaction; a duplicate finds the marker and does nothing. Returns whether the event was applied now.
 */
export async function applyOnce(orm: MikroORM, processor: EventProcessor, event: DomainEvent, now = new Date()): Promise<boolean> {
  if (!processor.handles.includes(event.type)) return false;
  return sqlTransaction(forkEm(orm), async (sql) => {
    const seen = await sql.all('select 1 as seen from processed_event where consumer = ? and event_id = ?', [processor.name, event.id]);
    if (seen.length > 0) return false;
    // Inserted first: a concurrent duplicate on PostgreSQL blocks on the primary key and then fails, rolling
    // back its copy of the effect.
    await sql.run('insert into processed_event (consumer, event_id, processed_at) values (?, ?, ?)', [processor.name, event.id, now]);
    await processor.handle(event, { sql });
    return true;
  });
}

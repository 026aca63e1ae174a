import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { MikroORM } from '@mikro-orm/core';
import { forkEm } from '../db/orm';
import type { EventProcessor } from './event-processor';
import { ProcessedEvent } from './processed-event.entity';

/**
 * Runs one processor on one event, at most once per (processor, event): the marker row and the effect share a
 * transaction; a duplicate finds the marker and does nothing. Returns whether the event was applied now.
 */
export async function applyOnce(orm: MikroORM, processor: EventProcessor, event: DomainEvent, now = new Date()): Promise<boolean> {
  if (!processor.handles.includes(event.type)) return false;
  const em = forkEm(orm);
  return em.transactional(async (tx) => {
    const seen = await tx.findOne(ProcessedEvent, { consumer: processor.name, eventId: event.id });
    if (seen) return false;
    // Inserted first: a concurrent duplicate on PostgreSQL blocks on the primary key and then fails, rolling
    // back its copy of the effect.
    await tx.insert(ProcessedEvent, { consumer: processor.name, eventId: event.id, processedAt: now });
    await processor.handle(event, { em: tx });
    return true;
  });
}

import { newId } from '@hiorder/domain/shared/ids';
import type { DomainEventMap, DomainEventType } from '@hiorder/domain/events/domain-events';
import type { SqlSession } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';
import { markEventAppended } from './events-committed';
import { OutboxEvent } from './outbox-event.entity';

/**
 * Appends a domain event to the outbox inside the caller's transaction. Only commands call this; the event
 * leaves the process after the commit, through the relay.
 */
export function recordEvent<K extends DomainEventType>(
  em: EntityManager,
  event: { type: K; storeId: string; aggregateId: string; payload: DomainEventMap[K]; now: Date },
): void {
  em.create(OutboxEvent, {
    id: newId(),
    storeId: event.storeId,
    type: event.type,
    aggregateId: event.aggregateId,
    seq: null,
    occurredAt: event.now,
    payload: event.payload,
    publishedAt: null,
    forwardedAt: null,
  });
}

/**
 * The same as `recordEvent`, for commands that run on a `SqlSession` (placement, payment, status changes): the
 * row is inserted at once, inside the session's transaction.
 */
export async function appendEvent<K extends DomainEventType>(
  sql: SqlSession,
  event: { type: K; storeId: string; aggregateId: string; payload: DomainEventMap[K]; now: Date },
): Promise<void> {
  markEventAppended(sql);
  await sql.run(
    'insert into outbox_event (id, store_id, type, aggregate_id, seq, occurred_at, payload, published_at, forwarded_at) values (?, ?, ?, ?, null, ?, ?, null, null)',
    [newId(), event.storeId, event.type, event.aggregateId, event.now, JSON.stringify(event.payload)],
  );
}

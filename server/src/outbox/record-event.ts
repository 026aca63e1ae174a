import { newId } from '@hiorder/domain/shared/ids';
import type { DomainEventMap, DomainEventType } from '@hiorder/domain/events/domain-events';
import type { EntityManager } from '../db/orm';
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

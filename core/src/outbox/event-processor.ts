import type { DomainEvent, DomainEventType } from '@hiorder/domain/events/domain-events';
import type { SqlSession } from '../db/direct-sql';

/**
 * A consumer of domain events (statistics, recommendations, …): `{ name, handles, handle }`. The same module
 * runs in-process from the relay (embedded mode) or in a BullMQ worker. `handle` runs inside a transaction
 * that also records `(name, event.id)` in `processed_event`, so a redelivered event is applied once (I6).
 */
export interface EventProcessor {
  readonly name: string;
  readonly handles: readonly DomainEventType[];
  handle(event: DomainEvent, ctx: { sql: SqlSession }): Promise<void>;
}

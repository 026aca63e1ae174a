import type { DomainEvent, DomainEventType } from '@hiorder/domain/events/domain-events';
import type { SqlSession } from '../db/direct-sql';

/**
 * A consumer of domain events (statistics, recommendations, …): `{ name, handles, handle, handleBatch? }`. The
 * same module runs in-process from the relay (embedded mode) or in a BullMQ worker. `handles` lists the event types
 * it needs: it is never given any other. `handle` (one event) and `handleBatch` (several, one transaction) run
 * inside the transaction that also records `(name, event.id)` in `processed_event` for each event given, so a
 * redelivered event is applied once (I6).
 */
export interface EventProcessor {
  readonly name: string;
  readonly handles: readonly DomainEventType[];
  handle(event: DomainEvent, ctx: { sql: SqlSession }): Promise<void>;
  /**
   * Applies several events at once (aggregated in memory: ten sales of one dish in one hour bucket are one
   * update). Events come in the order the relay read them (by store, then seq). Without it, `handle` runs for
   * each event in turn, in the same transaction.
   */
  handleBatch?(events: readonly DomainEvent[], ctx: { sql: SqlSession }): Promise<void>;
}

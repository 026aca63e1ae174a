import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { MikroORM } from '@mikro-orm/core';
import { applyBatchOnce } from './apply-once';
import type { EventProcessor } from './event-processor';
import type { EventPublisher } from './outbox-relay';

/** Told after a processor applied an event (for the throttled `stats:updated` / `recommendations:updated`). */
export type AppliedListener = (storeId: string, processorName: string) => void;

/**
 * Embedded mode (no Redis): the relay hands each batch to the processors here, each processor taking the whole
 * batch in one transaction (`applyBatchOnce`). A failure throws, so the relay leaves the batch unpublished and
 * retries it; the processors that already applied it skip it then (I6).
 */
export function inProcessPublisher(
  orm: MikroORM,
  processors: readonly EventProcessor[],
  onApplied: AppliedListener = () => {},
): EventPublisher {
  return {
    name: 'in-process-processors',
    delivery: 'durable',
    appliesBeforeResolving: true,
    async publish(events: readonly DomainEvent[]) {
      for (const processor of processors) {
        const applied = await applyBatchOnce(orm, processor, events);
        for (const storeId of new Set(applied.map((e) => e.storeId))) onApplied(storeId, processor.name);
      }
    },
  };
}

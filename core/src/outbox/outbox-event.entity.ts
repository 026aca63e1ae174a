import { EntitySchema } from '@mikro-orm/core';

/**
 * A domain event, written in the same transaction as the change it describes. `seq` is null until the relay
 * sequences it (single writer per store, so the store's seq is gap-free and in commit order); `publishedAt` is
 * set once it went to the sockets and consumers. Events are kept: a reconnecting board catches up from them.
 */
export class OutboxEvent {
  id!: string;
  storeId!: string;
  type!: string;
  aggregateId!: string;
  seq!: number | null;
  occurredAt!: Date;
  payload!: unknown;
  publishedAt!: Date | null;
  /** When the durable consumers (processors, BullMQ) got it; apart from `publishedAt` (sockets). */
  forwardedAt!: Date | null;
  /**
   * When every processor that handles this event's type had applied it (their `processed_event` rows): only then
   * is durable delivery over. Until then the relay's sweeper forwards it again after a timeout (a job lost with
   * Redis's memory), so at-least-once ends at the consumer, not at Redis.
   */
  appliedAt!: Date | null;
}

export const OutboxEventSchema = new EntitySchema<OutboxEvent>({
  class: OutboxEvent,
  tableName: 'outbox_event',
  properties: {
    id: { type: 'uuid', primary: true },
    storeId: { type: 'uuid' },
    type: { type: 'string', length: 40 },
    aggregateId: { type: 'uuid' },
    seq: { type: 'integer', nullable: true },
    occurredAt: { type: 'datetime' },
    payload: { type: 'json' },
    publishedAt: { type: 'datetime', nullable: true },
    forwardedAt: { type: 'datetime', nullable: true },
    appliedAt: { type: 'datetime', nullable: true },
  },
  uniques: [{ properties: ['storeId', 'seq'] }],
  indexes: [
    { properties: ['seq', 'id'] },
    { properties: ['publishedAt', 'storeId', 'seq'] },
    { properties: ['forwardedAt', 'storeId', 'seq'] },
    { properties: ['appliedAt', 'forwardedAt'] },
  ],
});

import { EntitySchema } from '@mikro-orm/core';

/**
 * A poison event set aside: its processor threw on it `EVENT_MAX_ATTEMPTS` times (or it does not parse as a domain
 * event: processor `*`). Workers skip it from then on, the rest of its batch and later batches go on, and the
 * outbox sweeper counts it as delivered (it is not forwarded again). Listed by `GET /api/ops/event-failures`.
 */
export class EventFailure {
  processor!: string;
  eventId!: string;
  storeId!: string;
  eventType!: string;
  error!: string;
  attempts!: number;
  failedAt!: Date;
}

export const EventFailureSchema = new EntitySchema<EventFailure>({
  class: EventFailure,
  tableName: 'event_failure',
  properties: {
    processor: { type: 'string', length: 60, primary: true },
    eventId: { type: 'uuid', primary: true },
    storeId: { type: 'uuid' },
    eventType: { type: 'string', length: 40 },
    error: { type: 'text' },
    attempts: { type: 'integer' },
    failedAt: { type: 'datetime' },
  },
  indexes: [{ properties: ['storeId', 'failedAt'] }],
});

import { EntitySchema } from '@mikro-orm/core';

/**
 * Which consumer applied which event: inserted in the same transaction as the consumer's effect, so an event
 * delivered twice (relay retry, BullMQ stalled job) is applied once (I6).
 */
export class ProcessedEvent {
  consumer!: string;
  eventId!: string;
  processedAt!: Date;
}

export const ProcessedEventSchema = new EntitySchema<ProcessedEvent>({
  class: ProcessedEvent,
  tableName: 'processed_event',
  properties: {
    consumer: { type: 'string', length: 60, primary: true },
    eventId: { type: 'uuid', primary: true },
    processedAt: { type: 'datetime' },
  },
});

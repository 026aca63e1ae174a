// Outbox: recording events in the command's transaction, the relay, its publishers and the event processors. BullMQ's publisher is its own entry (@hiorder/core/outbox/bullmq), loaded only with REDIS_URL.
// The public surface of this context: transports import from '@hiorder/core/outbox' only; files inside core import
// each other by relative path, never through this index (docs/ARCHITECTURE.md, "Import rules").
export { applyBatchOnce, applyOnce } from './apply-once';
export { ANY_PROCESSOR, eventFailureCount, eventFailuresOf, isSetAside, setAsideOf, setEventsAside } from './event-failure.repository';
export type { NewEventFailure } from './event-failure.repository';
export { EventFailure } from './event-failure.entity';
export type { EventProcessor } from './event-processor';
export { EVENTS_PER_JOB, EVENTS_QUEUE, redisOptions, SCHEDULED_QUEUE } from './event-queue';
export type { EventBatchJob, EventJobResult } from './event-queue';
export { onEventsCommitted } from './events-committed';
export { inProcessPublisher } from './in-process-publisher';
export type { AppliedListener } from './in-process-publisher';
export { OutboxEvent } from './outbox-event.entity';
export { OutboxRelay } from './outbox-relay';
export type { EventPublisher } from './outbox-relay';
export { eventsSince, outboxBacklog } from './outbox.repository';
export { ProcessedEvent } from './processed-event.entity';
export { EVENT_PROCESSORS } from './processors';
export { appendEvent, recordEvent } from './record-event';

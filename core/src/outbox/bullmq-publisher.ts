import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { Queue, QueueEvents } from 'bullmq';
import type { Logger } from '../logger';
import {
  DEFAULT_QUEUE_PREFIX,
  EVENT_JOB_OPTIONS,
  EVENTS_PER_JOB,
  EVENTS_QUEUE,
  redisOptions,
  type EventBatchJob,
  type EventJobResult,
} from './event-queue';
import type { AppliedListener } from './in-process-publisher';
import type { EventPublisher } from './outbox-relay';

export interface BullmqPublisher extends EventPublisher {
  queue: Queue;
  close(): Promise<void>;
}

/**
 * With Redis: each relay pass becomes jobs of up to `EVENTS_PER_JOB` events of the events queue (job id = the
 * first and last event's ids, so the same batch published again while its job is still in Redis is ignored; any
 * other overlap is applied once by `applyBatchOnce`). The connection fails fast (`enableOfflineQueue: false`): with Redis
 * down, `publish` throws at once and the relay keeps the events unpublished, to retry at its next poll;
 * placements and payments never wait on Redis.
 */
export function bullmqPublisher(input: { redisUrl: string; prefix?: string; logger: Logger }): BullmqPublisher {
  const queue = new Queue(EVENTS_QUEUE, {
    connection: { ...redisOptions(input.redisUrl), enableOfflineQueue: false, maxRetriesPerRequest: 1 },
    prefix: input.prefix ?? DEFAULT_QUEUE_PREFIX,
    defaultJobOptions: EVENT_JOB_OPTIONS,
  });
  let lastError = 0;
  queue.on('error', (err) => {
    // ioredis reports every failed reconnect: log once a minute, the relay's retries say the rest.
    if (Date.now() - lastError > 60_000) input.logger.warn({ err: err.message }, 'event queue: Redis unreachable');
    lastError = Date.now();
  });
  return {
    name: 'bullmq',
    delivery: 'durable',
    queue,
    async publish(events: readonly DomainEvent[]) {
      if (events.length === 0) return;
      const jobs: { name: string; data: EventBatchJob; opts: { jobId: string } }[] = [];
      for (let i = 0; i < events.length; i += EVENTS_PER_JOB) {
        const batch = events.slice(i, i + EVENTS_PER_JOB);
        const first = batch[0] as DomainEvent;
        const last = batch[batch.length - 1] as DomainEvent;
        jobs.push({ name: 'batch', data: { events: batch }, opts: { jobId: `${first.id}_${last.id}_${batch.length}` } });
      }
      await queue.addBulk(jobs);
    },
    close: () => queue.close(),
  };
}

/**
 * Listens to the events queue's completions (from any worker) and reports which processors applied an event
 * for which store, so this server instance can push `stats:updated` / `recommendations:updated` to its sockets.
 * Reconnects by itself when Redis comes back.
 */
export function watchAppliedEvents(input: { redisUrl: string; prefix?: string; logger: Logger; onApplied: AppliedListener }): {
  close(): Promise<void>;
} {
  const events = new QueueEvents(EVENTS_QUEUE, {
    connection: redisOptions(input.redisUrl),
    prefix: input.prefix ?? DEFAULT_QUEUE_PREFIX,
  });
  events.on('error', () => undefined);
  events.on('completed', ({ returnvalue }) => {
    for (const { storeId, processor } of parseResult(returnvalue)) input.onApplied(storeId, processor);
  });
  return { close: () => events.close() };
}

function parseResult(value: unknown): EventJobResult['applied'] {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    if (!parsed || typeof parsed !== 'object') return [];
    const { applied } = parsed as Partial<EventJobResult>;
    if (!Array.isArray(applied)) return [];
    return applied.filter(
      (a): a is { storeId: string; processor: string } =>
        typeof a === 'object' && a !== null && typeof a.storeId === 'string' && typeof a.processor === 'string',
    );
  } catch {
    return [];
  }
}

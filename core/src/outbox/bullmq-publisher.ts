import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { Queue, QueueEvents } from 'bullmq';
import type { Logger } from '../logger';
import { DEFAULT_QUEUE_PREFIX, EVENT_JOB_OPTIONS, EVENTS_QUEUE, redisOptions, type EventJobResult } from './event-queue';
import type { AppliedListener } from './in-process-publisher';
import type { EventPublisher } from './outbox-relay';

export interface BullmqPublisher extends EventPublisher {
  queue: Queue;
  close(): Promise<void>;
}

/**
 * With Redis: each committed event becomes one job of the events queue (job id = event id, so a re-publish
 * of a job still in Redis is ignored). The connection fails fast (`enableOfflineQueue: false`): with Redis
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
      await queue.addBulk(events.map((event) => ({ name: event.type, data: event, opts: { jobId: event.id } })));
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
    const result = parseResult(returnvalue);
    if (!result) return;
    for (const name of result.applied) input.onApplied(result.storeId, name);
  });
  return { close: () => events.close() };
}

function parseResult(value: unknown): EventJobResult | null {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    if (!parsed || typeof parsed !== 'object') return null;
    const { storeId, applied } = parsed as Partial<EventJobResult>;
    if (typeof storeId !== 'string' || !Array.isArray(applied)) return null;
    return { storeId, applied: applied.filter((a): a is string => typeof a === 'string') };
  } catch {
    return null;
  }
}

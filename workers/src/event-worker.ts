import { DomainEventSchema } from '@hiorder/domain/events/domain-events';
import { applyOnce, type EventProcessor, EVENTS_QUEUE, redisOptions, type EventJobResult } from '@hiorder/core/outbox';
import type { MikroORM } from '@mikro-orm/core';
import { Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';

export interface EventWorkerInput {
  orm: MikroORM;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  processors: readonly EventProcessor[];
  logger: Logger;
  /** Hears each processor that applied an event here (the print dispatcher is kicked when print jobs were queued). */
  onApplied?: (processorName: string) => void;
  /** Lock settings (tests shorten them to see a killed worker's job come back quickly). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/** Reconnects quickly: Redis coming back should resume processing within about a second. */
export const workerRetryStrategy = (times: number): number => Math.min(200 * times, 2000);

/**
 * Consumes the events queue: each job is one domain event, run through every processor with `applyOnce`, so
 * a job retried after a crash, a stalled lock or a re-publish applies each processor at most once (I6). A
 * processor failing fails the job, which BullMQ retries with backoff; those already applied skip it then.
 * Returns `EventJobResult` (which processors applied it, for the server's `*:updated` pushes).
 */
export function createEventWorker(input: EventWorkerInput): Worker<unknown, EventJobResult> {
  const worker = new Worker<unknown, EventJobResult>(
    EVENTS_QUEUE,
    async (job: Job<unknown, EventJobResult>) => {
      const event = DomainEventSchema.parse(job.data);
      const applied: string[] = [];
      for (const processor of input.processors) {
        if (await applyOnce(input.orm, processor, event)) {
          applied.push(processor.name);
          input.onApplied?.(processor.name);
        }
      }
      return { storeId: event.storeId, applied };
    },
    {
      connection: { ...redisOptions(input.redisUrl), maxRetriesPerRequest: null, retryStrategy: workerRetryStrategy },
      prefix: input.prefix,
      concurrency: input.concurrency,
      ...(input.lockDurationMs ? { lockDuration: input.lockDurationMs } : {}),
      ...(input.stalledIntervalMs ? { stalledInterval: input.stalledIntervalMs } : {}),
    },
  );
  let lastError = 0;
  worker.on('error', (err) => {
    if (Date.now() - lastError > 60_000) input.logger.warn({ err: err.message }, 'events worker: Redis error');
    lastError = Date.now();
  });
  worker.on('failed', (job, err) =>
    input.logger.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'event job failed; retried with backoff'),
  );
  return worker;
}

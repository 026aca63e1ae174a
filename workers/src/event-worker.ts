import { DomainEventSchema, type DomainEvent } from '@hiorder/domain/events/domain-events';
import { sqlOf, forkEm } from '@hiorder/core/db';
import {
  applyBatchOnce,
  applyOnce,
  ANY_PROCESSOR,
  isSetAside,
  setAsideOf,
  setEventsAside,
  type NewEventFailure,
  type EventProcessor,
  EVENTS_QUEUE,
  redisOptions,
  type EventJobResult,
} from '@hiorder/core/outbox';
import type { MikroORM } from '@mikro-orm/core';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
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
  /** Tries of a batch before the events a processor still throws on are set aside (`EVENT_MAX_ATTEMPTS`, default 5). */
  maxAttempts?: number;
  /** Lock settings (tests shorten them to see a killed worker's job come back quickly). */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/** Reconnects quickly: Redis coming back should resume processing within about a second. */
export const workerRetryStrategy = (times: number): number => Math.min(200 * times, 2000);

/** The events of a job: a batch (`{ events }`), or one event as an older server published it. */
export function jobEvents(data: unknown): unknown[] {
  if (data && typeof data === 'object' && 'events' in data && Array.isArray(data.events)) return data.events;
  return [data];
}

/**
 * Consumes the events queue: each job is a batch of domain events (up to `EVENTS_PER_JOB`), given to each
 * processor in ONE transaction per processor (`applyBatchOnce`: the batch's `processed_event` markers inserted
 * together, events a processor already applied left out). So a job retried after a crash, a stalled lock or a
 * re-publish applies each event at most once per processor (I6). Returns `EventJobResult` (which processors applied
 * events of which store, for the server's `*:updated` pushes).
 *
 * Poison events: when a processor's batch throws, its events are tried one at a time (each in its own
 * transaction), so the others are applied at once and only the ones that throw remain; the job then fails and
 * BullMQ retries it with backoff (the applied ones are skipped). At the `maxAttempts`-th try the events that still
 * throw are set aside in `event_failure` (event, processor, error, attempts, time), skipped from then on, and the
 * job ends failed (`UnrecoverableError`: shown in bull-board's failed list with the error). An event that does not
 * parse as a domain event is set aside at once for every processor (`*`): no retry can fix it. If the database is
 * down, setting aside fails too and the job is simply retried: an outage does not turn events into poison.
 */
export function createEventWorker(input: EventWorkerInput): Worker<unknown, EventJobResult> {
  const maxAttempts = input.maxAttempts ?? 5;
  const worker = new Worker<unknown, EventJobResult>(
    EVENTS_QUEUE,
    async (job: Job<unknown, EventJobResult>) => {
      const attempt = job.attemptsMade + 1;
      const events: DomainEvent[] = [];
      const failures: NewEventFailure[] = [];
      for (const data of jobEvents(job.data)) {
        const parsed = DomainEventSchema.safeParse(data);
        if (parsed.success) events.push(parsed.data);
        else {
          const unparsed = unparsedFailure(data, parsed.error.message);
          if (unparsed) failures.push(unparsed);
          else input.logger.error({ jobId: job.id }, 'event job: an event without a uuid id or store was dropped');
        }
      }
      if (failures.length > 0) await setEventsAside(sqlOf(forkEm(input.orm)), failures, new Date());
      const unparsed = failures.length;
      const aside =
        events.length > 0
          ? await setAsideOf(
              sqlOf(forkEm(input.orm)),
              events.map((e) => e.id),
            )
          : new Set<string>();
      const applied: EventJobResult['applied'] = [];
      for (const processor of input.processors) {
        const todo = events.filter((e) => !isSetAside(aside, processor.name, e.id));
        let done: DomainEvent[];
        try {
          done = await applyBatchOnce(input.orm, processor, todo);
        } catch {
          // One at a time: the events that apply are applied now, the poison ones stay.
          done = [];
          for (const event of todo) {
            try {
              if (await applyOnce(input.orm, processor, event)) done.push(event);
            } catch (err) {
              failures.push({
                processor: processor.name,
                eventId: event.id,
                storeId: event.storeId,
                eventType: event.type,
                error: err instanceof Error ? err.message : String(err),
                attempts: attempt,
              });
            }
          }
        }
        if (done.length === 0) continue;
        for (const storeId of new Set(done.map((e) => e.storeId))) applied.push({ storeId, processor: processor.name });
        input.onApplied?.(processor.name);
      }
      const poison = failures.slice(unparsed);
      if (poison.length > 0 && attempt < maxAttempts) {
        throw new Error(
          `${poison.length} event(s) failed (try ${attempt} of ${maxAttempts}): ${poison.map((f) => `${f.processor} ${f.eventId}: ${f.error}`).join('; ')}`,
        );
      }
      if (poison.length > 0) await setEventsAside(sqlOf(forkEm(input.orm)), poison, new Date());
      if (failures.length > 0) {
        input.logger.error({ jobId: job.id, failures }, 'poison events set aside in event_failure; the rest of the batch is applied');
        throw new UnrecoverableError(
          `set aside ${failures.length} poison event(s): ${failures.map((f) => `${f.processor} ${f.eventId}: ${f.error}`).join('; ')}`,
        );
      }
      return { applied };
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

/** The set-aside record of a job entry that is no domain event, if it has at least a uuid id and store. */
function unparsedFailure(data: unknown, error: string): NewEventFailure | null {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const { id, storeId, type } = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  if (typeof id !== 'string' || !uuid.test(id) || typeof storeId !== 'string' || !uuid.test(storeId)) return null;
  return { processor: ANY_PROCESSOR, eventId: id, storeId, eventType: typeof type === 'string' ? type : '?', error, attempts: 1 };
}

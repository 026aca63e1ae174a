/**
 * Test fixture run as a child process by `worker-crash.test.ts`: the real events worker, whose `recommendations`
 * processor waits `SLOW_MS` inside its batch transaction after applying a batch that holds an `order.paid`, so the
 * parent can kill -9 it half-way through the job: `stats` (the processor before it) has committed its part of the
 * batch, `recommendations` has written its effect but not committed, the processors after it have not run. Prints
 * `ready` and `applying <eventId,eventId,…>` (the batch's paid events) on stdout.
 */
import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { type SqlSession, openDatabase } from '@hiorder/core/db';
import { type EventProcessor, EVENT_PROCESSORS } from '@hiorder/core/outbox';
import { pino } from 'pino';
import { createEventWorker } from '../event-worker';

const slowMs = Number(process.env.SLOW_MS ?? 60_000);
const orm = await openDatabase({ databaseUrl: process.env.DATABASE_URL as string, migrate: false });
const slow: EventProcessor[] = EVENT_PROCESSORS.map((p) =>
  p.name !== 'recommendations'
    ? p
    : {
        name: p.name,
        handles: p.handles,
        handle: (event: DomainEvent, ctx: { sql: SqlSession }) => p.handle(event, ctx),
        async handleBatch(events: readonly DomainEvent[], ctx: { sql: SqlSession }) {
          for (const event of events) await p.handle(event, ctx);
          const paid = events.filter((e) => e.type === 'order.paid');
          if (paid.length === 0) return;
          process.stdout.write(`applying ${paid.map((e) => e.id).join(',')}\n`);
          await new Promise((resolve) => setTimeout(resolve, slowMs));
        },
      },
);
const worker = createEventWorker({
  orm,
  redisUrl: process.env.REDIS_URL as string,
  prefix: process.env.QUEUE_PREFIX as string,
  concurrency: 1,
  processors: slow,
  logger: pino({ level: 'silent' }),
  lockDurationMs: 1000,
  stalledIntervalMs: 500,
});
await worker.waitUntilReady();
process.stdout.write('ready\n');

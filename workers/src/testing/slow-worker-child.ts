/**
 * Test fixture run as a child process by `worker-crash.test.ts`: the real events worker, whose processors wait
 * `SLOW_MS` inside their transaction after applying an `order.paid` (the event every processor handles), so the
 * parent can kill -9 it mid-job (effect written but not committed). Earlier events (`order.placed`, which the
 * order history handles) go through at once: held open, their transaction would block the payment on SQLite and
 * be the job the parent kills. Prints `ready` and `applying <eventId>` on stdout.
 */
import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { type SqlSession, openDatabase } from '@hiorder/core/db';
import { type EventProcessor, EVENT_PROCESSORS } from '@hiorder/core/outbox';
import { pino } from 'pino';
import { createEventWorker } from '../event-worker';

const slowMs = Number(process.env.SLOW_MS ?? 60_000);
const orm = await openDatabase({ databaseUrl: process.env.DATABASE_URL as string, migrate: false });
const slow: EventProcessor[] = EVENT_PROCESSORS.map((p) => ({
  name: p.name,
  handles: p.handles,
  async handle(event: DomainEvent, ctx: { sql: SqlSession }) {
    await p.handle(event, ctx);
    if (event.type !== 'order.paid') return;
    process.stdout.write(`applying ${event.id}\n`);
    await new Promise((resolve) => setTimeout(resolve, slowMs));
  },
}));
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

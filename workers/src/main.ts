import { openDatabase } from '@hiorder/core/db';
import { EVENT_PROCESSORS } from '@hiorder/core/outbox';
import { createPaymentGateway } from '@hiorder/core/payment';
import { escposSender, PrintDispatcher, printingProcessor } from '@hiorder/core/printing';
import type { MikroORM } from '@mikro-orm/core';
import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { loadWorkerEnv } from './env';
import { createEventWorker } from './event-worker';
import { createScheduledWorker, scheduleRepeatableJobs } from './scheduled-jobs';

/**
 * `pnpm workers`: the BullMQ side of the outbox. Consumes the events queue (statistics, recommendations, print
 * jobs), the scheduled queue (reservation expiry, payment reconciliation), and sends the print queue to the
 * printers. The server owns the schema: this process
 * waits until the server has migrated the database. SIGTERM / SIGINT close the workers gracefully: the current
 * jobs finish (or, past the deadline, are handed back as stalled and re-run elsewhere, applied once).
 */
const env = loadWorkerEnv();
const logger = pino({ level: env.LOG_LEVEL, base: { service: 'hiorder-workers' } });

async function openMigratedDatabase(): Promise<MikroORM> {
  for (;;) {
    const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, migrate: false });
    const pending = await orm.getMigrator().getPendingMigrations();
    if (pending.length === 0) return orm;
    logger.info({ pending: pending.length }, 'waiting for the server to migrate the database');
    await orm.close();
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

const orm = await openMigratedDatabase();
const workers: Worker[] = [];
// The print queue lives in the database: any number of printing workers share it (claims are guarded).
const printing = env.WORKER_QUEUES.includes('printing')
  ? new PrintDispatcher(orm, {
      send: escposSender(env.PRINTER_TIMEOUT_MS),
      printerTimeoutMs: env.PRINTER_TIMEOUT_MS,
      retryMs: env.PRINT_RETRY_MS,
      pollMs: env.PRINT_POLL_MS,
      logger: logger.child({ module: 'printing' }),
    })
  : null;
printing?.start();
if (env.WORKER_QUEUES.includes('events')) {
  workers.push(
    createEventWorker({
      orm,
      redisUrl: env.REDIS_URL,
      prefix: env.QUEUE_PREFIX,
      concurrency: env.WORKER_CONCURRENCY,
      processors: EVENT_PROCESSORS,
      logger,
      maxAttempts: env.EVENT_MAX_ATTEMPTS,
      onApplied: (processor) => processor === printingProcessor.name && printing?.kick(),
    }),
  );
}
if (env.WORKER_QUEUES.includes('scheduled')) {
  const gateway = createPaymentGateway(env, env.SANDBOX_URL, logger);
  await scheduleRepeatableJobs({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX, everyMs: env.SCHEDULER_INTERVAL_MS });
  workers.push(
    createScheduledWorker({
      orm,
      gateway,
      logger,
      reconcile: { sessionMs: env.PAYMENT_SESSION_MS, staleAfterMs: env.RECONCILE_STALE_AFTER_MS },
      redisUrl: env.REDIS_URL,
      prefix: env.QUEUE_PREFIX,
    }),
  );
}
logger.info({ queues: env.WORKER_QUEUES, concurrency: env.WORKER_CONCURRENCY, prefix: env.QUEUE_PREFIX }, 'workers started');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'closing workers: finishing the current jobs');
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    Promise.all([...workers.map((w) => w.close()), printing?.stop()])
      .then(() => orm.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  });
}

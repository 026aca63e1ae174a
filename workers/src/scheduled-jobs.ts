import { closeIdleVisits } from '@hiorder/server/ordering/close-idle-visits';
import { expireOrders } from '@hiorder/server/ordering/expire-orders';
import { SCHEDULED_QUEUE, redisOptions } from '@hiorder/server/outbox/event-queue';
import type { PaymentGateway } from '@hiorder/server/payment/payment-gateway';
import { reconcilePayments } from '@hiorder/server/payment/reconcile-payments';
import type { MikroORM } from '@mikro-orm/core';
import { Queue, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { workerRetryStrategy } from './event-worker';

/** The repeatable jobs of the scheduled queue. */
export const SCHEDULED_JOBS = ['expire-orders', 'reconcile-payments', 'close-idle-visits'] as const;
export type ScheduledJobName = (typeof SCHEDULED_JOBS)[number];

export interface ScheduledJobDeps {
  orm: MikroORM;
  gateway: PaymentGateway;
  logger: Logger;
}

/**
 * Runs one scheduled job now: reservation expiry (`expireOrders`: unpaid orders past the TTL → expired, stock
 * back), payment reconciliation (`reconcilePayments`: unknown payments asked from the provider and settled) or
 * the idle rule (`closeIdleVisits`: settled visits idle past the store's setting end).
 * All are safe to run twice at once (guarded transitions and re-checks under the table's lock: one run wins each
 * order or visit, stock is released once).
 * Returns what the run did. Throws what the database or provider throw (BullMQ retries at the next tick).
 */
export async function runScheduledJob(name: ScheduledJobName, deps: ScheduledJobDeps, now = new Date()): Promise<Record<string, number>> {
  switch (name) {
    case 'expire-orders':
      return { expired: await expireOrders(deps.orm, now) };
    case 'reconcile-payments':
      return { ...(await reconcilePayments(deps.orm, deps.gateway, deps.logger, now)) };
    case 'close-idle-visits':
      return { closed: await closeIdleVisits(deps.orm, now) };
  }
}

/**
 * Registers the repeatable jobs (idempotent: `upsertJobScheduler` keeps one schedule per name however many
 * workers start), so expiry and reconciliation run once per interval for the whole deployment.
 */
export async function scheduleRepeatableJobs(input: { redisUrl: string; prefix: string; everyMs: number }): Promise<void> {
  const queue = new Queue(SCHEDULED_QUEUE, { connection: { ...redisOptions(input.redisUrl), maxRetriesPerRequest: null, retryStrategy: workerRetryStrategy }, prefix: input.prefix });
  queue.on('error', () => undefined);
  try {
    for (const name of SCHEDULED_JOBS) {
      await queue.upsertJobScheduler(name, { every: input.everyMs }, { name, opts: { removeOnComplete: 100, removeOnFail: 100 } });
    }
  } finally {
    await queue.close();
  }
}

/** Consumes the scheduled queue, one job at a time per process. */
export function createScheduledWorker(input: ScheduledJobDeps & { redisUrl: string; prefix: string }): Worker {
  const worker = new Worker(
    SCHEDULED_QUEUE,
    async (job: Job) => {
      if (!(SCHEDULED_JOBS as readonly string[]).includes(job.name)) throw new Error(`unknown scheduled job ${job.name}`);
      return runScheduledJob(job.name as ScheduledJobName, input);
    },
    { connection: { ...redisOptions(input.redisUrl), maxRetriesPerRequest: null, retryStrategy: workerRetryStrategy }, prefix: input.prefix, concurrency: 1 },
  );
  worker.on('error', () => undefined);
  return worker;
}

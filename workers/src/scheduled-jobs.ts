import { SCHEDULED_QUEUE, redisOptions } from '@hiorder/core/outbox';
import { isScheduledJobName, runScheduledJob, SCHEDULED_JOB_NAMES, type ScheduledJobDeps } from '@hiorder/core/scheduling';
import { Queue, Worker, type Job } from 'bullmq';
import { workerRetryStrategy } from './event-worker';

export { runScheduledJob };

/**
 * Registers the repeatable jobs (idempotent: `upsertJobScheduler` keeps one schedule per name however many
 * workers start), so expiry and reconciliation run once per interval for the whole deployment.
 */
export async function scheduleRepeatableJobs(input: { redisUrl: string; prefix: string; everyMs: number }): Promise<void> {
  const queue = new Queue(SCHEDULED_QUEUE, {
    connection: { ...redisOptions(input.redisUrl), maxRetriesPerRequest: null, retryStrategy: workerRetryStrategy },
    prefix: input.prefix,
  });
  queue.on('error', () => undefined);
  try {
    for (const name of SCHEDULED_JOB_NAMES) {
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
      if (!isScheduledJobName(job.name)) throw new Error(`unknown scheduled job ${job.name}`);
      return runScheduledJob(job.name, input);
    },
    {
      connection: { ...redisOptions(input.redisUrl), maxRetriesPerRequest: null, retryStrategy: workerRetryStrategy },
      prefix: input.prefix,
      concurrency: 1,
    },
  );
  worker.on('error', () => undefined);
  return worker;
}

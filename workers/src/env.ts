import {
  DatabaseEnv,
  EventWorkerEnv,
  parseEnv,
  PaymentEnv,
  PrintingEnv,
  ProcessEnv,
  QueueEnv,
  RedisUrl,
  SchedulerEnv,
} from '@hiorder/core/config';
import { z } from 'zod';

/**
 * The worker process's configuration: the shared parts from core/src/config/env.ts (database, queue prefix,
 * payment provider, scheduler, mode and logging — the same variables as the server's) and its own below. A bad
 * value stops the start with a message naming the variable.
 */
const WorkerEnvSchema = z.object({
  ...ProcessEnv,
  ...DatabaseEnv,
  ...QueueEnv,
  ...PaymentEnv,
  ...SchedulerEnv,
  ...PrintingEnv,
  ...EventWorkerEnv,
  REDIS_URL: RedisUrl.default('redis://127.0.0.1:6379'),
  /**
   * What this process runs: `events` (statistics, recommendations, print jobs queued), `scheduled` (core's
   * scheduled jobs), `printing` (sends the print queue to the printers; run it where the printers are reachable,
   * e.g. one worker on the restaurant's network).
   */
  WORKER_QUEUES: z
    .string()
    .default('events,scheduled,printing')
    .transform((s) =>
      s
        .split(',')
        .map((q) => q.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['events', 'scheduled', 'printing'])).min(1)),
  /** Event jobs run at once by this process. Processors commute, so any number is safe. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** The sandbox provider reconciliation asks when TOSS_SECRET_KEY is unset (the server's sandbox). */
  SANDBOX_URL: z.url().default('http://127.0.0.1:8081'),
});

export type WorkerEnv = z.infer<typeof WorkerEnvSchema>;

/** Every variable the workers read: deploy files are checked against it (server/src/ops/manifests.test.ts). */
export const WORKER_ENV_NAMES: readonly string[] = Object.keys(WorkerEnvSchema.shape);

export function loadWorkerEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  return parseEnv(WorkerEnvSchema, source);
}

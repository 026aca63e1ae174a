import { z } from 'zod';

/**
 * The worker process's configuration, read once from the environment and validated; a bad value stops the
 * start with a message naming the variable. Database, Redis prefix and payment settings must match the server's.
 */
const WorkerEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .default('sqlite://./data/hiorder.db')
    .refine((v) => /^(sqlite:\/\/|postgres(ql)?:\/\/)/.test(v), 'must start with sqlite:// or postgres://'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis://').default('redis://127.0.0.1:6379'),
  /** Redis key prefix of the queues: the server's QUEUE_PREFIX. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('hiorder'),
  /** Which queues this process consumes: `events` (statistics, recommendations), `scheduled` (expiry, reconciliation). */
  WORKER_QUEUES: z
    .string()
    .default('events,scheduled')
    .transform((s) => s.split(',').map((q) => q.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['events', 'scheduled'])).min(1)),
  /** Event jobs run at once by this process. Processors commute, so any number is safe. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** How often reservation expiry and payment reconciliation run (one schedule for all workers). */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** Payment provider for reconciliation: real Toss when TOSS_SECRET_KEY is set, else the server's sandbox. */
  TOSS_SECRET_KEY: z.string().optional(),
  TOSS_API_URL: z.url().default('https://api.tosspayments.com'),
  SANDBOX_URL: z.url().default('http://127.0.0.1:8081'),
  SANDBOX_SECRET_KEY: z.string().default('test_sk_sandbox'),
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  PAYMENT_BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
  PAYMENT_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(100).default(15000),
  /** Kitchen printers (the server's settings of the same names): one conversation step's timeout, retry wait, queue poll. */
  PRINTER_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  PRINT_RETRY_MS: z.coerce.number().int().min(10).default(2000),
  PRINT_POLL_MS: z.coerce.number().int().min(10).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WorkerEnv = z.infer<typeof WorkerEnvSchema>;

export function loadWorkerEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  const parsed = WorkerEnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

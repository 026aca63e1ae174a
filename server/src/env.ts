import { z } from 'zod';

/**
 * The server's configuration, read once from the environment and validated. A bad value stops the start with
 * a message naming the variable.
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Public origin the apps are opened from (used in pairing URLs); defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .default('sqlite://./data/hiorder.db')
    .refine((v) => /^(sqlite:\/\/|postgres(ql)?:\/\/)/.test(v), 'must start with sqlite:// or postgres://'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
  /**
   * Apply pending migrations when the server starts. Right for one embedded instance; with several instances
   * set `false` and run the one-shot `migrate` entry (compose service, Kubernetes Job) so they never race.
   */
  MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
  /**
   * Unset: embedded mode (the event processors and the expiry / reconciliation timers run in this process, no
   * Redis needed). Set: events go to BullMQ and `pnpm workers` processes them and runs the scheduled jobs.
   */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional(),
  /** Redis key prefix of the BullMQ queues (the workers must use the same). */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/).default('hiorder'),
  /** At most one `stats:updated` push per store this often (the first of a burst goes at once). */
  STATS_PUSH_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  /** At most one `recommendations:updated` push per store this often. */
  RECOMMENDATIONS_PUSH_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  /** Signs staff access tokens. Required in production; generated and kept under ./data otherwise. */
  JWT_SECRET: z.string().min(32).optional(),
  DATA_DIR: z.string().default('./data'),
  /** Comma-separated extra origins allowed to open sockets and call the API (the apps' dev servers). */
  ALLOWED_ORIGINS: z.string().default('http://localhost:5173,http://localhost:5174,http://127.0.0.1:5173,http://127.0.0.1:5174'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  /** The demo admin's password on first start (random and printed when unset). */
  SEED_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** How often the embedded scheduler runs reservation expiry and payment reconciliation. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  /** Payment: `sandbox` (our Toss-shaped local provider) unless TOSS_SECRET_KEY is set. */
  TOSS_SECRET_KEY: z.string().optional(),
  TOSS_CLIENT_KEY: z.string().optional(),
  TOSS_API_URL: z.url().default('https://api.tosspayments.com'),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  /** Use an already running sandbox provider instead of starting one. */
  SANDBOX_URL: z.url().optional(),
  SANDBOX_SECRET_KEY: z.string().default('test_sk_sandbox'),
  /** Test knobs of the built-in sandbox: how long the "timeout" card hangs and the "late" card waits. */
  SANDBOX_HANG_MS: z.coerce.number().int().min(0).default(30_000),
  SANDBOX_LATE_MS: z.coerce.number().int().min(0).default(8_000),
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  PAYMENT_BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
  PAYMENT_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(100).default(15000),
  RESERVATION_TTL_MS: z.coerce.number().int().min(1000).default(10 * 60 * 1000),
  /** Admission control at order entry. */
  ADMISSION_MAX_INFLIGHT: z.coerce.number().int().min(1).default(64),
  ADMISSION_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(1).default(200),
  ADMISSION_RETRY_AFTER_MS: z.coerce.number().int().min(100).default(1000),
  /**
   * SIGTERM: how long draining may take (placements in flight, relay flush, closing) before the process exits
   * anyway. Keep it below the orchestrator's kill timeout (Kubernetes' terminationGracePeriodSeconds).
   */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** Kitchen printers: how long one step of a printer conversation (connect, status, print) may take. */
  PRINTER_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  /** Wait between tries of a ticket on its main printer (then on the backup, doubling up to a minute). */
  PRINT_RETRY_MS: z.coerce.number().int().min(10).default(2000),
  /** How often the embedded print dispatcher looks at the queue besides being kicked by new jobs. */
  PRINT_POLL_MS: z.coerce.number().int().min(10).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Enables `/api/test-hooks/*` (forcing BUSY), for the browser tests only. Refused in production. */
  TEST_HOOKS: z.enum(['true', 'false']).default('false'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Every variable the server reads: deploy files are checked against it (src/ops/manifests.test.ts). */
export const SERVER_ENV_NAMES: readonly string[] = Object.keys(EnvSchema.shape);

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    if (!env.JWT_SECRET) throw new Error('invalid configuration:\n  JWT_SECRET: required in production');
    if (env.TEST_HOOKS === 'true') throw new Error('invalid configuration:\n  TEST_HOOKS: not allowed in production');
  }
  return env;
}

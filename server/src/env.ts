import { DatabaseEnv, parseEnv, PaymentEnv, PrintingEnv, ProcessEnv, QueueEnv, RedisUrl, SchedulerEnv } from '@hiorder/core/config';
import { z } from 'zod';

/**
 * The server's configuration, read once from the environment and validated. A bad value stops the start with
 * a message naming the variable.
 */
const EnvSchema = z.object({
  ...ProcessEnv,
  ...DatabaseEnv,
  ...QueueEnv,
  ...PaymentEnv,
  ...SchedulerEnv,
  ...PrintingEnv,
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Public origin the apps are opened from (used in pairing URLs); defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /**
   * Apply pending migrations when the server starts. Right for one embedded instance; with several instances
   * set `false` and run the one-shot `migrate` entry (compose service, Kubernetes Job) so they never race.
   */
  MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
  /**
   * Unset: embedded mode (the event processors and the expiry / reconciliation timers run in this process, no
   * Redis needed). Set: events go to BullMQ and `pnpm workers` processes them and runs the scheduled jobs.
   */
  REDIS_URL: RedisUrl.optional(),
  /** At most one `stats:updated` push per store this often (the first of a burst goes at once). */
  STATS_PUSH_INTERVAL_MS: z.coerce.number().int().min(0).default(1000),
  /**
   * An event handed to BullMQ that a processor has not applied after this long is forwarded again (its job was
   * lost, e.g. with Redis's memory): delivery ends at the consumer, not at Redis.
   */
  OUTBOX_REDELIVER_AFTER_MS: z.coerce.number().int().min(100).default(60_000),
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
  /** The Toss widget's client key for the tablet (with TOSS_SECRET_KEY). */
  TOSS_CLIENT_KEY: z.string().optional(),
  SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  /** Use an already running sandbox provider instead of starting one. */
  SANDBOX_URL: z.url().optional(),
  /** Test knobs of the built-in sandbox: how long the "timeout" card hangs and the "late" card waits. */
  SANDBOX_HANG_MS: z.coerce.number().int().min(0).default(30_000),
  SANDBOX_LATE_MS: z.coerce.number().int().min(0).default(8_000),
  RESERVATION_TTL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60 * 1000),
  /** Admission control at order entry. */
  ADMISSION_MAX_INFLIGHT: z.coerce.number().int().min(1).default(64),
  ADMISSION_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(1).default(200),
  ADMISSION_RETRY_AFTER_MS: z.coerce.number().int().min(100).default(1000),
  /**
   * SIGTERM: how long draining may take (placements in flight, relay flush, closing) before the process exits
   * anyway. Keep it below the orchestrator's kill timeout (Kubernetes' terminationGracePeriodSeconds).
   */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /**
   * Bearer token a Prometheus scraper sends to read `/metrics` (`authorization.credentials_file` in its scrape
   * config). Unset: `/metrics` answers only connections from this machine's loopback.
   */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** Enables `/api/test-hooks/*` (forcing BUSY), for the browser tests only. Refused in production. */
  TEST_HOOKS: z.enum(['true', 'false']).default('false'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Every variable the server reads: deploy files are checked against it (src/ops/manifests.test.ts). */
export const SERVER_ENV_NAMES: readonly string[] = Object.keys(EnvSchema.shape);

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const env = parseEnv(EnvSchema, source);
  if (env.NODE_ENV === 'production') {
    if (!env.JWT_SECRET) throw new Error('invalid configuration:\n  JWT_SECRET: required in production');
    if (env.TEST_HOOKS === 'true') throw new Error('invalid configuration:\n  TEST_HOOKS: not allowed in production');
  }
  return env;
}

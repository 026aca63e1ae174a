import { PAYMENT_SESSION_MS } from '@hiorder/domain/payment/payment.schemas';
import { z } from 'zod';

/**
 * The configuration every deployable shares, declared once: each process's own `env.ts` (server/src/env.ts,
 * workers/src/env.ts) spreads the parts it reads into its schema, so a variable is named, typed and documented
 * in one place whichever process reads it.
 */

/** Mode and logging, read by every process. */
export const ProcessEnv = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

/** The database every process opens. */
export const DatabaseEnv = {
  DATABASE_URL: z
    .string()
    .default('sqlite://./data/hiorder.db')
    .refine((v) => /^(sqlite:\/\/|postgres(ql)?:\/\/)/.test(v), 'must start with sqlite:// or postgres://'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
};

/** The BullMQ queues: the same prefix in the server (publisher) and the workers (consumers). */
export const QueueEnv = {
  /** Redis key prefix of the BullMQ queues and of the Socket.IO adapter's channels. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('hiorder'),
};

/** A Redis URL (optional in the server, where unset means embedded mode; required by the workers). */
export const RedisUrl = z.string().regex(/^rediss?:\/\//, 'must start with redis://');

/** The payment provider and the guard around it (the server confirms, the workers reconcile). */
export const PaymentEnv = {
  /** Real Toss Payments when set; the Toss-shaped sandbox otherwise. */
  TOSS_SECRET_KEY: z.string().optional(),
  TOSS_API_URL: z.url().default('https://api.tosspayments.com'),
  SANDBOX_SECRET_KEY: z.string().default('test_sk_sandbox'),
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  PAYMENT_BREAKER_FAILURES: z.coerce.number().int().min(1).default(5),
  PAYMENT_BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(100).default(15000),
  /**
   * How long the provider keeps an authorised payment confirmable (Toss: about ten minutes). The built-in sandbox
   * answers NOT_FOUND_PAYMENT_SESSION after it; reconciliation fails an unconfirmed attempt older than it.
   */
  PAYMENT_SESSION_MS: z.coerce.number().int().min(0).default(PAYMENT_SESSION_MS),
  /** Reconciliation takes a `confirming` attempt as abandoned (its process died) after this long. */
  RECONCILE_STALE_AFTER_MS: z.coerce.number().int().min(0).default(30_000),
};

/** The scheduled jobs' period (core/src/scheduling/scheduled-jobs.ts). */
export const SchedulerEnv = {
  /** How often reservation expiry and payment reconciliation run (one schedule for the whole deployment). */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
};

/** The events worker (workers/src/event-worker.ts). */
export const EventWorkerEnv = {
  /**
   * Tries of a batch before the events whose processor still throws are set aside in `event_failure` (the rest of
   * the batch is applied; later batches go on). At most the jobs' own attempts (20).
   */
  EVENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
};

/** Kitchen printers: the embedded server and the workers both drive the print queue. */
export const PrintingEnv = {
  /** How long one step of a printer conversation (connect, status, print) may take. */
  PRINTER_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  /** Wait between tries of a ticket on its main printer (then on the backup, doubling up to a minute). */
  PRINT_RETRY_MS: z.coerce.number().int().min(10).default(2000),
  /** How often the print dispatcher looks at the queue besides being kicked by new jobs. */
  PRINT_POLL_MS: z.coerce.number().int().min(10).default(1000),
};

/**
 * Parses the environment with a process's schema; a bad value throws one message naming every variable at fault,
 * so a misconfigured process stops at start instead of failing on the first order.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

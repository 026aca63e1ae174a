import type { DefaultJobOptions } from 'bullmq';

/**
 * The BullMQ contract between the server (producer) and the workers (consumer): queue names, job options and
 * the result a processed job returns. Job data is an `EventBatchJob` (up to `EVENTS_PER_JOB` events); a job of
 * an older server (one `DomainEvent` as its data) is still understood.
 */
export const EVENTS_QUEUE = 'events';
/** Repeatable jobs: reservation expiry and payment reconciliation. */
export const SCHEDULED_QUEUE = 'scheduled';
/** Default Redis key prefix; tests give each file its own. */
export const DEFAULT_QUEUE_PREFIX = 'hiorder';

export const EVENT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 20,
  backoff: { type: 'exponential', delay: 500 },
  // Completed jobs stay a while so a relay re-publish within the hour is a no-op by job id; after that a
  // re-added job runs again and `applyOnce` makes it a no-op (job ids are not a durable dedupe record).
  removeOnComplete: { age: 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Events per job: the relay's pass (up to 500 events gathered for 20 ms) is cut into jobs of this many. */
export const EVENTS_PER_JOB = 250;

/** The data of an events job: events in the relay's order (by store, then seq). */
export interface EventBatchJob {
  events: unknown[];
}

/** What a worker returns for an event job: which processors applied events of which store (the server's queue listener pushes `*:updated` from it). */
export interface EventJobResult {
  applied: { storeId: string; processor: string }[];
}

/** ioredis options from a `redis://` URL, for BullMQ (which makes its own connections from them). */
export function redisOptions(url: string): {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
} {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

import type { MikroORM } from '@mikro-orm/core';
import type { Logger } from '../logger';
import { closeIdleVisits } from '../ordering/close-idle-visits';
import { expireOrders } from '../ordering/expire-orders';
import type { PaymentGateway } from '../payment/payment-gateway';
import { reconcilePayments } from '../payment/reconcile-payments';
import { settleSplitBills } from '../payment/split/split-bills';

export interface ScheduledJobDeps {
  orm: MikroORM;
  gateway: PaymentGateway;
  logger: Logger;
  /** `PAYMENT_SESSION_MS` and `RECONCILE_STALE_AFTER_MS` (defaults when unset). */
  reconcile?: { sessionMs?: number; staleAfterMs?: number };
}

/**
 * The one list of scheduled jobs. The embedded server runs them all on a timer (server/src/start-server.ts); with
 * Redis the workers register each as a repeatable BullMQ job (workers/src/scheduled-jobs.ts). Every job must be
 * safe to run twice at once (guarded transitions: one run wins each row) and returns what it did.
 * - `expire-orders`: unpaid orders past the reservation TTL → expired, stock back.
 * - `reconcile-payments`: payments whose answer was lost are asked from the provider and settled.
 * - `split-bills`: split bills' shares whose answer was lost are settled; split orders past their reservation with
 *   the rest unpaid expire (stock back) and their paid shares are refunded (compensation, retried until done).
 * - `close-idle-visits`: settled visits idle past the store's setting end (re-checked under the table's lock).
 */
export const SCHEDULED_JOBS = {
  'expire-orders': async (deps: ScheduledJobDeps, now: Date) => ({ expired: await expireOrders(deps.orm, now) }),
  'reconcile-payments': async (deps: ScheduledJobDeps, now: Date) => ({
    ...(await reconcilePayments(deps.orm, deps.gateway, deps.logger, now, deps.reconcile)),
  }),
  'split-bills': async (deps: ScheduledJobDeps, now: Date) => ({
    ...(await settleSplitBills(deps.orm, deps.gateway, deps.logger, now, deps.reconcile)),
  }),
  'close-idle-visits': async (deps: ScheduledJobDeps, now: Date) => ({ closed: await closeIdleVisits(deps.orm, now) }),
} satisfies Record<string, (deps: ScheduledJobDeps, now: Date) => Promise<Record<string, number>>>;

export type ScheduledJobName = keyof typeof SCHEDULED_JOBS;
export const SCHEDULED_JOB_NAMES = Object.keys(SCHEDULED_JOBS) as ScheduledJobName[];

export function isScheduledJobName(name: string): name is ScheduledJobName {
  return Object.hasOwn(SCHEDULED_JOBS, name);
}

/** Runs one scheduled job now. Throws what the database or provider throw (the caller retries at the next tick). */
export function runScheduledJob(name: ScheduledJobName, deps: ScheduledJobDeps, now = new Date()): Promise<Record<string, number>> {
  return SCHEDULED_JOBS[name](deps, now);
}

/** Runs every scheduled job once, in the order listed (the embedded scheduler's tick). */
export async function runAllScheduledJobs(deps: ScheduledJobDeps, now = new Date()): Promise<void> {
  for (const name of SCHEDULED_JOB_NAMES) await runScheduledJob(name, deps, now);
}

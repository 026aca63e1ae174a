import type { MikroORM } from '@mikro-orm/core';
import type { AdmissionControl } from '../ordering/admission-control';

/** Each check gets this long: a probe must answer before the orchestrator's own timeout. */
const CHECK_TIMEOUT_MS = 2_000;

export interface CheckResult {
  ok: boolean;
  ms: number;
  error?: string;
}

export interface ReadinessReport {
  ready: boolean;
  checks: {
    database: CheckResult;
    migrations: CheckResult & { pending?: string[] };
    redis?: CheckResult & { required: false };
    draining: boolean;
  };
}

export interface ReadinessInput {
  orm: MikroORM;
  admission: AdmissionControl;
  /** Set when `REDIS_URL` is: pings the realtime adapter's publishing client. */
  redisPing: (() => Promise<unknown>) | null;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function timed<T>(fn: () => Promise<T>): Promise<CheckResult & { value?: T }> {
  const started = performance.now();
  try {
    const value = await withTimeout(fn(), CHECK_TIMEOUT_MS);
    return { ok: true, ms: Math.round(performance.now() - started), value };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - started), error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Answers `/readyz`: may this instance take traffic? Ready needs the database to answer a trivial query, every
 * migration of this build applied (instances no longer migrate on start in production, so a fresh pod can come
 * up before the migration Job is done) and the instance not draining for shutdown.
 *
 * Redis is reported but never makes the instance unready: Redis is shared by every instance, so an outage
 * would take all of them out of the load balancer at once, while ordering does not need Redis (events wait in
 * the outbox; boards catch up by seq). Alert on the `redis` detail instead.
 */
export function createReadinessCheck(input: ReadinessInput): () => Promise<ReadinessReport> {
  // Migrations of this build, once all applied, stay applied: no need to read the table at every probe.
  let migrated = false;
  return async () => {
    const [database, migrations, redis] = await Promise.all([
      timed(() => input.orm.em.getConnection().execute('select 1')),
      migrated
        ? Promise.resolve<CheckResult & { value?: string[] }>({ ok: true, ms: 0, value: [] })
        : timed(async () => (await input.orm.getMigrator().getPendingMigrations()).map((m) => m.name)),
      input.redisPing ? timed(input.redisPing) : Promise.resolve(null),
    ]);
    const pending = migrations.value ?? [];
    const migrationsOk = migrations.ok && pending.length === 0;
    if (migrationsOk) migrated = true;
    const draining = input.admission.isDraining;
    return {
      ready: database.ok && migrationsOk && !draining,
      checks: {
        database: { ok: database.ok, ms: database.ms, ...(database.error ? { error: database.error } : {}) },
        migrations: {
          ok: migrationsOk,
          ms: migrations.ms,
          ...(pending.length ? { pending } : {}),
          ...(migrations.error ? { error: migrations.error } : {}),
        },
        ...(redis
          ? { redis: { ok: redis.ok, ms: redis.ms, required: false as const, ...(redis.error ? { error: redis.error } : {}) } }
          : {}),
        draining,
      },
    };
  };
}

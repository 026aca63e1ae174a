import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { createServerApp, type ServerApp } from './app';
import { openDatabase, forkEm } from '@hiorder/core/db';
import type { Env } from './env';
import { createPairingCode, isSetupNeeded, Staff, DiningTable } from '@hiorder/core/identity';
import type { Logger } from '@hiorder/core/logger';
import { createEventTransport } from './outbox/event-transport';
import type { EventPublisher } from '@hiorder/core/outbox';
import { createPaymentGateway, SandboxProvider } from '@hiorder/core/payment';
import { runAllScheduledJobs } from '@hiorder/core/scheduling';
import { seedDemoStore, type SeedResult } from '@hiorder/core/seed';
import { PrintDispatcher, printingProcessor } from '@hiorder/core/printing';
import { lanAddress } from './ops/lan-address';

export interface RunningServer {
  app: ServerApp;
  orm: MikroORM;
  url: string;
  sandbox: SandboxProvider | null;
  seed: SeedResult | null;
  /** The LAN address the links use when PUBLIC_URL is unset and the server listens beyond loopback (else null). */
  lanHost: string | null;
  /** Runs one round of the scheduled jobs now (tests). */
  runScheduledJobs(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  env: Env;
  logger: Logger;
  /** Extra event publishers (the workers' in-process processors, or BullMQ). */
  publishers?: EventPublisher[];
  /**
   * Run the expiry and reconciliation timers in this process. Default true, and ignored with `REDIS_URL`: then
   * the workers' repeatable jobs run them (one schedule for any number of server instances).
   */
  scheduler?: boolean;
}

/**
 * Starts a whole store: database and migrations, the demo seed on first start, the sandbox payment provider
 * (unless real Toss or an external sandbox is configured), the HTTP + socket server, the outbox relay and, in
 * embedded mode, the expiry, reconciliation and idle-visit timers.
 */
export async function startServer({ env, logger, publishers = [], scheduler = true }: StartOptions): Promise<RunningServer> {
  const orm = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    poolSize: env.DATABASE_POOL_SIZE,
    migrate: env.MIGRATE_ON_START === 'true',
  });
  const seed = env.SEED_DEMO === 'true' ? await seedDemoStore(orm, new Date(), env.SEED_ADMIN_PASSWORD) : null;

  // Without real Toss the sandbox is the provider: an external one (SANDBOX_URL, shared by several instances) or
  // one started here. `sandboxUrl` is where browsers reach it; `providerUrl` where this process calls it.
  // Without PUBLIC_URL the links (banner, pairing QR codes, the sandbox the tablet's payment sheet calls) use
  // this machine's LAN address, so a real tablet on the same Wi-Fi can follow them; localhost only as a last resort.
  const lanHost = env.PUBLIC_URL ? null : lanAddress(env.HOST);
  let sandbox: SandboxProvider | null = null;
  let sandboxUrl: string | null = null;
  let providerUrl = env.SANDBOX_URL ?? '';
  if (!env.TOSS_SECRET_KEY && env.SANDBOX_URL) {
    sandboxUrl = env.SANDBOX_URL;
  } else if (!env.TOSS_SECRET_KEY) {
    sandbox = new SandboxProvider({
      secretKey: env.SANDBOX_SECRET_KEY,
      hangMs: env.SANDBOX_HANG_MS,
      lateMs: env.SANDBOX_LATE_MS,
      sessionMs: env.PAYMENT_SESSION_MS,
    });
    const port = new URL(await sandbox.listen(env.SANDBOX_PORT, env.HOST === '0.0.0.0' ? '0.0.0.0' : env.HOST)).port;
    sandboxUrl = env.PUBLIC_URL
      ? `${new URL(env.PUBLIC_URL).protocol}//${new URL(env.PUBLIC_URL).hostname}:${port}`
      : `http://${lanHost ?? 'localhost'}:${port}`;
    providerUrl = `http://127.0.0.1:${port}`;
  }

  const app = createServerApp({
    orm,
    env,
    logger,
    jwtSecret: env.JWT_SECRET ?? localSecret(env.DATA_DIR),
    gateway: createPaymentGateway(env, providerUrl, logger),
    sandboxUrl,
    publishers,
  });
  // Embedded: processors and the print dispatcher in-process; with REDIS_URL: BullMQ and `pnpm workers`.
  const events = await createEventTransport(env, logger);
  const printing = env.REDIS_URL
    ? null
    : new PrintDispatcher(orm, {
        send: app.deps.printerSender,
        printerTimeoutMs: env.PRINTER_TIMEOUT_MS,
        retryMs: env.PRINT_RETRY_MS,
        pollMs: env.PRINT_POLL_MS,
        logger: logger.child({ module: 'printing' }),
      });
  events.attach({
    orm,
    relay: app.deps.relay,
    realtime: app.realtime,
    onApplied: (_storeId, processor) => processor === printingProcessor.name && printing?.kick(),
  });
  if (printing) {
    app.deps.onPrintJobsQueued = () => printing.kick();
    printing.start();
  }
  const url = await app.listen(env.PORT, env.HOST);
  if (!env.PUBLIC_URL) app.deps.publicUrl = lanHost ? `http://${lanHost}:${new URL(url).port}` : url.replace('127.0.0.1', 'localhost');

  const runScheduledJobs = async () => {
    await runAllScheduledJobs(
      {
        orm,
        gateway: app.deps.gateway,
        logger,
        reconcile: { sessionMs: env.PAYMENT_SESSION_MS, staleAfterMs: env.RECONCILE_STALE_AFTER_MS },
      },
      new Date(),
    );
  };
  let timer: NodeJS.Timeout | null = null;
  if (scheduler && !env.REDIS_URL) {
    timer = setInterval(() => {
      runScheduledJobs().catch((err: unknown) => logger.error({ err }, 'scheduled jobs failed'));
    }, env.SCHEDULER_INTERVAL_MS);
    timer.unref();
  }

  return {
    app,
    orm,
    url,
    sandbox,
    seed,
    lanHost,
    runScheduledJobs,
    async stop() {
      if (timer) clearInterval(timer);
      await app.close();
      await printing?.stop();
      await events.close();
      await sandbox?.close();
      await orm.close();
    },
  };
}

/** Outside production the token secret is made once and kept under the data folder. */
function localSecret(dataDir: string): string {
  const file = resolve(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The setup page's link while the deployment has no store (a first start with `SEED_DEMO=false`), else null. The
 * token rides in the fragment, which browsers never send to a server or put in a Referer.
 */
export async function setupLinkIfNeeded(server: RunningServer): Promise<string | null> {
  if (!(await isSetupNeeded(forkEm(server.orm)))) return null;
  return `${server.app.deps.publicUrl}/admin/setup#token=${server.app.deps.setupToken}`;
}

/** A fresh pairing code for the first table of the first store, for the start banner. */
export async function pairingCodeForFirstTable(server: RunningServer): Promise<{ code: string; url: string } | null> {
  const em = forkEm(server.orm);
  const admin = await em.findOne(Staff, { role: 'admin', disabled: false }, { orderBy: { createdAt: 'asc' } });
  if (!admin) return null;
  const table = await em.findOne(DiningTable, { store: admin.store.id }, { orderBy: { position: 'asc' } });
  if (!table) return null;
  const pairing = await createPairingCode(
    {
      em,
      now: new Date(),
      actor: { kind: 'staff', role: 'admin', staffId: admin.id, storeId: admin.store.id },
      publicUrl: server.app.deps.publicUrl,
    },
    { role: 'table', tableId: table.id },
  );
  return { code: pairing.code, url: pairing.url };
}

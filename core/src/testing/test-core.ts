import { randomBytes } from 'node:crypto';
import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { MikroORM } from '@mikro-orm/core';
import { z } from 'zod';
import { parseEnv, PaymentEnv } from '../config/env';
import { sqlOf } from '../db/direct-sql';
import { forkEm, openDatabase } from '../db/orm';
import { authenticate } from '../identity/authenticate';
import { AccessTokens } from '../identity/tokens';
import { createLogger } from '../logger';
import { inProcessPublisher } from '../outbox/in-process-publisher';
import { OutboxRelay, type EventPublisher } from '../outbox/outbox-relay';
import { EVENT_PROCESSORS } from '../outbox/processors';
import type { PaymentGateway } from '../payment/payment-gateway';
import { createPaymentGateway } from '../payment/payment-provider';
import { SandboxProvider } from '../payment/sandbox/sandbox-provider';
import type { FixtureHost } from './store-fixture';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * `createTestCore()`: the application without its transports, for tests that drive core's commands directly
 * (the workers' tests): a real, throwaway database (SQLite or PostgreSQL after TEST_DATABASE, migrated), the
 * outbox relay running as a server runs it, the sandbox payment provider on a free port behind the real gateway,
 * and a token signer for the fixtures (`store-fixture.ts`). No HTTP, no sockets: a stand-in live publisher marks
 * events pushed where a server's socket publisher would.
 */
export interface TestCore extends FixtureHost {
  db: TestDatabase;
  orm: MikroORM;
  relay: OutboxRelay;
  gateway: PaymentGateway;
  /** Where the sandbox authorises payments (`authorizeInSandbox`). */
  sandboxUrl: string;
  /** The placement's reservation, as the server's RESERVATION_TTL_MS default. */
  reservationTtlMs: number;
  close(): Promise<void>;
}

export interface TestCoreOptions {
  /**
   * With it, the relay hands durable events to BullMQ (as a server with REDIS_URL does) and the test runs the
   * workers; without it, the processors run in-process (embedded mode).
   */
  redisUrl?: string;
  queuePrefix?: string;
  /** The relay's sweeper: events forwarded this long ago and not applied are forwarded again. */
  redeliverAfterMs?: number;
  /**
   * The payment guard's variables (PAYMENT_TIMEOUT_MS, PAYMENT_BREAKER_FAILURES…), as strings like the env; their
   * defaults otherwise. A test of the sandbox's "timeout" card sets PAYMENT_TIMEOUT_MS below `sandboxHangMs`.
   */
  payment?: Partial<Record<keyof typeof PaymentEnv, string>>;
  /** How long the sandbox's "timeout" card hangs before the payment ends ABORTED (default 800 ms). */
  sandboxHangMs?: number;
}

const PaymentEnvSchema = z.object(PaymentEnv);

export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const db = await createTestDatabase();
  const orm = await openDatabase({ databaseUrl: db.url });
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  // The same knobs as the server's test app: a short payment timeout and a sandbox that gives up soon after it.
  const payment = parseEnv(PaymentEnvSchema, { PAYMENT_TIMEOUT_MS: '400', ...options.payment });
  const sandbox = new SandboxProvider({
    secretKey: payment.SANDBOX_SECRET_KEY,
    hangMs: 800,
    lateMs: 700,
    sessionMs: payment.PAYMENT_SESSION_MS,
  });
  const sandboxUrl = await sandbox.listen(0, '127.0.0.1');
  const gateway = createPaymentGateway(payment, sandboxUrl, logger);

  const relay = new OutboxRelay(orm, logger.child({ module: 'outbox' }), {
    ...(options.redeliverAfterMs !== undefined ? { redeliverAfterMs: options.redeliverAfterMs } : {}),
    processors: EVENT_PROCESSORS,
  });
  // Stands in for the server's socket publisher: the live lane marks events published as it would.
  const sockets: EventPublisher = { name: 'test-sockets', delivery: 'live', publish: async () => undefined };
  relay.addPublisher(sockets);
  let closeQueue: () => Promise<void> = async () => undefined;
  if (options.redisUrl) {
    // Loaded only when asked for, as the server does.
    const { bullmqPublisher } = await import('../outbox/bullmq-publisher');
    const queue = bullmqPublisher({ redisUrl: options.redisUrl, prefix: options.queuePrefix ?? 'hiorder', logger });
    relay.addPublisher(queue);
    closeQueue = () => queue.close();
  } else {
    relay.addPublisher(inProcessPublisher(orm, EVENT_PROCESSORS));
  }
  relay.start();

  return {
    db,
    orm,
    relay,
    gateway,
    sandboxUrl,
    reservationTtlMs: 10 * 60 * 1000,
    url: 'http://localhost:8080',
    tokens: new AccessTokens(randomBytes(32).toString('hex')),
    em: () => forkEm(orm),
    async close() {
      await relay.stop();
      await closeQueue();
      await sandbox.close();
      await orm.close();
      await db.drop();
    },
  };
}

/** The actor a device or staff token stands for, authenticated the way the transports do. */
export async function actorOfToken(core: TestCore, token: string): Promise<Actor> {
  return authenticate(sqlOf(core.em()), core.tokens, token, new Date());
}

/** The table actor of a paired tablet's token. */
export async function tableActorOf(core: TestCore, token: string): Promise<Extract<Actor, { role: 'table' }>> {
  const actor = await actorOfToken(core, token);
  if (actor.role !== 'table') throw new Error(`token of a ${actor.role}, not a table`);
  return actor;
}

/** Authorises a payment in the sandbox the way the tablet's sheet does, and returns the paymentKey. */
export async function authorizeInSandbox(sandboxUrl: string, orderId: string, amount: number, cardNumber: string): Promise<string> {
  const res = await fetch(`${sandboxUrl.replace('localhost', '127.0.0.1')}/v1/sandbox/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderId, amount, cardNumber }),
  });
  const body = (await res.json()) as { paymentKey: string };
  return body.paymentKey;
}

/** A fresh idempotency key. */
export function idemKey(): string {
  return `k-${randomBytes(8).toString('hex')}`;
}

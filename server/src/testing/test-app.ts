import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Ack } from '@hiorder/domain/shared/errors';
import { io as connect, type Socket } from 'socket.io-client';
import { forkEm, type EntityManager } from '@hiorder/core/db';
import { loadEnv, type Env } from '../env';
import { createLogger } from '@hiorder/core/logger';
import { startServer, type RunningServer } from '../start-server';
import {
  createTestDatabase,
  type TestDatabase,
  authorizeInSandbox,
  idemKey,
  type FixtureHost,
  type MenuSpec,
  type StoreFixture,
  buildStore as coreBuildStore,
  pairTablet as corePairTablet,
  pairKitchen as corePairKitchen,
} from '@hiorder/core/testing';

/**
 * `createTestApp()`: a real server (HTTP, sockets, relay, sandbox provider) on a real, throwaway database —
 * SQLite or PostgreSQL after TEST_DATABASE — on free ports. No demo seed: tests build what they need.
 */
export interface TestApp {
  url: string;
  server: RunningServer;
  db: TestDatabase;
  em(): EntityManager;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Record<keyof Env, string>> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const env = loadEnv({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    SANDBOX_PORT: '0',
    DATABASE_URL: db.url,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'hiorder-data-')),
    SEED_DEMO: 'false',
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Wide apart, so a loaded machine cannot make an approving card look timed out or a late one look on time:
    // the provider hangs (and aborts after SANDBOX_HANG_MS, unanswered) or approves after SANDBOX_LATE_MS, well
    // past our PAYMENT_TIMEOUT_MS. Tests wait for the provider's decision (testing/wait.ts), never for these times.
    PAYMENT_TIMEOUT_MS: '1500',
    SANDBOX_HANG_MS: '800',
    SANDBOX_LATE_MS: '3000',
    SCHEDULER_INTERVAL_MS: '3600000',
    // Test files share two cores: the event-loop guard would turn placements away at random. Admission
    // control has its own tests that set these.
    ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '60000',
    ...overrides,
  });
  const server = await startServer({ env, logger: createLogger(env.LOG_LEVEL), scheduler: false });
  return {
    url: server.url,
    server,
    db,
    em: () => forkEm(server.orm),
    async close() {
      await server.stop();
      await db.drop();
    },
  };
}

export type { FixtureHost, MenuSpec, StoreFixture } from '@hiorder/core/testing';

/** The fixture host of a test app: its database, its token signer and its URL. */
function hostOf(app: TestApp | FixtureHost): FixtureHost {
  return 'tokens' in app ? app : { url: app.url, em: app.em, tokens: app.server.app.deps.tokens };
}

/** A store with an admin, tables and a catalog, built through the ORM (never the demo seed): core's fixture. */
export function buildStore(app: TestApp | FixtureHost, menus: Record<string, MenuSpec>, tables = 3): Promise<StoreFixture> {
  return coreBuildStore(hostOf(app), menus, tables);
}

/** Pairs a device through the real pairing commands and returns its token. */
export function pairTablet(app: TestApp | FixtureHost, store: StoreFixture, tableId: string): Promise<string> {
  return corePairTablet(hostOf(app), store, tableId);
}

export function pairKitchen(app: TestApp, store: StoreFixture): Promise<string> {
  return corePairKitchen(hostOf(app), store);
}

/** JSON over HTTP with a bearer token; answers `{ status, body, headers }`. */
export async function http(
  app: TestApp,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** A connected socket on a namespace; rejects with the server's handshake error. */
/**
 * Connects a socket and resolves once it is connected. Whatever must hear the server's first pushes (a staff
 * socket's catch-up and `sync:done`) goes in `listen`: those frames can arrive in the same read as the connect,
 * before a listener added after this resolves would exist.
 */
export async function openSocket(
  app: TestApp,
  namespace: '/tablet' | '/staff',
  auth: Record<string, unknown>,
  listen?: (socket: Socket) => void,
): Promise<Socket> {
  const socket = connect(`${app.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  listen?.(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

export function emitAck<T>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<Ack<T>> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Authorises a payment in the sandbox the way the tablet's sheet does, and returns the paymentKey. */
export function authorizeCard(app: TestApp, orderId: string, amount: number, cardNumber: string): Promise<string> {
  return authorizeInSandbox(app.server.app.deps.sandboxUrl as string, orderId, amount, cardNumber);
}

export { idemKey };

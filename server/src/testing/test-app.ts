import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Course } from '@hiorder/domain/catalog/catalog.schemas';
import type { Ack } from '@hiorder/domain/shared/errors';
import { newId } from '@hiorder/domain/shared/ids';
import { io as connect, type Socket } from 'socket.io-client';
import { Category, Menu } from '@hiorder/core/catalog';
import { forkEm, type EntityManager } from '@hiorder/core/db';
import { loadEnv, type Env } from '../env';
import { DiningTable, pairDevice, createPairingCode, hashPassword, Staff, type AccessTokens, Store } from '@hiorder/core/identity';
import { createLogger } from '@hiorder/core/logger';
import { startServer, type RunningServer } from '../start-server';
import { createTestDatabase, type TestDatabase } from '@hiorder/core/testing';

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

export interface MenuSpec {
  name?: string;
  price?: number;
  course?: Course;
  stock?: number | null;
  limitPerVisit?: number | null;
  soldOut?: boolean;
  hidden?: boolean;
}

/** A store with an admin, tables and a catalog, built through the ORM (never the demo seed). */
export interface StoreFixture {
  storeId: string;
  adminId: string;
  adminUsername: string;
  adminPassword: string;
  tableIds: string[];
  categoryId: string;
  menus: Record<string, Menu>;
  adminToken: string;
  staffToken: string;
}

/**
 * Where fixtures are built when there is no in-process server: a database opened by the test itself, for a
 * server that runs as a child process (crash tests). Staff tokens are signed with `tokens`.
 */
export interface FixtureHost {
  url: string;
  em(): EntityManager;
  tokens: AccessTokens;
}

export async function buildStore(app: TestApp | FixtureHost, menus: Record<string, MenuSpec>, tables = 3): Promise<StoreFixture> {
  const em = app.em();
  const now = new Date();
  const storeId = newId();
  const adminId = newId();
  const staffId = newId();
  const adminUsername = `admin-${randomBytes(4).toString('hex')}`;
  const adminPassword = 'correct-horse-battery';
  const passwordHash = await hashPassword(adminPassword);
  const built: Record<string, Menu> = {};
  let categoryId = '';
  const tableIds: string[] = [];
  await em.transactional(async (tx) => {
    tx.create(Store, {
      id: storeId,
      slug: `s-${storeId.slice(-8)}`,
      name: 'Test store',
      timeZone: 'Asia/Seoul',
      catalogVersion: 1,
      lastEventSeq: 0,
      createdAt: now,
    });
    tx.create(Staff, {
      id: adminId,
      store: storeId,
      username: adminUsername,
      displayName: 'Admin',
      passwordHash,
      role: 'admin',
      disabled: false,
      sessionVersion: 0,
      createdAt: now,
    });
    tx.create(Staff, {
      id: staffId,
      store: storeId,
      username: `staff-${randomBytes(4).toString('hex')}`,
      displayName: 'Staff',
      passwordHash,
      role: 'staff',
      disabled: false,
      sessionVersion: 0,
      createdAt: now,
    });
    for (let i = 1; i <= tables; i++) {
      const id = newId();
      tableIds.push(id);
      tx.create(DiningTable, { id, store: storeId, label: `T${i}`, position: i, lockVersion: 0, createdAt: now });
    }
    const category = tx.create(Category, {
      id: newId(),
      store: storeId,
      nameKo: '메뉴',
      nameEn: 'Menu',
      position: 1,
      station: 'kitchen',
      createdAt: now,
    });
    categoryId = category.id;
    let position = 0;
    for (const [key, spec] of Object.entries(menus)) {
      built[key] = tx.create(Menu, {
        id: newId(),
        store: storeId,
        category,
        nameKo: spec.name ?? key,
        nameEn: spec.name ?? key,
        descriptionKo: '',
        descriptionEn: '',
        price: spec.price ?? 10000,
        photoFile: null,
        course: spec.course ?? 'main',
        stock: spec.stock ?? null,
        limitPerVisit: spec.limitPerVisit ?? null,
        soldOut: spec.soldOut ?? false,
        hidden: spec.hidden ?? false,
        recommended: false,
        position: ++position,
        optionGroupIds: [],
        deletedAt: null,
        createdAt: now,
        updatedAt: now,
      });
    }
  });
  const tokens = 'tokens' in app ? app.tokens : app.server.app.deps.tokens;
  return {
    storeId,
    adminId,
    adminUsername,
    adminPassword,
    tableIds,
    categoryId,
    menus: built,
    adminToken: await tokens.sign({ staffId: adminId, storeId, role: 'admin' }, now),
    staffToken: await tokens.sign({ staffId, storeId, role: 'staff' }, now),
  };
}

/** Pairs a device through the real pairing commands and returns its token. */
export async function pairTablet(app: TestApp | FixtureHost, store: StoreFixture, tableId: string): Promise<string> {
  const em = app.em();
  const code = await createPairingCode(
    { em, now: new Date(), actor: { kind: 'staff', role: 'admin', staffId: store.adminId, storeId: store.storeId }, publicUrl: app.url },
    { role: 'table', tableId },
  );
  return (await pairDevice({ em: app.em(), now: new Date() }, { code: code.code })).deviceToken;
}

export async function pairKitchen(app: TestApp, store: StoreFixture): Promise<string> {
  const em = app.em();
  const code = await createPairingCode(
    { em, now: new Date(), actor: { kind: 'staff', role: 'admin', staffId: store.adminId, storeId: store.storeId }, publicUrl: app.url },
    { role: 'kitchen' },
  );
  return (await pairDevice({ em: app.em(), now: new Date() }, { code: code.code })).deviceToken;
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
export async function authorizeCard(app: TestApp, orderId: string, amount: number, cardNumber: string): Promise<string> {
  const sandboxUrl = app.server.app.deps.sandboxUrl as string;
  const res = await fetch(`${sandboxUrl.replace('localhost', '127.0.0.1')}/v1/sandbox/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderId, amount, cardNumber }),
  });
  const body = (await res.json()) as { paymentKey: string };
  return body.paymentKey;
}

export function idemKey(): string {
  return `k-${randomBytes(8).toString('hex')}`;
}

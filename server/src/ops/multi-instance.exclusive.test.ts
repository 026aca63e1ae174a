import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket as TcpSocket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { Ack } from '@hiorder/domain/shared/errors';
import { Redis } from 'ioredis';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@hiorder/core/testing';
import {
  runMigrateProcess,
  startSandboxProcess,
  startServerProcess,
  startWorkerProcess,
  type ChildService,
} from '../testing/server-process';
import { waitFor } from '../testing/wait';

/**
 * Several instances on one PostgreSQL database and one Redis, run as real processes (what compose and
 * Kubernetes run): `migrate` once, a standalone sandbox provider, servers A and B, one worker.
 *
 * PostgreSQL only: SQLite is the embedded, single-process mode by design (one file, one writer), so there is
 * nothing to scale out on it; the file is skipped in the sqlite project.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PG_CLUSTER = () => execFileSync('ls', ['/etc/postgresql']).toString().trim().split('\n')[0] ?? '';
const ADMIN_PASSWORD = 'multi-instance-pw';

interface Instance {
  service: ChildService;
  url: string;
}

async function json<T>(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function openSocket(url: string, namespace: '/tablet' | '/staff', auth: Record<string, unknown>, reconnect = false): Promise<Socket> {
  const socket = connect(`${url}${namespace}`, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: reconnect,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** A staff board that records every `store:event` it is pushed. */
async function openBoard(url: string, token: string, lastSeq: number): Promise<{ socket: Socket; events: DomainEvent[] }> {
  const events: DomainEvent[] = [];
  const socket = connect(`${url}/staff`, { auth: { token, lastSeq }, transports: ['websocket'], forceNew: true, reconnection: false });
  socket.on('store:event', (event: DomainEvent) => events.push(event));
  await new Promise<void>((resolve, reject) => {
    socket.once('sync:done', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, events };
}

/** Places one order like the tablet's outbox does: the same key until it is acknowledged, whatever happens. */
async function placeUntilAcked(socket: Socket, key: string, menuId: string, deadline: number): Promise<{ id: string; attempts: number }> {
  for (let attempts = 1; Date.now() < deadline; attempts++) {
    if (!socket.connected) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    try {
      const ack = (await socket.timeout(5_000).emitWithAck('order:place', { idempotencyKey: key, lines: [{ menuId, qty: 1 }] })) as Ack<{
        id: string;
      }>;
      if (ack.ok) return { id: ack.data.id, attempts };
      if (ack.error.code !== 'BUSY') throw new Error(`order refused: ${JSON.stringify(ack.error)}`);
      const retryAfterMs = (ack.error.details as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? 200;
      await new Promise((r) => setTimeout(r, Math.min(retryAfterMs, 300)));
    } catch (err) {
      if (err instanceof Error && err.message.startsWith('order refused')) throw err;
      // Timed out or disconnected: the ack may be lost, the order may exist; the same key makes the retry safe.
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`no ack for ${key} in time`);
}

/**
 * A TCP load balancer in miniature: each new connection goes to the first backend that accepts it. A stopped
 * instance refuses connections, so reconnecting clients land on the next one (what nginx does with
 * `proxy_next_upstream error`).
 */
function failoverProxy(backends: number[]): Promise<{ port: number; server: Server; landed: number[] }> {
  const landed: number[] = [];
  const server = createServer((client: TcpSocket) => {
    client.pause();
    const tryBackend = (i: number) => {
      const port = backends[i];
      if (port === undefined) return client.destroy();
      const upstream = createConnection({ host: '127.0.0.1', port });
      let connected = false;
      upstream.once('error', () => {
        if (!connected) tryBackend(i + 1);
        else client.destroy();
      });
      upstream.once('connect', () => {
        connected = true;
        landed.push(port);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : 0, server, landed });
    }),
  );
}

/** Sum of a counter's samples in Prometheus text, over the label sets that contain `labels`. */
function metricValue(text: string, name: string, labels = ''): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => line.includes(labels))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe.skipIf(process.env.TEST_DATABASE !== 'postgres')('two server instances and a worker on one PostgreSQL and Redis', () => {
  let db: TestDatabase;
  let sql: pg.Client;
  let sandbox: Awaited<ReturnType<typeof startSandboxProcess>> | null = null;
  let worker: ChildService | null = null;
  let a: Instance;
  let b: Instance;
  const prefix = `mi${randomBytes(4).toString('hex')}`;
  const sockets: Socket[] = [];
  let adminToken = '';
  let storeId = '';
  let drinkId = '';
  let tableIds: string[] = [];

  const env = (): Record<string, string> => ({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '6',
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    JWT_SECRET: sharedSecret,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    SEED_DEMO: 'false',
    MIGRATE_ON_START: 'false',
    SANDBOX_URL: sandbox?.url ?? '',
    PAYMENT_TIMEOUT_MS: '3000',
    ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '60000',
    SHUTDOWN_GRACE_MS: '10000',
    STATS_PUSH_INTERVAL_MS: '1000',
  });
  const sharedSecret = randomBytes(32).toString('hex');

  async function pairTablet(url: string, tableId: string): Promise<string> {
    const code = await json<{ code: string }>(`${url}/api/pairing-codes`, { token: adminToken, body: { role: 'table', tableId } });
    return (await json<{ deviceToken: string }>(`${url}/api/devices/pair`, { body: { code: code.code } })).deviceToken;
  }

  async function storeSeq(): Promise<number> {
    const rows = await sql.query<{ last_event_seq: string }>('select last_event_seq from store where id = $1', [storeId]);
    return Number(rows.rows[0]?.last_event_seq ?? 0);
  }

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    sql = new pg.Client({ connectionString: db.url });
    const migrated = await runMigrateProcess({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      SEED_DEMO: 'true',
      SEED_ADMIN_PASSWORD: ADMIN_PASSWORD,
      LOG_LEVEL: 'warn',
    });
    expect(migrated).toContain('demo store seeded');
    await sql.connect();
    sandbox = await startSandboxProcess();
    [a, b] = await Promise.all([
      startServerProcess({ ...env(), DATA_DIR: mkdtempSync(join(tmpdir(), 'hiorder-a-')) }),
      startServerProcess({ ...env(), DATA_DIR: mkdtempSync(join(tmpdir(), 'hiorder-b-')) }),
    ]);
    worker = startWorkerProcess({ ...env(), WORKER_QUEUES: 'events,scheduled', SCHEDULER_INTERVAL_MS: '3600000' });

    const session = await json<{ accessToken: string }>(`${a.url}/api/auth/login`, {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    adminToken = session.accessToken;
    const tables = await json<{ id: string }[]>(`${a.url}/api/tables`, { token: adminToken });
    tableIds = tables.map((t) => t.id);
    const deviceToken = await pairTablet(a.url, tableIds[0] ?? '');
    const catalog = await json<{
      catalog: {
        storeId?: string;
        menus: { id: string; course: string; stock: number | null; limitPerVisit: number | null; soldOut: boolean }[];
      };
    }>(`${a.url}/api/catalog`, { token: deviceToken });
    const drink = catalog.catalog.menus.find((m) => m.course === 'other' && m.stock === null && m.limitPerVisit === null && !m.soldOut);
    if (!drink) throw new Error('the demo menu has no uncounted drink');
    drinkId = drink.id;
    storeId = (await sql.query<{ id: string }>('select id from store limit 1')).rows[0]?.id ?? '';
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all([a?.service.stop('SIGKILL'), b?.service.stop('SIGKILL'), worker?.stop('SIGKILL'), sandbox?.service.stop('SIGKILL')]);
    await sql?.end().catch(() => undefined);
    await db?.drop();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }, 60_000);

  it('pushes an order placed and paid on A to a board on B, once each', { timeout: 30_000 }, async () => {
    const board = await openBoard(b.url, adminToken, await storeSeq());
    sockets.push(board.socket);
    const tablet = await openSocket(a.url, '/tablet', { token: await pairTablet(a.url, tableIds[0] ?? '') });
    sockets.push(tablet);

    const placed = (await tablet.emitWithAck('order:place', {
      idempotencyKey: `one-${randomBytes(6).toString('hex')}`,
      lines: [{ menuId: drinkId, qty: 2 }],
    })) as Ack<{ id: string; total: number }>;
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    const auth = await json<{ paymentKey: string }>(`${sandbox?.url}/v1/sandbox/authorize`, {
      body: { orderId: placed.data.id, amount: placed.data.total, cardNumber: '4242424242424242' },
    });
    const paid = (await tablet.emitWithAck('order:pay', { orderId: placed.data.id, paymentKey: auth.paymentKey })) as Ack<{
      status: string;
    }>;
    expect(paid.ok && paid.data.status).toBe('paid');

    const ofOrder = () => board.events.filter((e) => e.aggregateId === placed.data.id).map((e) => e.type);
    await waitFor('the paid order on B', async () => (ofOrder().includes('order.paid') ? true : undefined), 15_000, b.service);
    // Anything published twice would have arrived by now.
    await new Promise((r) => setTimeout(r, 1000));
    expect(ofOrder()).toEqual(['order.placed', 'order.paid']);
    board.socket.close();
    tablet.close();
  });

  it(
    'publishes 500 orders placed over both instances once each, in store seq order, without gaps; metrics move',
    { timeout: 150_000 },
    async () => {
      const metricsBefore = (await Promise.all([a, b].map(async (i) => (await fetch(`${i.url}/metrics`)).text()))).map((t) =>
        metricValue(t, 'hiorder_orders_placed_total', 'replayed="false"'),
      );
      const baseline = await storeSeq();
      const boards = await Promise.all([openBoard(a.url, adminToken, baseline), openBoard(b.url, adminToken, baseline)]);
      sockets.push(...boards.map((x) => x.socket));
      const tablets = await Promise.all(
        [1, 2, 3, 4].map(async (i) => {
          const url = i <= 2 ? a.url : b.url;
          const socket = await openSocket(url, '/tablet', { token: await pairTablet(url, tableIds[i] ?? '') });
          sockets.push(socket);
          return socket;
        }),
      );

      const started = Date.now();
      const deadline = started + 100_000;
      const ids = new Set<string>();
      let next = 0;
      await Promise.all(
        tablets.flatMap((socket, t) =>
          Array.from({ length: 4 }, async () => {
            while (next < 500) {
              const n = next++;
              ids.add((await placeUntilAcked(socket, `bulk-${t}-${n}-${prefix}`, drinkId, deadline)).id);
            }
          }),
        ),
      );
      const placeMs = Date.now() - started;
      expect(ids.size).toBe(500);

      // The outbox: every event of the store sequenced 1..N without a gap and published.
      const outbox = await waitFor(
        'the outbox to drain',
        async () => {
          const rows = await sql.query<{ id: string; seq: string; published: boolean }>(
            'select id, seq, published_at is not null as published from outbox_event where store_id = $1 order by seq',
            [storeId],
          );
          return rows.rows.every((r) => r.published) && rows.rows.length >= baseline + 500 ? rows.rows : undefined;
        },
        30_000,
      );
      expect(outbox.map((r) => Number(r.seq))).toEqual(outbox.map((_, i) => i + 1));
      const expected = outbox.filter((r) => Number(r.seq) > baseline).map((r) => r.id);

      for (const board of boards) {
        await waitFor('every push on the board', async () => (board.events.length >= expected.length ? true : undefined), 30_000);
        await new Promise((r) => setTimeout(r, 500));
        // Once each (a second publish would show up as a repeated id), in seq order, and nothing missing.
        expect(board.events.map((e) => e.id)).toEqual(expected);
        expect(board.events.map((e) => e.seq)).toEqual(expected.map((_, i) => baseline + i + 1));
      }
      const placedEvents = boards[0]?.events.filter((e) => e.type === 'order.placed') ?? [];
      expect(new Set(placedEvents.map((e) => e.aggregateId))).toEqual(ids);

      const texts = await Promise.all([a, b].map(async (i) => (await fetch(`${i.url}/metrics`)).text()));
      for (const text of texts) {
        for (const name of [
          'hiorder_orders_placed_total',
          'hiorder_orders_rejected_total',
          'hiorder_order_placement_seconds_bucket',
          'hiorder_payment_confirms_total',
          'hiorder_outbox_backlog_events',
          'hiorder_outbox_lag_seconds',
          'hiorder_sockets_connected',
          'hiorder_busy_replies_total',
          'hiorder_payment_circuit_state',
        ]) {
          expect(text, name).toContain(name);
        }
      }
      const moved = texts.map((t, i) => metricValue(t, 'hiorder_orders_placed_total', 'replayed="false"') - (metricsBefore[i] ?? 0));
      expect((moved[0] ?? 0) + (moved[1] ?? 0)).toBe(500);
      expect(moved[0]).toBeGreaterThan(0);
      expect(moved[1]).toBeGreaterThan(0);
      expect(metricValue(texts[0] ?? '', 'hiorder_sockets_connected', 'namespace="tablet"')).toBe(2);
      expect(metricValue(texts[1] ?? '', 'hiorder_order_placement_seconds_count')).toBeGreaterThanOrEqual(moved[1] ?? 0);
      expect(metricValue(texts[0] ?? '', 'hiorder_payment_confirms_total', 'outcome="approved"')).toBe(1);
      process.stdout.write(`[multi-instance] 500 orders over 2 instances placed in ${placeMs} ms\n`);

      for (const socket of [...tablets, ...boards.map((x) => x.socket)]) socket.close();
    },
  );

  it(
    'SIGTERM to A during a stream of placements: no acked order lost or doubled, its tablets carry on through B',
    { timeout: 90_000 },
    async () => {
      const portA = Number(new URL(a.url).port);
      const portB = Number(new URL(b.url).port);
      const proxy = await failoverProxy([portA, portB]);
      const viaProxy = `http://127.0.0.1:${proxy.port}`;
      const board = await openBoard(b.url, adminToken, await storeSeq());
      sockets.push(board.socket);
      const tablets = await Promise.all(
        [5, 6].map(async (i) => {
          const socket = await openSocket(viaProxy, '/tablet', { token: await pairTablet(a.url, tableIds[i] ?? '') }, true);
          sockets.push(socket);
          return socket;
        }),
      );
      expect(proxy.landed).toEqual([portA, portA]);
      let connects = 0;
      for (const tablet of tablets) tablet.io.on('reconnect', () => (connects += 1));

      const deadline = Date.now() + 60_000;
      const acked = new Map<string, string>();
      let sigtermAt = 0;
      let shutdownMs = 0;
      const stream = Promise.all(
        tablets.map(async (socket, t) => {
          for (let n = 0; n < 40; n++) {
            const key = `term-${t}-${n}-${prefix}`;
            acked.set(key, (await placeUntilAcked(socket, key, drinkId, deadline)).id);
            if (acked.size === 10 && !sigtermAt) {
              sigtermAt = Date.now();
              a.service.child.kill('SIGTERM');
              void a.service.exited.then(() => (shutdownMs = Date.now() - sigtermAt));
            }
          }
        }),
      );
      await stream;
      const exitCode = await a.service.exited;
      proxy.server.close();

      expect(exitCode).toBe(0);
      expect(shutdownMs).toBeLessThan(10_000);
      expect(connects).toBeGreaterThanOrEqual(2);
      expect(proxy.landed.at(-1)).toBe(portB);
      // Every acked order is in the database, and one key made exactly one order.
      const rows = await sql.query<{ id: string; idempotency_key: string }>(
        'select id, idempotency_key from orders where idempotency_key like $1',
        [`term-%-${prefix}`],
      );
      expect(rows.rows.length).toBe(80);
      for (const row of rows.rows) expect(acked.get(row.idempotency_key)).toBe(row.id);
      // B took over the relay lease and published the orders placed on A too.
      await waitFor(
        'B to push every order',
        async () => {
          const seen = new Set(board.events.filter((e) => e.type === 'order.placed').map((e) => e.aggregateId));
          return [...acked.values()].every((id) => seen.has(id)) ? true : undefined;
        },
        20_000,
        b.service,
      );
      process.stdout.write(
        `[multi-instance] A drained and exited in ${shutdownMs} ms after SIGTERM; tablets reconnected ${connects} times\n`,
      );
      for (const tablet of tablets) tablet.close();
      board.socket.close();
    },
  );

  it(
    '/readyz answers 503 while PostgreSQL is stopped and 200 again once it is back; boards get pushes again',
    { timeout: 90_000 },
    async () => {
      const ready = await json<{ ready: boolean; checks: { redis?: { ok: boolean } } }>(`${b.url}/readyz`);
      expect(ready.ready).toBe(true);
      expect(ready.checks.redis?.ok).toBe(true);
      const cluster = PG_CLUSTER();
      await sql.end();
      try {
        execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'stop'], { stdio: 'ignore' });
        const down = await waitFor(
          'readyz to fail',
          async () => {
            const res = await fetch(`${b.url}/readyz`);
            return res.status === 503 ? ((await res.json()) as { checks: { database: { ok: boolean } } }) : undefined;
          },
          20_000,
          b.service,
        );
        expect(down.checks.database.ok).toBe(false);
        // Alive all along: liveness must not restart a pod for a database outage.
        expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
      } finally {
        execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'start'], { stdio: 'ignore' });
      }
      await waitFor(
        'readyz to recover',
        async () => ((await fetch(`${b.url}/readyz`)).status === 200 ? true : undefined),
        30_000,
        b.service,
      );
      sql = new pg.Client({ connectionString: db.url });
      await sql.connect();

      // The relay's live lane holds a connection of its own outside the pool: it must notice the restart and
      // reconnect, or boards would stay silent until the process restarts.
      const board = await openBoard(b.url, adminToken, await storeSeq());
      sockets.push(board.socket);
      const tablet = await openSocket(b.url, '/tablet', { token: await pairTablet(b.url, tableIds[2] ?? '') });
      sockets.push(tablet);
      const placed = await placeUntilAcked(tablet, `after-restart-${randomBytes(6).toString('hex')}`, drinkId, Date.now() + 20_000);
      await waitFor(
        'a push after the restart',
        async () => (board.events.some((e) => e.aggregateId === placed.id) ? true : undefined),
        20_000,
        b.service,
      );
      board.socket.close();
      tablet.close();
    },
  );
});

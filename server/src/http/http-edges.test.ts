import { connect as tcpConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../ops/ops.routes';
import type { Menu } from '@hiorder/core/catalog';
import { buildStore, createTestApp, http, idemKey, openSocket, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

/** The edges of the HTTP and socket surface: who may scrape, wrong methods, missing tokens, impossible days, idle connections. */
describe('HTTP and socket edges', () => {
  const METRICS_TOKEN = 'scrape-me-0123456789abcdef';
  let app: TestApp;
  let store: StoreFixture;

  beforeAll(async () => {
    app = await createTestApp({ METRICS_TOKEN });
    store = await buildStore(app, { cola: { price: 2000, course: 'other' } });
  });
  afterAll(() => app.close());

  it('serves /metrics only with the METRICS_TOKEN bearer', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: `Bearer ${store.adminToken}` },
      { authorization: METRICS_TOKEN },
    ]) {
      const res = await http(app, 'GET', '/metrics', undefined, undefined, headers);
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    const ok = await http(app, 'GET', '/metrics', undefined, undefined, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('hiorder_orders_placed_total');
  });

  it('counts the events the outbox sweeper forwarded again, as the relay reports them', async () => {
    // The sweep itself (lost jobs found and forwarded again) is workers/src/redis-crash.test.ts; this is the metric.
    const scrape = async () =>
      (await http(app, 'GET', '/metrics', undefined, undefined, { authorization: `Bearer ${METRICS_TOKEN}` })).body as string;
    const count = (text: string) => Number(/^hiorder_outbox_redelivered_events_total (\d+)$/m.exec(text)?.[1]);
    const before = count(await scrape());
    app.server.app.deps.relay.onRedelivered(3);
    expect(count(await scrape())).toBe(before + 3);
  });

  it('counts the database statements the process sends, so a bench can count the round trips of a placement', async () => {
    const scrape = async () => {
      const text = (await http(app, 'GET', '/metrics', undefined, undefined, { authorization: `Bearer ${METRICS_TOKEN}` })).body as string;
      const line = /^hiorder_db_statements_total (\d+)$/m.exec(text);
      if (!line) throw new Error('no hiorder_db_statements_total in /metrics');
      return Number(line[1]);
    };
    const tablet = await pairTablet(app, store, store.tableIds[0] as string);
    const before = await scrape();
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.cola as Menu).id, qty: 1 }],
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    // At least the insert of the order, of its line and of its event, and the transaction's begin and commit.
    expect((await scrape()) - before).toBeGreaterThanOrEqual(5);
  });

  it('without a METRICS_TOKEN, serves /metrics to this machine only (by the socket address, not X-Forwarded-For)', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '127.0.0.53']) expect(isLoopback(address), address).toBe(true);
    for (const address of [undefined, '10.0.0.7', '::ffff:10.0.0.7', '192.168.1.20', 'fe80::1', '1127.0.0.1'])
      expect(isLoopback(address), String(address)).toBe(false);
  });

  it('answers a wrong method with 405 METHOD_NOT_ALLOWED in the error body and an Allow header', async () => {
    const res = await http(app, 'PUT', '/api/orders', store.staffToken, {});
    expect(res.status).toBe(405);
    expect(res.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toContain('GET');
    const del = await http(app, 'DELETE', '/api/catalog', store.staffToken);
    expect(del.status).toBe(405);
    expect(del.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses a socket without a token with UNAUTHENTICATED, as HTTP does', async () => {
    for (const namespace of ['/tablet', '/staff'] as const) {
      for (const auth of [{}, { token: '' }, { lastSeq: 0 }]) {
        await expect(openSocket(app, namespace, auth), `${namespace} ${JSON.stringify(auth)}`).rejects.toMatchObject({
          data: { code: 'UNAUTHENTICATED' },
        });
      }
    }
    expect((await http(app, 'GET', '/api/orders')).body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a statistics day that does not exist, naming it, instead of reading 2024-02-31 as 2024-03-02', async () => {
    for (const query of ['from=2024-02-31', 'from=2024-13-45', 'from=2024-01-01&to=2024-13-45']) {
      const res = await http(app, 'GET', `/api/stats/summary?${query}`, store.adminToken);
      expect(res.status, query).toBe(400);
      expect(res.body.error.message, query).toContain('not a day of the calendar');
    }
    expect((await http(app, 'GET', '/api/stats/summary?from=2024-02-29&to=2024-03-01', store.adminToken)).status).toBe(200);
  });

  it('keeps an idle keep-alive connection open longer than its peers do, so a request sent on it is answered', async () => {
    // One TCP connection, two requests 6 s apart: past Node's 5 s default, when the server used to close the
    // socket under a client that still held it as reusable (the request then got no answer at all).
    const socket = tcpConnect(Number(new URL(app.url).port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const closedEarly = new Promise<string>((resolve) => socket.once('close', () => resolve('closed')));
    const answers = (n: number, what: string) =>
      Promise.race([
        new Promise<void>((resolve) => {
          const check = () => ((received.match(/HTTP\/1\.1 200/g)?.length ?? 0) >= n ? resolve() : setTimeout(check, 20));
          check();
        }),
        closedEarly.then(() => Promise.reject(new Error(`${what}: the server closed the connection without an answer`))),
        new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within 10 s`)), 10_000)),
      ]);
    const request = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n';
    socket.write(request);
    await answers(1, 'first request');
    expect(received.toLowerCase()).toContain('keep-alive: timeout=65');
    await new Promise((resolve) => setTimeout(resolve, 6000));
    socket.write(request);
    await answers(2, 'request on the idle connection');
    socket.destroy();
  }, 30_000);
});

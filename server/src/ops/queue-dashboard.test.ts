import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStore, createTestApp, http, type StoreFixture, type TestApp } from '../testing/test-app';
import { QUEUE_DASHBOARD_PATH, QUEUE_SESSION_COOKIE } from './queue-dashboard';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether something listens on Redis's port: the dashboard tests need it and are skipped otherwise. */
function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((ok) => {
    const socket = connect({ host: hostname, port: Number(port || 6379), timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), ok(true)));
    socket.once('error', () => ok(false));
    socket.once('timeout', () => (socket.destroy(), ok(false)));
  });
}

const redisUp = await reachable(REDIS_URL);

/** The `name=value` part of the session cookie the server set. */
function sessionCookie(headers: Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith(`${QUEUE_SESSION_COOKIE}=`));
  if (!cookie) throw new Error('no queue session cookie');
  return cookie;
}

const page = (app: TestApp, cookie?: string, path = QUEUE_DASHBOARD_PATH): Promise<Response> =>
  fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

describe.skipIf(!redisUp)('queue dashboard (bull-board) with Redis', () => {
  let app: TestApp;
  let store: StoreFixture;

  beforeAll(async () => {
    app = await createTestApp({ REDIS_URL, QUEUE_PREFIX: `qd${randomBytes(4).toString('hex')}` });
    store = await buildStore(app, {});
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves the dashboard to the cookie an admin gets from POST /api/queues/session', async () => {
    const session = await http(app, 'POST', '/api/queues/session', store.adminToken);
    expect(session.status).toBe(204);
    const setCookie = sessionCookie(session.headers);
    expect(setCookie).toMatch(/; path=\/admin\/queues/i);
    expect(setCookie).toMatch(/; httponly/i);
    expect(setCookie).toMatch(/; samesite=strict/i);

    const cookie = setCookie.split(';')[0] ?? '';
    const html = await page(app, cookie);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain(`<base href="${QUEUE_DASHBOARD_PATH}`);
    expect(html.headers.get('content-security-policy')).toContain('https://fonts.googleapis.com');

    const queues = await page(app, cookie, `${QUEUE_DASHBOARD_PATH}/api/queues`);
    expect(queues.status).toBe(200);
    const names = ((await queues.json()) as { queues: { name: string }[] }).queues.map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['events', 'scheduled']));

    const me = await http(app, 'GET', '/api/me', store.adminToken);
    expect(me.body.queueDashboard).toBe(true);
  });

  it('answers 401 without the cookie, even to a bearer token or an access token put in the cookie', async () => {
    expect((await page(app)).status).toBe(401);
    expect((await fetch(`${app.url}${QUEUE_DASHBOARD_PATH}`, { headers: { authorization: `Bearer ${store.adminToken}` } })).status).toBe(
      401,
    );
    expect((await page(app, `${QUEUE_SESSION_COOKIE}=${store.adminToken}`)).status).toBe(401);
    expect((await page(app, `${QUEUE_SESSION_COOKIE}=not-a-token`)).status).toBe(401);
  });

  it('answers 403 to a staff cookie, and gives staff no cookie', async () => {
    expect((await http(app, 'POST', '/api/queues/session', store.staffToken)).status).toBe(403);
    const { tokens } = app.server.app.deps;
    const staffCookie = await tokens.sign(await tokens.verify(store.staffToken), new Date(), 'queue-dashboard');
    expect((await page(app, `${QUEUE_SESSION_COOKIE}=${staffCookie}`)).status).toBe(403);
    // The cookie's token is good for the dashboard only, never as a bearer token.
    expect((await http(app, 'GET', '/api/me', staffCookie)).status).toBe(401);
    expect((await http(app, 'GET', '/api/me', store.staffToken)).body.queueDashboard).toBe(false);
  });
});

describe('queue dashboard without Redis', () => {
  let app: TestApp;
  let store: StoreFixture;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, {});
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is not offered: no session, and /api/me says so', async () => {
    expect((await http(app, 'POST', '/api/queues/session', store.adminToken)).status).toBe(404);
    expect((await http(app, 'GET', '/api/me', store.adminToken)).body.queueDashboard).toBe(false);
  });
});

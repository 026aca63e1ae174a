import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStore, createTestApp, http, openSocket, pairKitchen, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';
import { TEST_REDIS_URL, uniqueRedisPrefix } from '../testing/test-redis';

/**
 * Disabling a staff account, changing its role or resetting its password, and unpairing a device, end their
 * access at once: the next HTTP request is refused and their open sockets close — on every instance. Two
 * servers share one database and join their sockets through Redis; the change is made on one, the sockets
 * are held on the other.
 */
describe('ending sessions at once, on every instance', () => {
  let one: TestApp;
  let other: TestApp;
  let store: StoreFixture;

  beforeAll(async () => {
    const shared = { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: uniqueRedisPrefix(), JWT_SECRET: randomBytes(32).toString('hex') };
    one = await createTestApp(shared);
    other = await createTestApp({ ...shared, DATABASE_URL: one.db.url });
    store = await buildStore(one, { cola: { price: 2000, course: 'other' } });
  });
  afterAll(async () => {
    await other?.close();
    await one?.close();
  });

  /** Resolves with the reason when the server closes the socket; fails with a message if it doesn't in time. */
  const closedByServer = (socket: Socket, what: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: the socket was still open 10 s after the change`)), 10_000);
      socket.once('disconnect', (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });

  it('cuts a disabled staff account: its token is refused and its board closes on the other instance', async () => {
    const created = await http(one, 'POST', '/api/staff', store.adminToken, {
      username: `s-${randomBytes(3).toString('hex')}`,
      displayName: 'Floor',
      password: 'password-1234',
      role: 'staff',
    });
    const session = await http(one, 'POST', '/api/auth/login', undefined, { username: created.body.username, password: 'password-1234' });
    const token = session.body.accessToken as string;
    expect((await http(other, 'GET', '/api/orders', token)).status).toBe(200);
    const board = await openSocket(other, '/staff', { token, lastSeq: 0 });
    const closed = closedByServer(board, 'disabled staff');

    expect((await http(one, 'PATCH', `/api/staff/${created.body.id}`, store.adminToken, { disabled: true })).status).toBe(200);
    expect((await http(other, 'GET', '/api/orders', token)).body.error.code).toBe('UNAUTHENTICATED');
    expect((await http(one, 'GET', '/api/orders', token)).status).toBe(401);
    expect(await closed).toBe('io server disconnect');
    await expect(openSocket(other, '/staff', { token, lastSeq: 0 })).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    expect((await http(one, 'POST', '/api/auth/refresh', undefined, { refreshToken: session.body.refreshToken })).status).toBe(401);
  });

  it('refuses the tokens signed before a role change or a password reset, and lets the new session in', async () => {
    const created = await http(one, 'POST', '/api/staff', store.adminToken, {
      username: `a-${randomBytes(3).toString('hex')}`,
      displayName: 'Manager',
      password: 'password-1234',
      role: 'admin',
    });
    const before = (await http(one, 'POST', '/api/auth/login', undefined, { username: created.body.username, password: 'password-1234' }))
      .body.accessToken as string;
    expect((await http(other, 'GET', '/api/staff', before)).status).toBe(200);
    expect((await http(one, 'PATCH', `/api/staff/${created.body.id}`, store.adminToken, { role: 'staff' })).status).toBe(200);
    expect((await http(other, 'GET', '/api/staff', before)).status).toBe(401);
    const demoted = (await http(one, 'POST', '/api/auth/login', undefined, { username: created.body.username, password: 'password-1234' }))
      .body.accessToken as string;
    expect((await http(other, 'GET', '/api/orders', demoted)).status).toBe(200);
    expect((await http(other, 'GET', '/api/staff', demoted)).status).toBe(403);

    expect((await http(one, 'PATCH', `/api/staff/${created.body.id}`, store.adminToken, { password: 'password-5678' })).status).toBe(200);
    expect((await http(other, 'GET', '/api/orders', demoted)).status).toBe(401);
    // A new display name ends nothing.
    const fresh = (await http(one, 'POST', '/api/auth/login', undefined, { username: created.body.username, password: 'password-5678' }))
      .body.accessToken as string;
    expect((await http(one, 'PATCH', `/api/staff/${created.body.id}`, store.adminToken, { displayName: 'Floor manager' })).status).toBe(
      200,
    );
    expect((await http(other, 'GET', '/api/orders', fresh)).status).toBe(200);
  });

  it('cuts an unpaired tablet and kitchen display: token refused, sockets told and closed on the other instance', async () => {
    const tablet = await pairTablet(one, store, store.tableIds[0] as string);
    const kitchen = await pairKitchen(one, store);
    const tabletSocket = await openSocket(other, '/tablet', { token: tablet });
    const kitchenSocket = await openSocket(other, '/staff', { token: kitchen, lastSeq: 0 });
    const told = new Promise<void>((resolve) => tabletSocket.once('session:revoked', () => resolve()));
    const closed = [closedByServer(tabletSocket, 'revoked tablet'), closedByServer(kitchenSocket, 'revoked kitchen display')];

    for (const token of [tablet, kitchen]) {
      const device = (await http(other, 'GET', '/api/device', token)).body as { deviceId: string };
      expect((await http(one, 'DELETE', `/api/devices/${device.deviceId}`, store.adminToken)).status).toBe(204);
      expect((await http(other, 'GET', '/api/device', token)).status).toBe(401);
    }
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    await told;
    await expect(openSocket(other, '/tablet', { token: tablet })).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
  });
});

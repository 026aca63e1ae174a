import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStore, createTestApp, http, type StoreFixture, type TestApp } from '../testing/test-app';

describe('staff sessions and device pairing', () => {
  let app: TestApp;
  let store: StoreFixture;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { cola: { course: 'other' } });
  });
  afterAll(() => app.close());

  const login = (password: string, username = store.adminUsername) =>
    http(app, 'POST', '/api/auth/login', undefined, { username, password });

  it('logs in with the argon2id-hashed password and rotates the refresh token on use', async () => {
    const session = await login(store.adminPassword);
    expect(session.status).toBe(200);
    expect(session.body.staff.role).toBe('admin');
    expect((await http(app, 'GET', '/api/me', session.body.accessToken)).body.store.id).toBe(store.storeId);
    const refreshed = await http(app, 'POST', '/api/auth/refresh', undefined, { refreshToken: session.body.refreshToken });
    expect(refreshed.status).toBe(200);
    const replayed = await http(app, 'POST', '/api/auth/refresh', undefined, { refreshToken: session.body.refreshToken });
    expect(replayed.status).toBe(401);
    await http(app, 'POST', '/api/auth/logout', undefined, { refreshToken: refreshed.body.refreshToken });
    expect((await http(app, 'POST', '/api/auth/refresh', undefined, { refreshToken: refreshed.body.refreshToken })).status).toBe(401);
  });

  it('answers a wrong password and an unknown user alike, and locks out after 10 failures', async () => {
    const wrong = await login('wrong-password');
    const unknown = await login('whatever', 'nobody-here');
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect([unknown.status, unknown.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    for (let i = 0; i < 9; i++) await login('wrong-password');
    const locked = await login(store.adminPassword);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
  });

  it('refuses a tampered or foreign access token', async () => {
    const [h, p] = store.adminToken.split('.');
    expect((await http(app, 'GET', '/api/me', `${h}.${p}.forged`)).status).toBe(401);
    expect((await http(app, 'GET', '/api/me', 'not-a-token-at-all')).status).toBe(401);
  });

  it('pairs a tablet with a one-time code, which then stops working', async () => {
    const code = await http(app, 'POST', '/api/pairing-codes', store.adminToken, { role: 'table', tableId: store.tableIds[0] });
    expect(code.status).toBe(201);
    expect(code.body.url).toContain(`/tablet/?pair=${code.body.code}`);
    const [first, second] = await Promise.all([
      http(app, 'POST', '/api/devices/pair', undefined, { code: code.body.code }),
      http(app, 'POST', '/api/devices/pair', undefined, { code: code.body.code.toLowerCase() }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 400]);
    const paired = first.status === 200 ? first : second;
    expect(paired.body.table.id).toBe(store.tableIds[0]);
    const device = await http(app, 'GET', '/api/device', paired.body.deviceToken);
    expect(device.body.role).toBe('table');
  });

  it('lets an admin create staff, who cannot manage the store', async () => {
    const created = await http(app, 'POST', '/api/staff', store.adminToken, {
      username: 'hall-1',
      displayName: 'Hall',
      password: 'long-enough-1',
      role: 'staff',
    });
    expect(created.status).toBe(201);
    const session = await login('long-enough-1', 'hall-1');
    expect((await http(app, 'POST', '/api/tables', session.body.accessToken, { label: 'X' })).status).toBe(403);
    await http(app, 'PATCH', `/api/staff/${created.body.id}`, store.adminToken, { disabled: true });
    expect((await login('long-enough-1', 'hall-1')).status).toBe(401);
  });
});

import { resetAdminPassword, Staff } from '@hiorder/core/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStore, createTestApp, http, type StoreFixture, type TestApp } from '../testing/test-app';

/** `pnpm admin:reset-password`: the operator's way back in when the password shown once is lost. */
describe('resetAdminPassword', () => {
  let app: TestApp;
  let store: StoreFixture;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, {});
  });
  afterAll(() => app.close());

  const login = (username: string, password: string) => http(app, 'POST', '/api/auth/login', undefined, { username, password });

  it('sets a new password that logs in, and ends the sessions of the old one', async () => {
    const before = await login(store.adminUsername, store.adminPassword);
    expect(before.status).toBe(200);
    const result = await resetAdminPassword({ em: app.em(), now: new Date() }, { username: store.adminUsername });
    expect(result).toMatchObject({ username: store.adminUsername, created: false });
    expect(result.password.length).toBeGreaterThanOrEqual(12);
    expect((await login(store.adminUsername, store.adminPassword)).status).toBe(401);
    expect((await login(store.adminUsername, result.password)).status).toBe(200);
    const refreshed = await http(app, 'POST', '/api/auth/refresh', undefined, { refreshToken: before.body.refreshToken });
    expect(refreshed.status).toBe(401);
    expect((await http(app, 'GET', '/api/me', before.body.accessToken)).status).toBe(401);
  });

  it('creates an admin in the named store, and refuses a short password or an unknown store', async () => {
    const slug = (await app.em().findOneOrFail(Staff, { username: store.adminUsername }, { populate: ['store'] })).store.getEntity().slug;
    const created = await resetAdminPassword(
      { em: app.em(), now: new Date() },
      { username: 'Owner.Kim', password: 'a long passphrase', storeSlug: slug },
    );
    expect(created).toMatchObject({ username: 'owner.kim', created: true, storeSlug: slug });
    const session = await login('owner.kim', 'a long passphrase');
    expect(session.status).toBe(200);
    expect((await http(app, 'GET', '/api/staff', session.body.accessToken)).status).toBe(200);
    await expect(resetAdminPassword({ em: app.em(), now: new Date() }, { username: 'x.y', password: 'short' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      resetAdminPassword({ em: app.em(), now: new Date() }, { username: 'new.one', storeSlug: 'no-such-store' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

import { Category, Menu } from '@hiorder/core/catalog';
import { DiningTable, Staff, Store } from '@hiorder/core/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupLinkIfNeeded } from '../start-server';
import { buildStore, createTestApp, http, type StoreFixture, type TestApp } from '../testing/test-app';

const setupBody = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  store: {
    name: '김밥천국 역삼점',
    timeZone: 'Asia/Seoul',
    currency: 'KRW',
    languages: ['ko', 'en', 'ja'],
    hours: { opensAt: '11:00', closesAt: '22:00', breakStartsAt: '15:00', breakEndsAt: '17:00' },
  },
  admin: { username: 'owner.kim', displayName: '김사장', password: 'a long passphrase' },
  tables: 4,
  ...overrides,
});

async function counts(app: TestApp) {
  const em = app.em();
  return { stores: await em.count(Store, {}), staff: await em.count(Staff, {}), tables: await em.count(DiningTable, {}) };
}

/** The first start without the demo: the setup page creates the store, the owner's account and the tables. */
describe('POST /api/setup', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await createTestApp();
    token = app.server.app.deps.setupToken;
  });
  afterAll(() => app.close());

  it('is needed on a blank database, and the start banner links to it with the token in the fragment', async () => {
    expect((await http(app, 'GET', '/api/setup')).body).toEqual({ needed: true });
    expect(await setupLinkIfNeeded(app.server)).toBe(`${app.server.app.deps.publicUrl}/admin/setup#token=${token}`);
  });

  it('refuses a wrong token and bad settings with a code, writing nothing', async () => {
    const wrong = await http(app, 'POST', '/api/setup', undefined, setupBody('x'.repeat(token.length)));
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('SETUP_TOKEN_INVALID');
    const bad: [string, Record<string, unknown>][] = [
      ['unknown zone', { store: { ...setupBody(token).store, timeZone: 'Mars/Olympus' } }],
      ['a currency other than won', { store: { ...setupBody(token).store, currency: 'USD' } }],
      ['languages without Korean', { store: { ...setupBody(token).store, languages: ['en'] } }],
      ['an unknown language', { store: { ...setupBody(token).store, languages: ['ko', 'fr'] } }],
      [
        'a break without an end',
        { store: { ...setupBody(token).store, hours: { opensAt: '11:00', closesAt: '22:00', breakStartsAt: '15:00' } } },
      ],
      ['a time that is no time', { store: { ...setupBody(token).store, hours: { opensAt: '25:00', closesAt: '22:00' } } }],
      ['no tables', { tables: 0 }],
      ['a short password', { admin: { username: 'owner', displayName: 'x', password: 'short' } }],
      ['an unknown field', { demo: true }],
    ];
    for (const [what, overrides] of bad) {
      const answer = await http(app, 'POST', '/api/setup', undefined, setupBody(token, overrides));
      expect(answer.status, what).toBe(400);
      expect(answer.body.error.code, what).toBe('VALIDATION_FAILED');
    }
    expect(await counts(app)).toEqual({ stores: 0, staff: 0, tables: 0 });
  });

  it('makes one store of several setups at once: the store, its owner signed in, its tables, no demo data', async () => {
    const answers = await Promise.all(
      ['Rival BBQ', 'Other Grill', 'Third Noodle', 'Fourth Cafe', 'Fifth Pub', 'Sixth Bar'].map((name, i) =>
        http(
          app,
          'POST',
          '/api/setup',
          undefined,
          setupBody(token, {
            store: { ...setupBody(token).store, name },
            admin: { username: `owner${i}`, displayName: '김사장', password: 'a long passphrase' },
          }),
        ),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const made = answers.find((a) => a.status === 201) as (typeof answers)[number];
    for (const refused of answers.filter((a) => a !== made)) expect(refused.body.error.code).toBe('SETUP_DONE');
    expect(await counts(app)).toEqual({ stores: 1, staff: 1, tables: 4 });
    expect(await app.em().count(Menu, {})).toBe(0);
    expect(await app.em().count(Category, {})).toBe(0);

    const me = await http(app, 'GET', '/api/me', made.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body.store).toMatchObject({ name: made.body.store.name, timeZone: 'Asia/Seoul' });
    expect(me.body.staff).toMatchObject({ role: 'admin', displayName: made.body.staff.displayName });
    const settings = await http(app, 'GET', '/api/store/settings', made.body.accessToken);
    expect(settings.body).toEqual({
      name: made.body.store.name,
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      languages: ['ko', 'en', 'ja'],
      hours: { opensAt: '11:00', closesAt: '22:00', breakStartsAt: '15:00', breakEndsAt: '17:00' },
      receiptFooter: '',
      staffMaySetSoldOut: true,
    });
    const tables = (await http(app, 'GET', '/api/tables', made.body.accessToken)).body as { id: string; label: string }[];
    expect(tables.map((t) => t.label)).toEqual(['1', '2', '3', '4']);
    expect((await http(app, 'GET', '/api/admin/catalog', made.body.accessToken)).body.menus).toEqual([]);

    // The owner pairs the first tablet with the session the setup opened.
    const code = await http(app, 'POST', '/api/pairing-codes', made.body.accessToken, { role: 'table', tableId: tables[0]?.id });
    expect(code.status).toBe(201);
    const paired = await http(app, 'POST', '/api/devices/pair', undefined, { code: code.body.code });
    expect(paired.status).toBe(200);
    expect(paired.body.table.label).toBe('1');

    expect((await http(app, 'GET', '/api/setup')).body).toEqual({ needed: false });
    expect(await setupLinkIfNeeded(app.server)).toBeNull();
    const again = await http(
      app,
      'POST',
      '/api/setup',
      undefined,
      setupBody(token, { admin: { username: 'late', displayName: 'x', password: 'a long passphrase' } }),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SETUP_DONE');
    expect(await counts(app)).toEqual({ stores: 1, staff: 1, tables: 4 });
  });
});

/** The store settings page: admins change them, staff read them, nobody touches another store's. */
describe('/api/store/settings', () => {
  let app: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;

  beforeAll(async () => {
    app = await createTestApp();
    a = await buildStore(app, {});
    b = await buildStore(app, {});
  });
  afterAll(() => app.close());

  const next = {
    name: '하이오더 강남점',
    timeZone: 'Asia/Tokyo',
    currency: 'KRW',
    languages: ['ko', 'en', 'zh', 'ja'],
    hours: { opensAt: '17:00', closesAt: '02:00', breakStartsAt: null, breakEndsAt: null },
    receiptFooter: '사업자번호 123-45-67890 · 감사합니다',
    staffMaySetSoldOut: false,
  };

  it('reads the defaults for a store that never saved any', async () => {
    const answer = await http(app, 'GET', '/api/store/settings', a.staffToken);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      name: 'Test store',
      timeZone: 'Asia/Seoul',
      currency: 'KRW',
      languages: ['ko', 'en'],
      hours: null,
      receiptFooter: '',
      staffMaySetSoldOut: true,
    });
  });

  it('saves what the admin sends, for their store only; the name and zone reach /api/me', async () => {
    const saved = await http(app, 'PUT', '/api/store/settings', a.adminToken, next);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(next);
    expect((await http(app, 'GET', '/api/store/settings', a.staffToken)).body).toEqual(next);
    expect((await http(app, 'GET', '/api/me', a.adminToken)).body.store).toMatchObject({ name: next.name, timeZone: 'Asia/Tokyo' });
    expect((await http(app, 'GET', '/api/store/settings', b.adminToken)).body).toMatchObject({ name: 'Test store', receiptFooter: '' });
  });

  it('refuses staff, and bad settings with a code, changing nothing', async () => {
    const before = (await http(app, 'GET', '/api/store/settings', a.adminToken)).body;
    const byStaff = await http(app, 'PUT', '/api/store/settings', a.staffToken, { ...next, name: 'staff was here' });
    expect(byStaff.status).toBe(403);
    const bad: [string, Record<string, unknown>][] = [
      ['an empty name', { name: ' ' }],
      ['an unknown zone', { timeZone: 'Asia/Nowhere' }],
      ['a footer over the limit', { receiptFooter: 'x'.repeat(201) }],
      [
        'a break that ends before it starts',
        { hours: { opensAt: '11:00', closesAt: '22:00', breakStartsAt: '16:00', breakEndsAt: '15:00' } },
      ],
      ['the same language twice', { languages: ['ko', 'ko'] }],
      ['a missing field', { staffMaySetSoldOut: undefined }],
    ];
    for (const [what, overrides] of bad) {
      const answer = await http(app, 'PUT', '/api/store/settings', a.adminToken, { ...next, ...overrides });
      expect(answer.status, what).toBe(400);
      expect(answer.body.error.code, what).toBe('VALIDATION_FAILED');
    }
    expect((await http(app, 'GET', '/api/store/settings', a.adminToken)).body).toEqual(before);
  });
});

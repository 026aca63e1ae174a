import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
import { buildStore, createTestApp, http, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

describe('option groups in the catalog', () => {
  let app: TestApp;
  let store: StoreFixture;
  let other: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { tteok: { price: 14000 }, kimbap: { price: 4000 } });
    other = await buildStore(app, { soup: { price: 8000 } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  const group = {
    name: { ko: '맵기', en: 'Spiciness' },
    minChoices: 1,
    maxChoices: 1,
    options: [
      { name: { ko: '순한맛', en: 'Mild' }, priceDelta: 0 },
      { name: { ko: '매운맛', en: 'Hot' }, priceDelta: 500 },
    ],
  };

  it('creates a group, shares it between menus, and gives tablets only the groups their menus offer', async () => {
    const created = await http(app, 'POST', '/api/option-groups', store.adminToken, group);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.options.map((o: { name: { en: string } }) => o.name.en)).toEqual(['Mild', 'Hot']);
    const unused = await http(app, 'POST', '/api/option-groups', store.adminToken, {
      ...group,
      name: { ko: '미사용', en: '' },
      minChoices: 0,
    });
    for (const key of ['tteok', 'kimbap']) {
      const res = await http(app, 'PATCH', `/api/menus/${(store.menus[key] as Menu).id}`, store.adminToken, {
        optionGroupIds: [created.body.id],
      });
      expect(res.body.optionGroupIds).toEqual([created.body.id]);
    }
    const catalog = (await http(app, 'GET', '/api/catalog', tablet)).body.catalog;
    expect(catalog.optionGroups.map((g: { id: string }) => g.id)).toEqual([created.body.id]);
    const admin = (await http(app, 'GET', '/api/admin/catalog', store.adminToken)).body;
    expect(admin.optionGroups.map((g: { id: string }) => g.id).sort()).toEqual([created.body.id, unused.body.id].sort());

    const soldOut = await http(app, 'PATCH', `/api/options/${created.body.options[1].id}`, store.staffToken, { soldOut: true });
    expect(soldOut.body.options[1].soldOut).toBe(true);
    const after = (await http(app, 'GET', `/api/catalog?since=${catalog.version}`, tablet)).body;
    expect(after.changed).toBe(true);
    expect(after.catalog.optionGroups[0].options[1].soldOut).toBe(true);

    await http(app, 'DELETE', `/api/option-groups/${created.body.id}`, store.adminToken);
    const menus = (await http(app, 'GET', '/api/admin/catalog', store.adminToken)).body.menus;
    expect(menus.map((m: { optionGroupIds: string[] }) => m.optionGroupIds)).toEqual([[], []]);
  });

  it('rejects bad groups with VALIDATION_FAILED and another store’s group or option with NOT_FOUND', async () => {
    const bounds = await http(app, 'POST', '/api/option-groups', store.adminToken, { ...group, minChoices: 2, maxChoices: 1 });
    expect(bounds.body.error.code).toBe('VALIDATION_FAILED');
    const price = await http(app, 'POST', '/api/option-groups', store.adminToken, {
      ...group,
      options: [{ name: { ko: 'x' }, priceDelta: -1 }],
    });
    expect(price.body.error.code).toBe('VALIDATION_FAILED');
    const foreign = await http(app, 'POST', '/api/option-groups', other.adminToken, group);
    const attach = await http(app, 'PATCH', `/api/menus/${(store.menus.tteok as Menu).id}`, store.adminToken, {
      optionGroupIds: [foreign.body.id],
    });
    expect(attach.status).toBe(404);
    expect((await http(app, 'PUT', `/api/option-groups/${foreign.body.id}`, store.adminToken, group)).status).toBe(404);
    expect((await http(app, 'DELETE', `/api/option-groups/${foreign.body.id}`, store.adminToken)).status).toBe(404);
    expect((await http(app, 'PATCH', `/api/options/${foreign.body.options[0].id}`, store.staffToken, { soldOut: true })).status).toBe(404);
    expect((await http(app, 'POST', '/api/option-groups', store.staffToken, group)).status).toBe(403);
  });
});

import type { Menu } from '@hiorder/core/catalog';
import { newId } from '@hiorder/domain/shared/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOptionGroup } from '../testing/option-fixtures';
import { buildStore, createTestApp, http, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('duplicating a menu', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { first: { price: 9000 }, bibimbap: { price: 12000, stock: 7 }, last: { price: 3000 } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  const idOf = (name: string) => (store.menus[name] as Menu).id;

  it('copies options, labels, category, photo and price right after the original, named "(복사)" and hidden from tablets', async () => {
    const menuId = idOf('bibimbap');
    const group = await buildOptionGroup(app, store, {
      name: '곱빼기',
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: '곱빼기', priceDelta: 2000 }],
      menuIds: [menuId],
    });
    const labels = { origin: '쌀: 국내산', allergens: ['egg', 'soybean'], spicy: 1, isNew: true, best: true };
    await http(app, 'PATCH', `/api/menus/${menuId}`, store.adminToken, {
      name: { ko: '비빔밥', en: 'Bibimbap' },
      description: { ko: '나물 듬뿍', en: 'Lots of greens' },
      labels,
      limitPerVisit: 2,
    });
    const form = new FormData();
    form.append('photo', new Blob([PNG_1x1], { type: 'image/png' }), 'dish.png');
    const photo = await fetch(`${app.url}/api/menus/${menuId}/photo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${store.adminToken}` },
      body: form,
    });
    const original = (await photo.json()) as { photoUrl: string; position: number };

    const before = (await http(app, 'GET', '/api/catalog', tablet)).body.version;
    const copy = await http(app, 'POST', `/api/menus/${menuId}/duplicate`, store.adminToken);
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body).toMatchObject({
      categoryId: store.categoryId,
      name: { ko: '비빔밥 (복사)', en: 'Bibimbap (copy)' },
      description: { ko: '나물 듬뿍', en: 'Lots of greens' },
      price: 12000,
      stock: 7,
      limitPerVisit: 2,
      photoUrl: original.photoUrl,
      optionGroupIds: [group.id],
      labels,
      hidden: true,
      recommended: false,
    });
    expect(copy.body.id).not.toBe(menuId);

    // Right after the original; the menus after it move down one.
    const admin = (await http(app, 'GET', '/api/admin/catalog', store.adminToken)).body;
    const order = admin.menus
      .filter((m: { categoryId: string }) => m.categoryId === store.categoryId)
      .sort((a: { position: number }, b: { position: number }) => a.position - b.position)
      .map((m: { id: string }) => m.id);
    expect(order).toEqual([idOf('first'), menuId, copy.body.id, idOf('last')]);

    // Tablets get a new catalog version, without the hidden copy.
    const synced = (await http(app, 'GET', `/api/catalog?since=${before}`, tablet)).body;
    expect(synced.changed).toBe(true);
    expect(synced.catalog.menus.some((m: { id: string }) => m.id === copy.body.id)).toBe(false);

    // The copy is its own menu: editing it leaves the original alone.
    await http(app, 'PATCH', `/api/menus/${copy.body.id}`, store.adminToken, { price: 13000, labels: { ...labels, allergens: [] } });
    const again = (await http(app, 'GET', '/api/admin/catalog', store.adminToken)).body.menus.find((m: { id: string }) => m.id === menuId);
    expect(again).toMatchObject({ price: 12000, labels });
  });

  it('keeps a long name within the limit with the suffix, and leaves an empty English name empty', async () => {
    const long = '가'.repeat(80);
    await http(app, 'PATCH', `/api/menus/${idOf('last')}`, store.adminToken, { name: { ko: long, en: '' } });
    const copy = await http(app, 'POST', `/api/menus/${idOf('last')}/duplicate`, store.adminToken);
    expect(copy.status, JSON.stringify(copy.body)).toBe(201);
    expect(copy.body.name).toEqual({ ko: `${'가'.repeat(75)} (복사)`, en: '' });
  });

  it('answers NOT_FOUND for an unknown or deleted menu and FORBIDDEN for staff, and writes nothing', async () => {
    const count = async () => (await http(app, 'GET', '/api/admin/catalog', store.adminToken)).body.menus.length;
    const before = await count();
    const unknown = await http(app, 'POST', `/api/menus/${newId()}/duplicate`, store.adminToken);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const staff = await http(app, 'POST', `/api/menus/${idOf('first')}/duplicate`, store.staffToken);
    expect([staff.status, staff.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const deleted = (
      await http(app, 'POST', '/api/menus', store.adminToken, {
        categoryId: store.categoryId,
        name: { ko: '곧 삭제' },
        price: 1000,
        course: 'other',
      })
    ).body;
    await http(app, 'DELETE', `/api/menus/${deleted.id}`, store.adminToken);
    const gone = await http(app, 'POST', `/api/menus/${deleted.id}/duplicate`, store.adminToken);
    expect([gone.status, gone.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(await count()).toBe(before);
  });
});

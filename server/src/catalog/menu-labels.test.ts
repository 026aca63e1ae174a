import { NO_LABELS } from '@hiorder/domain/catalog/menu-labels';
import type { Menu } from '@hiorder/core/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStore, createTestApp, http, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

describe('menu labels: origin, allergens, spicy, new, best', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { old: { price: 9000 } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  const labels = {
    origin: '돼지고기: 국내산, 김치: 배추 국내산',
    allergens: ['pork', 'wheat', 'soybean'],
    spicy: 2,
    isNew: true,
    best: false,
  };

  it('keeps the labels an owner sets and shows them to tablets; menus without labels read as none', async () => {
    const created = await http(app, 'POST', '/api/menus', store.adminToken, {
      categoryId: store.categoryId,
      name: { ko: '김치찌개' },
      price: 9000,
      course: 'main',
      labels,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.labels).toEqual(labels);
    const patched = await http(app, 'PATCH', `/api/menus/${created.body.id}`, store.adminToken, {
      labels: { ...labels, best: true, spicy: 3 },
    });
    expect(patched.body.labels).toMatchObject({ best: true, spicy: 3, allergens: ['pork', 'wheat', 'soybean'] });
    // A row written before labels existed holds '{}' (the migration's default).
    await app
      .em()
      .getConnection()
      .execute("update menu set labels = '{}' where id = ?", [(store.menus.old as Menu).id]);
    const catalog = (await http(app, 'GET', '/api/catalog', tablet)).body.catalog;
    const byName = (ko: string) => catalog.menus.find((m: { name: { ko: string } }) => m.name.ko === ko);
    expect(byName('김치찌개').labels).toMatchObject({ best: true, origin: labels.origin });
    expect(byName('old').labels).toEqual(NO_LABELS);
  });

  it('rejects an allergen not on the Korean list, spiciness out of range and a long origin with VALIDATION_FAILED', async () => {
    for (const bad of [{ allergens: ['gluten'] }, { spicy: 4 }, { origin: 'x'.repeat(201) }, { allergens: ['egg', 'egg'] }]) {
      const res = await http(app, 'POST', '/api/menus', store.adminToken, {
        categoryId: store.categoryId,
        name: { ko: 'x' },
        price: 1000,
        course: 'main',
        labels: { ...labels, ...bad },
      });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

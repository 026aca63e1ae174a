import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStore, createTestApp, http, idemKey, pairKitchen, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

/** Sold out from the board and the kitchen display: staff may, unless the owner turned it off in the store settings. */
describe('POST /api/menus/:menuId/sold-out', () => {
  let app: TestApp;
  let store: StoreFixture;
  let kitchen: string;
  let tablet: string;
  let menuId: string;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { bulgogi: { price: 15000, course: 'main' } });
    kitchen = await pairKitchen(app, store);
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
    menuId = (store.menus.bulgogi as { id: string }).id;
  });
  afterAll(() => app.close());

  const soldOutOnTablet = async () => {
    const sync = await http(app, 'GET', '/api/catalog', tablet);
    return (sync.body.catalog.menus as { id: string; soldOut: boolean }[]).find((m) => m.id === menuId)?.soldOut;
  };
  const order = () => http(app, 'POST', '/api/orders', tablet, { idempotencyKey: idemKey(), lines: [{ menuId, qty: 1 }] });

  it('lets staff and the kitchen mark a menu sold out and back; tablets see it and cannot order it', async () => {
    const out = await http(app, 'POST', `/api/menus/${menuId}/sold-out`, store.staffToken, { soldOut: true });
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body.soldOut).toBe(true);
    expect(await soldOutOnTablet()).toBe(true);
    const refused = await order();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('MENU_UNAVAILABLE');
    const back = await http(app, 'POST', `/api/menus/${menuId}/sold-out`, kitchen, { soldOut: false });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(await soldOutOnTablet()).toBe(false);
    expect((await order()).status).toBe(201);
    expect((await http(app, 'POST', `/api/menus/${menuId}/sold-out`, tablet, { soldOut: true })).status).toBe(403);
  });

  it('refuses staff and the kitchen once the owner turns it off, changing nothing; the owner still may', async () => {
    const settings = (await http(app, 'GET', '/api/store/settings', store.adminToken)).body;
    expect((await http(app, 'PUT', '/api/store/settings', store.adminToken, { ...settings, staffMaySetSoldOut: false })).status).toBe(200);
    for (const token of [store.staffToken, kitchen]) {
      const answer = await http(app, 'POST', `/api/menus/${menuId}/sold-out`, token, { soldOut: true });
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('FORBIDDEN');
    }
    expect(await soldOutOnTablet()).toBe(false);
    expect((await http(app, 'POST', `/api/menus/${menuId}/sold-out`, store.adminToken, { soldOut: true })).status).toBe(200);
    expect(await soldOutOnTablet()).toBe(true);
    const bad = await http(app, 'POST', `/api/menus/${menuId}/sold-out`, store.adminToken, { soldOut: 'yes' });
    expect(bad.status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
import { buildStore, createTestApp, http, openSocket, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';
import { waitUntil } from '../testing/wait';

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('catalog management and sync by version', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { bulgogi: { price: 15000 }, secret: { hidden: true } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  it('sends the catalog only when the version moved, never hidden menus to tablets', async () => {
    const first = await http(app, 'GET', '/api/catalog', tablet);
    expect(first.body.changed).toBe(true);
    expect(first.body.catalog.menus.map((m: { name: { ko: string } }) => m.name.ko)).toEqual(['bulgogi']);
    const same = await http(app, 'GET', `/api/catalog?since=${first.body.version}`, tablet);
    expect(same.body).toEqual({ changed: false, version: first.body.version });
    const admin = await http(app, 'GET', '/api/admin/catalog', store.adminToken);
    expect(admin.body.menus).toHaveLength(2);
  });

  it('bumps the version and pushes catalog and sold-out changes to tablets at once', async () => {
    const socket = await openSocket(app, '/tablet', { token: tablet, catalogVersion: 999 });
    const pushes: { event: string; body: unknown }[] = [];
    socket.on('catalog:changed', (body) => pushes.push({ event: 'catalog:changed', body }));
    socket.on('stock:changed', (body) => pushes.push({ event: 'stock:changed', body }));
    const before = (await http(app, 'GET', '/api/catalog', tablet)).body.version;
    const menuId = (store.menus.bulgogi as Menu).id;
    const res = await http(app, 'PATCH', `/api/menus/${menuId}`, store.adminToken, { soldOut: true, price: 16000 });
    expect(res.body).toMatchObject({ soldOut: true, price: 16000 });
    const after = (await http(app, 'GET', '/api/catalog', tablet)).body.version;
    expect(after).toBe(before + 1);
    // The pushes travel after the commit (relay, then the socket): wait for them, bounded.
    await app.server.app.deps.relay.flush();
    await waitUntil('catalog:changed with the new version', () =>
      pushes.some((p) => p.event === 'catalog:changed' && (p.body as { version: number }).version === after),
    );
    await waitUntil('stock:changed naming the menu', () =>
      pushes.some((p) => p.event === 'stock:changed' && JSON.stringify(p.body).includes(menuId)),
    );
    socket.close();
  });

  it('creates, reorders and deletes categories and menus; refuses to delete a category with menus', async () => {
    const cat = await http(app, 'POST', '/api/categories', store.adminToken, { name: { ko: '음료', en: 'Drinks' }, station: 'bar' });
    expect(cat.status).toBe(201);
    const menu = await http(app, 'POST', '/api/menus', store.adminToken, {
      categoryId: cat.body.id,
      name: { ko: '콜라', en: 'Cola' },
      price: 2000,
      course: 'other',
      stock: 10,
    });
    expect(menu.status).toBe(201);
    expect((await http(app, 'DELETE', `/api/categories/${cat.body.id}`, store.adminToken)).body.error.code).toBe('CONFLICT');
    const order = await http(app, 'PUT', '/api/categories/order', store.adminToken, { ids: [cat.body.id, store.categoryId] });
    expect(order.body.map((c: { id: string }) => c.id)).toEqual([cat.body.id, store.categoryId]);
    expect((await http(app, 'DELETE', `/api/menus/${menu.body.id}`, store.adminToken)).status).toBe(204);
    expect(
      (await http(app, 'GET', '/api/admin/catalog', store.adminToken)).body.menus.some((m: { id: string }) => m.id === menu.body.id),
    ).toBe(false);
  });

  it('stores a photo by its bytes, refuses a non-image, and serves it', async () => {
    const menuId = (store.menus.bulgogi as Menu).id;
    const upload = (bytes: Buffer, type: string, name: string) => {
      const form = new FormData();
      form.append('photo', new Blob([bytes], { type }), name);
      return fetch(`${app.url}/api/menus/${menuId}/photo`, {
        method: 'POST',
        headers: { authorization: `Bearer ${store.adminToken}` },
        body: form,
      });
    };
    const fake = await upload(Buffer.from('<script>alert(1)</script>'), 'image/png', 'evil.png');
    expect(fake.status).toBe(415);
    const ok = await upload(PNG_1x1, 'image/png', 'dish.png');
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { photoUrl: string };
    expect(body.photoUrl).toMatch(/^\/photos\/.+\.png$/);
    const served = await fetch(`${app.url}${body.photoUrl}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
  });
});

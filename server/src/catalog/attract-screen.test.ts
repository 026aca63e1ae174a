import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_ATTRACT_SCREEN, type AttractScreen } from '@hiorder/domain/catalog/attract-screen';
import { CatalogSyncDtoSchema } from '@hiorder/domain/catalog/catalog.schemas';
import type { Menu } from '@hiorder/core/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStore, createTestApp, http, openSocket, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('the attract screen the owner controls', () => {
  let app: TestApp;
  let store: StoreFixture;
  let other: StoreFixture;
  let tablet: string;
  let otherTablet: string;

  const uploadImage = (token: string, bytes: Buffer = PNG_1x1) => {
    const form = new FormData();
    form.append('image', new Blob([bytes], { type: 'image/png' }), 'event.png');
    return fetch(`${app.url}/api/store/attract-screen/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  };
  const tabletCatalog = async (token: string) => {
    const answer = CatalogSyncDtoSchema.parse((await http(app, 'GET', '/api/catalog', token)).body);
    if (!answer.changed) throw new Error('expected a catalog');
    return answer.catalog;
  };
  const fileOf = (url: string) => join(app.server.app.deps.photosDir, url.replace('/photos/', ''));

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { bulgogi: { price: 15000 }, bibimbap: { price: 11000 } });
    other = await buildStore(app, { cola: { price: 2000, course: 'other' } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
    otherTablet = await pairTablet(app, other, other.tableIds[0] as string);
  });
  afterAll(() => app.close());

  it('starts on after two minutes with the plain screen, for staff to read and the tablet to keep with its catalog', async () => {
    expect((await http(app, 'GET', '/api/store/attract-screen', store.staffToken)).body).toEqual(DEFAULT_ATTRACT_SCREEN);
    expect((await tabletCatalog(tablet)).attract).toEqual(DEFAULT_ATTRACT_SCREEN);
  });

  it('lets only an admin set it, persists it, and hands it to the store’s tablets with a new catalog version', async () => {
    const bulgogi = (store.menus.bulgogi as Menu).id;
    const wanted: AttractScreen = {
      enabled: true,
      idleSeconds: 45,
      title: { ko: '봄맞이 이벤트', en: 'Spring event' },
      message: { ko: '불고기 주문 시 음료 무료', en: 'A free drink with every bulgogi' },
      slides: [{ kind: 'menu', menuId: bulgogi }],
    };
    const socket = await openSocket(app, '/tablet', { token: tablet, catalogVersion: 0 });
    const versions: number[] = [];
    socket.on('catalog:changed', (body: { version: number }) => versions.push(body.version));
    const before = (await tabletCatalog(tablet)).version;

    const refused = await http(app, 'PUT', '/api/store/attract-screen', store.staffToken, wanted);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');

    const saved = await http(app, 'PUT', '/api/store/attract-screen', store.adminToken, wanted);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toEqual(wanted);
    expect((await http(app, 'GET', '/api/store/attract-screen', store.adminToken)).body).toEqual(wanted);
    const catalog = await tabletCatalog(tablet);
    expect(catalog.attract).toEqual(wanted);
    expect(catalog.version).toBe(before + 1);
    await app.server.app.deps.relay.flush();
    await expect.poll(() => versions.includes(before + 1), { timeout: 10_000, message: 'catalog:changed pushed to the tablet' }).toBe(true);
    socket.close();

    // Another store's tablet keeps its own (default) screen; its admin can't read this one.
    expect((await tabletCatalog(otherTablet)).attract).toEqual(DEFAULT_ATTRACT_SCREEN);
    expect((await http(app, 'GET', '/api/store/attract-screen', other.adminToken)).body).toEqual(DEFAULT_ATTRACT_SCREEN);
  });

  it('refuses what a tablet could not show: out-of-range idle time, another store’s menu, an image not uploaded here', async () => {
    const base: AttractScreen = { ...DEFAULT_ATTRACT_SCREEN, slides: [] };
    const put = (body: unknown) => http(app, 'PUT', '/api/store/attract-screen', store.adminToken, body);
    expect((await put({ ...base, idleSeconds: 5 })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await put({ ...base, idleSeconds: 3600 })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await put({ ...base, extra: true })).body.error.code).toBe('VALIDATION_FAILED');
    const cola = (other.menus.cola as Menu).id;
    const foreign = await put({ ...base, slides: [{ kind: 'menu', menuId: cola }] });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    const stranger = await put({
      ...base,
      slides: [{ kind: 'image', imageUrl: '/photos/attract-abc-123.png', caption: { ko: '', en: '' } }],
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.code).toBe('VALIDATION_FAILED');
    const path = await put({ ...base, slides: [{ kind: 'image', imageUrl: '/photos/../../etc/passwd', caption: { ko: '', en: '' } }] });
    expect(path.body.error.code).toBe('VALIDATION_FAILED');
    const bulgogi = (store.menus.bulgogi as Menu).id;
    const twice = await put({
      ...base,
      slides: [
        { kind: 'menu', menuId: bulgogi },
        { kind: 'menu', menuId: bulgogi },
      ],
    });
    expect(twice.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('adds an uploaded event image as the last slide, serves it, keeps its caption, and deletes it once dropped', async () => {
    expect((await uploadImage(store.staffToken)).status).toBe(403);
    expect((await uploadImage(store.adminToken, Buffer.from('<svg onload=alert(1)>'))).status).toBe(415);

    const current = (await http(app, 'GET', '/api/store/attract-screen', store.adminToken)).body as AttractScreen;
    const uploaded = await uploadImage(store.adminToken);
    expect(uploaded.status).toBe(201);
    const screen = (await uploaded.json()) as AttractScreen;
    expect(screen.slides.slice(0, -1)).toEqual(current.slides);
    const slide = screen.slides.at(-1);
    if (slide?.kind !== 'image') throw new Error('expected an image slide last');
    expect(slide.imageUrl).toMatch(/^\/photos\/attract-[a-z0-9-]+\.png$/);
    const served = await fetch(`${app.url}${slide.imageUrl}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');

    // The owner captions it and puts it first.
    const captioned: AttractScreen = {
      ...screen,
      slides: [{ ...slide, caption: { ko: '봄 한정 메뉴', en: 'Spring only' } }, ...screen.slides.slice(0, -1)],
    };
    expect((await http(app, 'PUT', '/api/store/attract-screen', store.adminToken, captioned)).body).toEqual(captioned);
    expect((await tabletCatalog(tablet)).attract.slides[0]).toEqual(captioned.slides[0]);
    expect(existsSync(fileOf(slide.imageUrl))).toBe(true);

    // Dropped: gone from the screen and from the disk.
    const dropped = await http(app, 'PUT', '/api/store/attract-screen', store.adminToken, {
      ...captioned,
      slides: captioned.slides.slice(1),
    });
    expect(dropped.status).toBe(200);
    expect(existsSync(fileOf(slide.imageUrl))).toBe(false);
    expect((await fetch(`${app.url}${slide.imageUrl}`)).status).toBe(404);
  });

  it('stops at eight slides and keeps no file of a refused upload', async () => {
    const base = (await http(app, 'GET', '/api/store/attract-screen', store.adminToken)).body as AttractScreen;
    expect((await http(app, 'PUT', '/api/store/attract-screen', store.adminToken, { ...base, slides: [] })).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await uploadImage(store.adminToken)).status).toBe(201);
    const full = (await http(app, 'GET', '/api/store/attract-screen', store.adminToken)).body as AttractScreen;
    expect(full.slides).toHaveLength(8);
    const ninth = await uploadImage(store.adminToken);
    expect(ninth.status).toBe(409);
    expect(((await ninth.json()) as { error: { code: string } }).error.code).toBe('CONFLICT');
    const files = (await readdir(app.server.app.deps.photosDir)).filter((f) => f.startsWith('attract-'));
    expect(files.sort()).toEqual(full.slides.map((s) => (s.kind === 'image' ? s.imageUrl.replace('/photos/', '') : '')).sort());
  });

  it('turns off and back on, keeping what it shows', async () => {
    const current = (await http(app, 'GET', '/api/store/attract-screen', store.adminToken)).body as AttractScreen;
    const off = await http(app, 'PUT', '/api/store/attract-screen', store.adminToken, { ...current, enabled: false });
    expect(off.body.enabled).toBe(false);
    expect((await tabletCatalog(tablet)).attract).toEqual({ ...current, enabled: false });
  });
});

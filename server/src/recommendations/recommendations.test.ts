import type { RecommendationsDto } from '@hiorder/domain/recommendations/recommendations.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Menu } from '@hiorder/core/catalog';
import { recordOrderHistory, type HistoryVisit } from '../testing/order-history';
import { buildStore, createTestApp, http, openSocket, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

describe('recommendations', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;
  const id = (key: string) => (store.menus[key] as Menu).id;

  beforeAll(async () => {
    app = await createTestApp({ RECOMMENDATIONS_PUSH_INTERVAL_MS: '0' });
    store = await buildStore(
      app,
      {
        galbi: { price: 30000 },
        rice: { price: 1000, course: 'side' },
        naengmyeon: { price: 12000 },
        soju: { price: 5000, course: 'other' },
        cider: { price: 2000, course: 'other' },
        pick: { price: 8000 },
      },
      3,
    );
    await app.em().nativeUpdate(Menu, { id: { $in: [id('pick'), id('cider')] } }, { recommended: true });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  const recommend = async (...cart: string[]): Promise<RecommendationsDto> => {
    const res = await http(app, 'GET', `/api/recommendations${cart.length ? `?menuIds=${cart.join(',')}` : ''}`, tablet);
    expect(res.status).toBe(200);
    return res.body as RecommendationsDto;
  };

  it('falls back to the menus the owner picked on a store without history', async () => {
    // In menu order.
    expect(await recommend()).toEqual({ popular: [id('cider'), id('pick')], pairsWith: [id('cider'), id('pick')] });
    expect((await recommend(id('pick'))).pairsWith).toEqual([id('cider')]);
  });

  it('ranks first what is mostly ordered with a menu ("goes well with"), counting a visit as one basket', async () => {
    const now = Date.now();
    // All within the last seconds, so every order falls in the current hour of day: "popular now" weighs the
    // hour, and a history spread over an hour boundary would rank differently depending on the clock.
    const at = (i: number) => new Date(now - (60 - i) * 100);
    const one = (lines: string[], i: number) => ({ lines: lines.map((k) => ({ menuId: id(k), qty: 1 })), paidAt: at(i) });
    const visits: HistoryVisit[] = [];
    const table = (i: number) => store.tableIds[i % 3] as string;
    // galbi with rice in 6 visits (one of them across two orders of the visit); galbi with soju in 2; soju is
    // popular on its own (naengmyeon + soju in 6 visits).
    for (let i = 0; i < 5; i++) visits.push({ tableId: table(i), orders: [one(['galbi', 'rice'], i)] });
    visits.push({ tableId: table(5), orders: [one(['galbi'], 5), one(['rice'], 6)] });
    for (let i = 0; i < 2; i++) visits.push({ tableId: table(i), orders: [one(['galbi', 'soju'], 10 + i)] });
    for (let i = 0; i < 6; i++) visits.push({ tableId: table(i), orders: [one(['naengmyeon', 'soju'], 20 + i)] });
    const socket = await openSocket(app, '/tablet', { token: tablet });
    const pushed = new Promise<{ storeId: string }>((resolve) => socket.once('recommendations:updated', resolve));
    await recordOrderHistory(app, store, visits);
    await app.server.app.deps.relay.flush();
    expect(await pushed).toEqual({ storeId: store.storeId });
    socket.close();

    const withGalbi = await recommend(id('galbi'));
    expect(withGalbi.pairsWith[0]).toBe(id('rice'));
    expect(withGalbi.pairsWith).toContain(id('soju'));
    expect(withGalbi.pairsWith).not.toContain(id('galbi'));
    // Popular now: soju (8 visits) and galbi (8) lead; never the cold picks while there is history.
    expect(withGalbi.popular.slice(0, 2).sort()).toEqual([id('galbi'), id('soju')].sort());
    expect(withGalbi.popular).not.toContain(id('pick'));
    expect((await recommend(id('naengmyeon'))).pairsWith[0]).toBe(id('soju'));
  });

  it('never shows a sold-out, hidden or out-of-stock menu', async () => {
    await app.em().nativeUpdate(Menu, { id: id('rice') }, { soldOut: true });
    await app.em().nativeUpdate(Menu, { id: id('soju') }, { stock: 0 });
    await app.em().nativeUpdate(Menu, { id: id('naengmyeon') }, { hidden: true });
    const result = await recommend(id('galbi'));
    for (const gone of ['rice', 'soju', 'naengmyeon']) {
      expect(result.popular).not.toContain(id(gone));
      expect(result.pairsWith).not.toContain(id(gone));
    }
    expect(result.popular[0]).toBe(id('galbi'));
  });

  it('refuses a bad menu id', async () => {
    expect((await http(app, 'GET', '/api/recommendations?menuIds=nope', tablet)).status).toBe(400);
  });
});

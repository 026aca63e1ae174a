import type { OrderDto, PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { storeLocalTime } from '@hiorder/domain/shared/store-time';
import type { SalesSummaryDto } from '@hiorder/domain/stats/stats.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
import { Order, presentOrder } from '@hiorder/core/ordering';
import { applyOnce, inProcessPublisher, eventsSince, EVENT_PROCESSORS } from '@hiorder/core/outbox';
import { recordOrderHistory, type HistoryVisit } from '../testing/order-history';
import {
  authorizeCard,
  buildStore,
  createTestApp,
  http,
  idemKey,
  openSocket,
  pairTablet,
  type StoreFixture,
  type TestApp,
} from '../testing/test-app';
import { statsProcessor } from '@hiorder/core/stats';
import { sqlOf } from '@hiorder/core/db';

/**
 * What the dashboard must show, recounted straight from the orders table (the oracle): a cancelled (refunded) order
 * is refunded whole; otherwise its partial refunds (`refunded`, and each line's `refundedQty`) come off.
 */
function recount(orders: readonly OrderDto[], from: string, to: string, timeZone: string) {
  const paid = orders
    .filter((o) => o.paidAt !== null)
    .map((o) => ({ o, at: storeLocalTime(new Date(o.paidAt as string), timeZone), refunded: o.status === 'cancelled' }))
    .filter(({ at }) => at.day >= from && at.day <= to);
  const refundOf = (x: (typeof paid)[number]) => (x.refunded ? x.o.total : x.o.refunded);
  const sum = (list: typeof paid) => {
    const gross = list.reduce((s, x) => s + x.o.total, 0);
    const refunds = list.reduce((s, x) => s + refundOf(x), 0);
    const refundedOrders = list.filter((x) => x.refunded).length;
    const items = list.filter((x) => !x.refunded).reduce((s, x) => s + x.o.lines.reduce((n, l) => n + l.qty - l.refundedQty, 0), 0);
    const kept = list.length - refundedOrders;
    return {
      orders: list.length,
      refundedOrders,
      items,
      gross,
      refunds,
      net: gross - refunds,
      averageTicket: kept ? Math.round((gross - refunds) / kept) : 0,
    };
  };
  const byMenu = new Map<string, { net: number; qty: number }>();
  for (const { o, refunded } of paid) {
    if (refunded) continue;
    for (const l of o.lines) {
      const m = byMenu.get(l.menuId) ?? { net: 0, qty: 0 };
      m.net += l.lineTotal - l.unitPrice * l.refundedQty;
      m.qty += l.qty - l.refundedQty;
      byMenu.set(l.menuId, m);
    }
  }
  const byMethod = new Map<string, { orders: number; gross: number; refunds: number; net: number }>();
  for (const x of paid) {
    const method = methodOf(x.o);
    const m = byMethod.get(method) ?? { orders: 0, gross: 0, refunds: 0, net: 0 };
    m.orders += 1;
    m.gross += x.o.total;
    m.refunds += refundOf(x);
    m.net = m.gross - m.refunds;
    byMethod.set(method, m);
  }
  const days = [...new Set(paid.map((x) => x.at.day))].sort();
  return {
    totals: sum(paid),
    byDay: Object.fromEntries(days.map((d) => [d, sum(paid.filter((x) => x.at.day === d))])),
    byHour: Array.from({ length: 24 }, (_, h) => sum(paid.filter((x) => x.at.hour === h))),
    byMenu,
    byTable: new Map([...new Set(paid.map((x) => x.o.tableId))].map((t) => [t, sum(paid.filter((x) => x.o.tableId === t))])),
    byMethod,
  };
}

/** How each generated order was paid: a function of its id, so the oracle and the generator agree. */
const METHODS = ['easy_pay', 'cash', 'card_terminal'] as const;
const methodByOrder = new Map<string, PaymentMethod>();
const methodOf = (o: OrderDto): PaymentMethod => methodByOrder.get(o.id) ?? 'easy_pay';

describe('sales statistics', () => {
  let app: TestApp;
  let store: StoreFixture;
  const menu = (key: string) => (store.menus[key] as Menu).id;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(
      app,
      {
        bulgogi: { price: 15000 },
        bibimbap: { price: 11000 },
        pajeon: { price: 9000, course: 'side' },
        cola: { price: 2000, course: 'other' },
      },
      4,
    );
  });
  afterAll(() => app.close());

  const summary = async (from: string, to: string): Promise<SalesSummaryDto> => {
    // Retried once: after a long stretch of database work, the client may reuse a keep-alive socket the server closed.
    const get = () => http(app, 'GET', `/api/stats/summary?from=${from}&to=${to}`, store.staffToken);
    const res = await get().catch(get);
    expect(res.status).toBe(200);
    return res.body as SalesSummaryDto;
  };
  const storeOrders = async () =>
    (await app.em().find(Order, { store: store.storeId }, { populate: ['lines'] })).map((o) => presentOrder(o));

  it('counts a paid order and its refund through the real payment path, and pushes stats:updated to staff', async () => {
    const staffSocket = await openSocket(app, '/staff', { token: store.staffToken });
    const pushed = new Promise<{ storeId: string }>((resolve) => staffSocket.once('stats:updated', resolve));
    const tablet = await pairTablet(app, store, store.tableIds[3] as string);
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [
        { menuId: menu('bulgogi'), qty: 2 },
        { menuId: menu('cola'), qty: 1 },
      ],
    });
    expect(placed.status).toBe(201);
    const paymentKey = await authorizeCard(app, placed.body.id, placed.body.total, SANDBOX_CARDS.approve);
    expect((await http(app, 'POST', `/api/orders/${placed.body.id}/pay`, tablet, { paymentKey })).status).toBe(200);
    await app.server.app.deps.relay.flush();
    expect(await pushed).toEqual({ storeId: store.storeId });
    staffSocket.close();

    const today = storeLocalTime(new Date(), 'Asia/Seoul').day;
    const paid = await summary(today, today);
    expect(paid.totals).toEqual({ orders: 1, refundedOrders: 0, items: 3, gross: 32000, refunds: 0, net: 32000, averageTicket: 32000 });
    expect(paid.byMenu.map((m) => [m.name.ko, m.items, m.net])).toEqual([
      ['bulgogi', 2, 30000],
      ['cola', 1, 2000],
    ]);
    expect(paid.byCategory).toEqual([
      expect.objectContaining({ categoryId: store.categoryId, name: { ko: '메뉴', en: 'Menu' }, orders: 1, net: 32000 }),
    ]);
    expect(paid.byTable).toEqual([expect.objectContaining({ tableId: store.tableIds[3], label: 'T4', net: 32000 })]);

    const cancelled = await http(app, 'POST', `/api/orders/${placed.body.id}/cancel`, store.staffToken, { reason: 'guest left' });
    expect(cancelled.body.status).toBe('cancelled');
    await app.server.app.deps.relay.flush();
    const refunded = await summary(today, today);
    expect(refunded.totals).toEqual({ orders: 1, refundedOrders: 1, items: 0, gross: 32000, refunds: 32000, net: 0, averageTicket: 0 });
  });

  it('matches a recount from the orders table for 300 generated orders across a midnight in Asia/Seoul, with refunds', async () => {
    // 2025-05-01 22:00 to 2025-05-02 02:00 in Seoul (13:00Z to 17:00Z): two store days, hours 22, 23, 0, 1.
    const start = Date.parse('2025-05-01T13:00:00Z');
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const menus = ['bulgogi', 'bibimbap', 'pajeon', 'cola'];
    const visits: HistoryVisit[] = [];
    // Two orders per visit: 150 visits over three tables.
    for (let i = 0; i < 300; i++) {
      const paidAt = new Date(start + Math.floor(random() * 4 * 3600_000));
      const lines = [{ menuId: menu(menus[i % 2] as string), qty: 1 + Math.floor(random() * 3) }];
      if (random() < 0.5) lines.push({ menuId: menu(menus[2 + (i % 2)] as string), qty: 1 + Math.floor(random() * 2) });
      const refundedAt = random() < 0.15 ? new Date(paidAt.getTime() + 600_000) : undefined;
      const first = lines[0] as { qty: number };
      // One of the first line refunded in part (never all that is left: that is a cancel), before any cancel.
      const partial =
        first.qty >= 2 && random() < 0.25 ? { at: new Date(paidAt.getTime() + 300_000), lines: [{ index: 0, qty: 1 }] } : undefined;
      const method = METHODS[Math.floor(random() * METHODS.length)] as PaymentMethod;
      const order = { lines, paidAt, method, ...(partial ? { partialRefund: partial } : {}), ...(refundedAt ? { refundedAt } : {}) };
      if (i % 2 === 1) visits.at(-1)?.orders.push(order);
      else visits.push({ tableId: store.tableIds[(i / 2) % 3] as string, orders: [order] });
    }
    const ids = await recordOrderHistory(app, store, visits);
    const generated = visits.flatMap((v) => v.orders);
    ids.forEach((id, i) => methodByOrder.set(id, generated[i]?.method ?? 'easy_pay'));
    await app.server.app.deps.relay.flush();

    const expected = recount(await storeOrders(), '2025-05-01', '2025-05-02', 'Asia/Seoul');
    expect(expected.totals.orders).toBe(300);
    expect(expected.totals.refundedOrders).toBeGreaterThan(20);
    const partlyRefunded = (await storeOrders()).filter((o) => o.refunds.length > 0);
    expect(partlyRefunded.length).toBeGreaterThan(20);
    expect(partlyRefunded.filter((o) => o.status === 'cancelled').length).toBeGreaterThan(0);
    expect(Object.keys(expected.byDay)).toEqual(['2025-05-01', '2025-05-02']);

    const got = await summary('2025-05-01', '2025-05-02');
    const { day: _d, ...first } = got.byDay[0] as SalesSummaryDto['byDay'][number];
    const { day: _e, ...second } = got.byDay[1] as SalesSummaryDto['byDay'][number];
    expect(got.totals).toEqual(expected.totals);
    expect(first).toEqual(expected.byDay['2025-05-01']);
    expect(second).toEqual(expected.byDay['2025-05-02']);
    expect(got.byHour.map(({ hour: _h, ...f }) => f)).toEqual(expected.byHour);
    expect(new Map(got.byMenu.map((m) => [m.menuId, { net: m.net, qty: m.items }]))).toEqual(expected.byMenu);
    expect(new Map(got.byTable.map(({ tableId, label: _l, ...f }) => [tableId, f]))).toEqual(expected.byTable);
    expect(new Map(got.byMethod.filter((m) => m.orders > 0).map(({ method, ...f }) => [method, f]))).toEqual(expected.byMethod);
    // A single day reads only its own buckets.
    expect((await summary('2025-05-02', '2025-05-02')).totals).toEqual(expected.byDay['2025-05-02']);
    // A bound of 5 minutes: 300 orders with refunds ran past 60 s on a loaded machine (16 s when quiet).
  }, 300_000);

  it('applies the same event once: a second delivery, in-process or by applyOnce, changes nothing', async () => {
    const before = await summary('2025-05-01', '2025-05-02');
    const page = await eventsSince(sqlOf(app.em()), store.storeId, 0, 1000);
    const paidEvents = page.events.filter((e) => e.type === 'order.paid' || e.type === 'order.cancelled' || e.type === 'order.refunded');
    expect(paidEvents.length).toBeGreaterThan(300);
    expect(await applyOnce(app.server.orm, statsProcessor, paidEvents[1] as (typeof paidEvents)[number])).toBe(false);
    await inProcessPublisher(app.server.orm, EVENT_PROCESSORS).publish(paidEvents);
    expect(await summary('2025-05-01', '2025-05-02')).toEqual(before);
  });

  it('refuses a range that ends before it starts, and a tablet', async () => {
    expect((await http(app, 'GET', '/api/stats/summary?from=2025-05-02&to=2025-05-01', store.staffToken)).status).toBe(400);
    expect((await http(app, 'GET', '/api/stats/summary?from=2025-5-2', store.staffToken)).status).toBe(400);
    const tablet = await pairTablet(app, store, store.tableIds[0] as string);
    expect((await http(app, 'GET', '/api/stats/summary', tablet)).status).toBe(403);
  });
});

import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { Menu } from '@hiorder/core/catalog';
import { sqlOf } from '@hiorder/core/db';
import { Order } from '@hiorder/core/ordering';
import { applyBatchOnce, eventsSince, EVENT_PROCESSORS } from '@hiorder/core/outbox';
import { buildStore, createTestApp, pairTablet, type StoreFixture, type TestApp } from '@hiorder/server/testing/test-app';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeAndPay, recountToday, todaysTotals } from './testing/paid-orders';
import { historyRows, popularity, recountHistory, recountPopularity, samePopularity } from './testing/read-models';
import { ensureRedisRunning, TEST_REDIS_URL, uniqueQueuePrefix } from './testing/redis';

/**
 * Batches are aggregated in memory (one upsert per bucket, pairs counted per batch, each order's newest history
 * row): whatever the cut, the order and the duplicates, the read models must equal a recount from the orders table.
 * The server forwards its events to a queue no worker reads; the test applies them itself, in random batches.
 */
describe('read models applied in random batches', () => {
  let app: TestApp;
  let store: StoreFixture;

  beforeAll(async () => {
    await ensureRedisRunning();
    app = await createTestApp({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: uniqueQueuePrefix('batches') });
    store = await buildStore(app, { bulgogi: { price: 15000 }, cola: { price: 2000, course: 'other' }, rice: { price: 1000 } });
  });
  afterAll(async () => {
    await app?.close();
  });

  /** A small seeded generator (mulberry32): a failing cut can be replayed. */
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  /** Per menu: paid orders holding it, items, gross — from the orders table. */
  const recountMenus = async (): Promise<string[]> => {
    const orders = await app.em().find(Order, { store: store.storeId, paidAt: { $ne: null } }, { populate: ['lines'] });
    const byMenu = new Map<string, { orders: number; items: number; gross: number }>();
    for (const order of orders) {
      const seen = new Set<string>();
      for (const line of order.lines) {
        const m = byMenu.get(line.menuId) ?? { orders: 0, items: 0, gross: 0 };
        if (!seen.has(line.menuId)) m.orders += 1;
        seen.add(line.menuId);
        m.items += line.qty;
        m.gross += line.unitPrice * line.qty;
        byMenu.set(line.menuId, m);
      }
    }
    return [...byMenu].map(([id, m]) => `${id} ${m.orders} ${m.items} ${m.gross}`).sort();
  };
  const menuBuckets = async (): Promise<string[]> => {
    const rows = await app
      .em()
      .getConnection()
      .execute<{ bucket_key: string; orders: number; items: number; gross: number }[]>(
        `select bucket_key, sum(orders) as orders, sum(items) as items, sum(gross) as gross from sales_bucket
          where store_id = ? and dimension = 'menu' group by bucket_key`,
        [store.storeId],
      );
    return rows.map((r) => `${r.bucket_key} ${Number(r.orders)} ${Number(r.items)} ${Number(r.gross)}`).sort();
  };

  /** Shared visits per (menu, other menu), the diagonal included: every pair of the menus each visit paid for. */
  const recountPairings = async (): Promise<string[]> => {
    const orders = await app.em().find(Order, { store: store.storeId, paidAt: { $ne: null } }, { populate: ['lines'] });
    const visits = new Map<string, Set<string>>();
    for (const order of orders) {
      const menus = visits.get(order.visit.id) ?? new Set<string>();
      for (const line of order.lines) menus.add(line.menuId);
      visits.set(order.visit.id, menus);
    }
    const pairs = new Map<string, number>();
    for (const menus of visits.values())
      for (const a of menus) for (const b of menus) pairs.set(`${a} ${b}`, (pairs.get(`${a} ${b}`) ?? 0) + 1);
    return [...pairs].map(([k, n]) => `${k} ${n}`).sort();
  };
  const pairings = async (): Promise<string[]> => {
    const rows = await app
      .em()
      .getConnection()
      .execute<{ menu_id: string; other_menu_id: string; visits: number }[]>(
        'select menu_id, other_menu_id, visits from menu_pairing where store_id = ?',
        [store.storeId],
      );
    return rows.map((r) => `${r.menu_id} ${r.other_menu_id} ${Number(r.visits)}`).sort();
  };

  it('equal a recount from the orders whatever the cut, the order and the duplicates', async () => {
    const next = random(17);
    const menus = ['bulgogi', 'cola', 'rice'].map((name) => (store.menus[name] as Menu).id);
    const tablets = [await pairTablet(app, store, store.tableIds[0] as string), await pairTablet(app, store, store.tableIds[1] as string)];
    for (let i = 0; i < 14; i++) {
      const picked = menus.filter(() => next() < 0.5);
      const lines = (picked.length > 0 ? picked : [menus[i % 3] as string]).map((menuId) => ({ menuId, qty: 1 + Math.floor(next() * 3) }));
      await placeAndPay(app, tablets[i % 2] as string, lines);
    }
    await app.server.app.deps.relay.flush();
    const events: DomainEvent[] = (await eventsSince(sqlOf(app.em()), store.storeId, 0, 10_000)).events;
    expect(events.filter((e) => e.type === 'order.paid')).toHaveLength(14);

    // Shuffled (history must converge by seq), cut at random, a third of the batches delivered twice.
    const shuffled = [...events].sort(() => next() - 0.5);
    const batches: DomainEvent[][] = [];
    for (let i = 0; i < shuffled.length;) {
      const size = 1 + Math.floor(next() * 12);
      batches.push(shuffled.slice(i, i + size));
      i += size;
    }
    for (const batch of [...batches, ...batches.filter(() => next() < 0.34)].sort(() => next() - 0.5)) {
      // A batch may also carry an event twice.
      const withDuplicate = next() < 0.3 ? [...batch, batch[0] as DomainEvent] : batch;
      for (const processor of EVENT_PROCESSORS) await applyBatchOnce(app.server.orm, processor, withDuplicate);
    }

    const [totals, recount] = await Promise.all([todaysTotals(app, store), recountToday(app, store)]);
    expect(totals).toMatchObject({ orders: recount.orders, gross: recount.gross });
    expect(recount.orders).toBe(14);
    expect(await menuBuckets()).toEqual(await recountMenus());
    expect(await pairings()).toEqual(await recountPairings());
    expect(samePopularity(await popularity(app, store), await recountPopularity(app, store))).toBe(true);
    expect(await historyRows(app, store)).toEqual(await recountHistory(app, store));
    const markers = await app
      .em()
      .getConnection()
      .execute<{ n: number }[]>(`select count(*) as n from processed_event where event_id in (${events.map(() => '?').join(', ')})`, [
        ...events.map((e) => e.id),
      ]);
    const handled = events.reduce(
      (n, e) => n + EVENT_PROCESSORS.filter((p) => (p.handles as readonly string[]).includes(e.type)).length,
      0,
    );
    expect(Number(markers[0]?.n)).toBe(handled);
  });
});

import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { Menu } from '@hiorder/core/catalog';
import { sqlOf } from '@hiorder/core/db';
import { Order } from '@hiorder/core/ordering';
import { applyBatchOnce, eventsSince, EVENT_PROCESSORS } from '@hiorder/core/outbox';
import { buildStore, createTestCore, pairTablet, type StoreFixture, type TestCore } from '@hiorder/core/testing';
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
  let core: TestCore;
  let store: StoreFixture;

  beforeAll(async () => {
    await ensureRedisRunning();
    core = await createTestCore({ redisUrl: TEST_REDIS_URL, queuePrefix: uniqueQueuePrefix('batches') });
    store = await buildStore(core, { bulgogi: { price: 15000 }, cola: { price: 2000, course: 'other' }, rice: { price: 1000 } });
  });
  afterAll(async () => {
    await core?.close();
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
    const orders = await core.em().find(Order, { store: store.storeId, paidAt: { $ne: null } }, { populate: ['lines'] });
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
    const rows = await core
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
    const orders = await core.em().find(Order, { store: store.storeId, paidAt: { $ne: null } }, { populate: ['lines'] });
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
    const rows = await core
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
    const tablets = [
      await pairTablet(core, store, store.tableIds[0] as string),
      await pairTablet(core, store, store.tableIds[1] as string),
    ];
    for (let i = 0; i < 14; i++) {
      const picked = menus.filter(() => next() < 0.5);
      const lines = (picked.length > 0 ? picked : [menus[i % 3] as string]).map((menuId) => ({ menuId, qty: 1 + Math.floor(next() * 3) }));
      await placeAndPay(core, tablets[i % 2] as string, lines);
    }
    await core.relay.flush();
    const events: DomainEvent[] = (await eventsSince(sqlOf(core.em()), store.storeId, 0, 10_000)).events;
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
      for (const processor of EVENT_PROCESSORS) await applyBatchOnce(core.orm, processor, withDuplicate);
    }

    const [totals, recount] = await Promise.all([todaysTotals(core, store), recountToday(core, store)]);
    expect(totals).toMatchObject({ orders: recount.orders, gross: recount.gross });
    expect(recount.orders).toBe(14);
    expect(await menuBuckets()).toEqual(await recountMenus());
    expect(await pairings()).toEqual(await recountPairings());
    expect(samePopularity(await popularity(core, store), await recountPopularity(core, store))).toBe(true);
    expect(await historyRows(core, store)).toEqual(await recountHistory(core, store));
    const markers = await core
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

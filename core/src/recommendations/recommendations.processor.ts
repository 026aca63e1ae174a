import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { DEFAULT_TIME_ZONE, storeLocalTime } from '@hiorder/domain/shared/store-time';
import type { SqlSession } from '../db/direct-sql';
import { storeTimeZone } from '../identity/store.repository';
import type { EventProcessor } from '../outbox/event-processor';
import { decayedWeight } from './recommendation-scoring';
import { addMenuPairings, addMenuPopularity, lockVisitBaskets, saveVisitBaskets } from './recommendations.repository';

/**
 * Recommendations from order data. `order.paid` adds each line's quantity, time-weighted, to its menu's
 * popularity at the store-local hour of payment, and counts the visit's basket: every menu new to the visit
 * pairs once with every menu already in it (and with itself, the diagonal). `order.cancelled` with `refunded`
 * takes the popularity back; pairings stay (guests chose them together). Run through `applyBatchOnce` (once per
 * event, I6): a batch's popularity is summed per (store, menu, hour) and its pairs counted in memory, each visit's
 * basket locked once. Commutative: popularity is a sum, and a visit's pairs end as every pair of the menus it
 * paid for whatever order its orders come in. Throws nothing of its own; a database error fails the transaction
 * and the batch is retried.
 */
export const recommendationsProcessor: EventProcessor = {
  name: 'recommendations',
  handles: ['order.paid', 'order.cancelled'] as const,
  handle(event: DomainEvent, ctx: { sql: SqlSession }): Promise<void> {
    return applyRecommendations([event], ctx.sql);
  },
  handleBatch(events: readonly DomainEvent[], ctx: { sql: SqlSession }): Promise<void> {
    return applyRecommendations(events, ctx.sql);
  },
};

type Popularity = { menuId: string; hourOfDay: number; weight: number };

async function applyRecommendations(events: readonly DomainEvent[], sql: SqlSession): Promise<void> {
  const now = new Date();
  const zones = new Map<string, string>();
  const popularity = new Map<string, Map<string, Popularity>>();
  /** Each paid order's menus, per visit, in event order. */
  const visits = new Map<string, { storeId: string; orders: string[][] }>();
  for (const event of events) {
    if (event.type !== 'order.paid' && !(event.type === 'order.cancelled' && event.payload.refunded)) continue;
    const order = event.payload.order;
    if (!order.paidAt) continue;
    const paidAt = new Date(order.paidAt);
    let timeZone = zones.get(event.storeId);
    if (timeZone === undefined) zones.set(event.storeId, (timeZone = (await storeTimeZone(sql, event.storeId)) ?? DEFAULT_TIME_ZONE));
    const { hour } = storeLocalTime(paidAt, timeZone);
    const sign = event.type === 'order.paid' ? 1 : -1;
    const qtyByMenu = new Map<string, number>();
    for (const line of order.lines) qtyByMenu.set(line.menuId, (qtyByMenu.get(line.menuId) ?? 0) + line.qty);
    let store = popularity.get(event.storeId);
    if (!store) popularity.set(event.storeId, (store = new Map()));
    for (const [menuId, qty] of qtyByMenu) {
      const key = `${menuId}|${hour}`;
      const weight = sign * qty * decayedWeight(paidAt);
      const seen = store.get(key);
      if (seen) seen.weight += weight;
      else store.set(key, { menuId, hourOfDay: hour, weight });
    }
    if (event.type !== 'order.paid') continue;
    let visit = visits.get(order.visitId);
    if (!visit) visits.set(order.visitId, (visit = { storeId: event.storeId, orders: [] }));
    visit.orders.push([...qtyByMenu.keys()]);
  }
  for (const [storeId, rows] of [...popularity].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...rows.values()].sort((a, b) => a.menuId.localeCompare(b.menuId) || a.hourOfDay - b.hourOfDay);
    for (let i = 0; i < sorted.length; i += 300) await addMenuPopularity(sql, storeId, sorted.slice(i, i + 300), now);
  }
  if (visits.size === 0) return;

  const baskets = await lockVisitBaskets(
    sql,
    [...visits].map(([visitId, v]) => ({ visitId, storeId: v.storeId })),
    now,
  );
  const pairCounts = new Map<string, Map<string, number>>();
  const changed = new Map<string, string[]>();
  for (const [visitId, visit] of visits) {
    const basket = [...(baskets.get(visitId) ?? [])];
    const before = basket.length;
    let counts = pairCounts.get(visit.storeId);
    if (!counts) pairCounts.set(visit.storeId, (counts = new Map()));
    for (const menus of visit.orders) {
      const known = new Set(basket);
      const added = menus.filter((id) => !known.has(id)).sort();
      for (const [a, b] of pairsOf(known, added)) counts.set(`${a}|${b}`, (counts.get(`${a}|${b}`) ?? 0) + 1);
      basket.push(...added);
    }
    if (basket.length > before) changed.set(visitId, basket);
  }
  for (const [storeId, counts] of [...pairCounts].sort(([a], [b]) => a.localeCompare(b))) {
    await addMenuPairings(
      sql,
      storeId,
      [...counts].map(([key, visits]) => {
        const [menuId = '', otherMenuId = ''] = key.split('|');
        return { menuId, otherMenuId, visits };
      }),
    );
  }
  await saveVisitBaskets(sql, changed);
}

/**
 * The pairs an order adds to its visit: each new menu with itself (the diagonal), with every menu already in the
 * basket (both directions), and with every other new menu (each unordered pair once, both directions).
 */
function pairsOf(known: ReadonlySet<string>, added: readonly string[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (const menuId of added) {
    pairs.push([menuId, menuId]);
    for (const other of [...known, ...added]) {
      if (other === menuId) continue;
      if (known.has(other)) pairs.push([menuId, other], [other, menuId]);
      else if (menuId < other) pairs.push([menuId, other], [other, menuId]);
    }
  }
  return pairs;
}

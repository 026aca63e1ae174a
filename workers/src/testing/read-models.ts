import { Order } from '@hiorder/core/ordering';
import { decayedWeight } from '@hiorder/core/recommendations';
import type { StoreFixture, TestCore } from '@hiorder/core/testing';

/**
 * Read models against a recount from the orders table (the oracle), beyond today's sales figures
 * (`paid-orders.ts`): the order history and the recommendations' popularity.
 */

/** Each order's history row as the orders table says it should be: `id status total`, sorted. */
export async function recountHistory(core: TestCore, store: StoreFixture): Promise<string[]> {
  const orders = await core.em().find(Order, { store: store.storeId });
  return orders.map((o) => `${o.id} ${o.status} ${o.total}`).sort();
}

/** The order history read model, in the same shape. */
export async function historyRows(core: TestCore, store: StoreFixture): Promise<string[]> {
  const rows = await core
    .em()
    .getConnection()
    .execute<{ order_id: string; status: string; total: number }[]>(
      'select order_id, status, total from order_history where store_id = ?',
      [store.storeId],
    );
  return rows.map((r) => `${r.order_id} ${r.status} ${Number(r.total)}`).sort();
}

/** Popularity each menu should have: the paid orders' quantities, time-weighted as the processor weighs them. */
export async function recountPopularity(core: TestCore, store: StoreFixture): Promise<Map<string, number>> {
  const orders = await core.em().find(Order, { store: store.storeId, paidAt: { $ne: null } }, { populate: ['lines'] });
  const byMenu = new Map<string, number>();
  for (const order of orders) {
    for (const line of order.lines)
      byMenu.set(line.menuId, (byMenu.get(line.menuId) ?? 0) + line.qty * decayedWeight(order.paidAt as Date));
  }
  return byMenu;
}

/** The popularity read model, summed over the hours of the day. */
export async function popularity(core: TestCore, store: StoreFixture): Promise<Map<string, number>> {
  const rows = await core
    .em()
    .getConnection()
    .execute<{ menu_id: string; score: number }[]>(
      'select menu_id, sum(score) as score from menu_popularity where store_id = ? group by menu_id',
      [store.storeId],
    );
  return new Map(rows.map((r) => [r.menu_id, Number(r.score)]));
}

/** Whether two popularity maps agree (sums of floating weights: equal to a relative 1e-9). */
export function samePopularity(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [menuId, score] of a) {
    const other = b.get(menuId);
    if (other === undefined || Math.abs(score - other) > 1e-9 * Math.max(1, Math.abs(score))) return false;
  }
  return true;
}

import type { SqlSession } from '../db/direct-sql';
import { placeholders } from '../db/sql';

/** Named queries over the recommendation read models. Raw SQL lives here and only here. */

/** Adds weights to `menu_popularity` (additive upsert; rows sorted so concurrent workers lock in one order). */
export async function addMenuPopularity(
  sql: SqlSession,
  storeId: string,
  deltas: readonly { menuId: string; hourOfDay: number; weight: number }[],
  now: Date,
): Promise<void> {
  if (deltas.length === 0) return;
  const sorted = [...deltas].sort((a, b) => a.menuId.localeCompare(b.menuId) || a.hourOfDay - b.hourOfDay);
  await sql.run(
    `insert into menu_popularity (store_id, menu_id, hour_of_day, score, updated_at)
     values ${sorted.map(() => '(?, ?, ?, ?, ?)').join(', ')}
     on conflict (store_id, menu_id, hour_of_day) do update set score = menu_popularity.score + excluded.score, updated_at = excluded.updated_at`,
    sorted.flatMap((d) => [storeId, d.menuId, d.hourOfDay, d.weight, now]),
  );
}

export async function menuPopularityOf(sql: SqlSession, storeId: string): Promise<{ menuId: string; hourOfDay: number; score: number }[]> {
  const rows = await sql.all<{ menu_id: string; hour_of_day: number; score: number }>(
    `select menu_id, hour_of_day, score from menu_popularity where store_id = ?`,
    [storeId],
  );
  return rows.map((r) => ({ menuId: r.menu_id, hourOfDay: Number(r.hour_of_day), score: Number(r.score) }));
}

/**
 * Takes the visit's basket for update: creates it empty if new, then locks its row (an UPDATE locks on
 * PostgreSQL; SQLite has one writer), so two orders of one visit are counted one after the other.
 */
export async function lockVisitBasket(sql: SqlSession, storeId: string, visitId: string, now: Date): Promise<string[]> {
  await sql.run(
    `insert into visit_basket (visit_id, store_id, menu_ids, updated_at) values (?, ?, ?, ?) on conflict (visit_id) do nothing`,
    [visitId, storeId, '[]', now],
  );
  await sql.run(`update visit_basket set updated_at = ? where visit_id = ?`, [now, visitId]);
  const rows = await sql.all<{ menu_ids: unknown }>(`select menu_ids from visit_basket where visit_id = ?`, [visitId]);
  const raw = rows[0]?.menu_ids;
  const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
}

export async function saveVisitBasket(sql: SqlSession, visitId: string, menuIds: readonly string[]): Promise<void> {
  await sql.run(`update visit_basket set menu_ids = ? where visit_id = ?`, [JSON.stringify(menuIds), visitId]);
}

/** Adds one shared visit to each (menu, other menu) pair given (both directions must be listed). */
export async function addMenuPairings(sql: SqlSession, storeId: string, pairs: readonly [string, string][]): Promise<void> {
  if (pairs.length === 0) return;
  const sorted = [...pairs].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  for (let i = 0; i < sorted.length; i += 300) {
    const chunk = sorted.slice(i, i + 300);
    await sql.run(
      `insert into menu_pairing (store_id, menu_id, other_menu_id, visits) values ${chunk.map(() => '(?, ?, ?, 1)').join(', ')}
       on conflict (store_id, menu_id, other_menu_id) do update set visits = menu_pairing.visits + 1`,
      chunk.flatMap(([a, b]) => [storeId, a, b]),
    );
  }
}

/** Pair counts from the given menus to every other menu, and every menu's own visit count (the diagonal). */
export async function menuPairingsOf(
  sql: SqlSession,
  storeId: string,
  menuIds: readonly string[],
): Promise<{ shared: { menuId: string; otherMenuId: string; visits: number }[]; visitsOf: Map<string, number> }> {
  const shared =
    menuIds.length === 0
      ? []
      : await sql.all<{ menu_id: string; other_menu_id: string; visits: number }>(
          `select menu_id, other_menu_id, visits from menu_pairing where store_id = ? and menu_id in (${placeholders(menuIds.length)}) and other_menu_id <> menu_id`,
          [storeId, ...menuIds],
        );
  const diagonal = await sql.all<{ menu_id: string; visits: number }>(
    `select menu_id, visits from menu_pairing where store_id = ? and menu_id = other_menu_id`,
    [storeId],
  );
  return {
    shared: shared.map((r) => ({ menuId: r.menu_id, otherMenuId: r.other_menu_id, visits: Number(r.visits) })),
    visitsOf: new Map(diagonal.map((r) => [r.menu_id, Number(r.visits)])),
  };
}

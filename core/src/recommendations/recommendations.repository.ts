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
 * Takes the visits' baskets for update: creates the new ones empty, then locks their rows (an UPDATE locks on
 * PostgreSQL, in visit id order; SQLite has one writer), so two orders of one visit are counted one after the
 * other even by two workers. Returns each visit's menus.
 */
export async function lockVisitBaskets(
  sql: SqlSession,
  visits: readonly { visitId: string; storeId: string }[],
  now: Date,
): Promise<Map<string, string[]>> {
  const sorted = [...visits].sort((a, b) => a.visitId.localeCompare(b.visitId));
  const baskets = new Map<string, string[]>();
  for (let i = 0; i < sorted.length; i += 200) {
    const chunk = sorted.slice(i, i + 200);
    const ids = chunk.map((v) => v.visitId);
    await sql.run(
      `insert into visit_basket (visit_id, store_id, menu_ids, updated_at) values ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
        on conflict (visit_id) do nothing`,
      chunk.flatMap((v) => [v.visitId, v.storeId, '[]', now]),
    );
    await sql.run(`update visit_basket set updated_at = ? where visit_id in (${placeholders(ids.length)})`, [now, ...ids]);
    const rows = await sql.all<{ visit_id: string; menu_ids: unknown }>(
      `select visit_id, menu_ids from visit_basket where visit_id in (${placeholders(ids.length)})`,
      ids,
    );
    for (const row of rows) {
      const parsed: unknown = typeof row.menu_ids === 'string' ? JSON.parse(row.menu_ids) : row.menu_ids;
      baskets.set(row.visit_id, Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []);
    }
  }
  return baskets;
}

/** Saves the visits' baskets (one statement per 200 visits: `case visit_id when … then … end`). */
export async function saveVisitBaskets(sql: SqlSession, baskets: ReadonlyMap<string, readonly string[]>): Promise<void> {
  const entries = [...baskets].sort(([a], [b]) => a.localeCompare(b));
  const json = sql.dialect === 'postgresql' ? 'cast(? as jsonb)' : '?';
  for (let i = 0; i < entries.length; i += 200) {
    const chunk = entries.slice(i, i + 200);
    await sql.run(
      `update visit_basket set menu_ids = case visit_id ${chunk.map(() => `when ? then ${json}`).join(' ')} end
        where visit_id in (${placeholders(chunk.length)})`,
      [...chunk.flatMap(([id, menus]) => [id, JSON.stringify(menus)]), ...chunk.map(([id]) => id)],
    );
  }
}

/** Adds shared visits to (menu, other menu) pairs (both directions must be listed; each pair once, with its count). */
export async function addMenuPairings(
  sql: SqlSession,
  storeId: string,
  pairs: readonly { menuId: string; otherMenuId: string; visits: number }[],
): Promise<void> {
  if (pairs.length === 0) return;
  const sorted = [...pairs].sort((a, b) => a.menuId.localeCompare(b.menuId) || a.otherMenuId.localeCompare(b.otherMenuId));
  for (let i = 0; i < sorted.length; i += 300) {
    const chunk = sorted.slice(i, i + 300);
    await sql.run(
      `insert into menu_pairing (store_id, menu_id, other_menu_id, visits) values ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
       on conflict (store_id, menu_id, other_menu_id) do update set visits = menu_pairing.visits + excluded.visits`,
      chunk.flatMap((p) => [storeId, p.menuId, p.otherMenuId, p.visits]),
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

import type { SqlSession } from '../db/direct-sql';

/** The store's IANA time zone (its days and hours for statistics and recommendations), or null if no such store. */
export async function storeTimeZone(sql: SqlSession, storeId: string): Promise<string | null> {
  const rows = await sql.all<{ time_zone: string }>('select time_zone from store where id = ?', [storeId]);
  return rows[0]?.time_zone ?? null;
}

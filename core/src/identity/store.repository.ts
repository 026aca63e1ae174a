import type { SqlSession } from '../db/direct-sql';

/** The store's IANA time zone (its days and hours for statistics and recommendations), or null if no such store. */
export async function storeTimeZone(sql: SqlSession, storeId: string): Promise<string | null> {
  const rows = await sql.all<{ time_zone: string }>('select time_zone from store where id = ?', [storeId]);
  return rows[0]?.time_zone ?? null;
}

/** The store's calendar: its time zone and the local hour its business day starts (null if no such store). */
export async function storeCalendar(sql: SqlSession, storeId: string): Promise<{ timeZone: string; dayStartsAtHour: number } | null> {
  const rows = await sql.all<{ time_zone: string; business_day_start_hour: number | string }>(
    'select time_zone, business_day_start_hour from store where id = ?',
    [storeId],
  );
  const row = rows[0];
  return row ? { timeZone: row.time_zone, dayStartsAtHour: Number(row.business_day_start_hour) } : null;
}

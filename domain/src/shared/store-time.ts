/**
 * Store-local calendar helpers. Times are stored in UTC; statistics bucket them by the store's time zone with
 * the runtime's Intl data (no time-zone library). Days are `YYYY-MM-DD` strings, which sort as dates.
 */

/** The time zone of a store that has none set, and of the demo store. */
export const DEFAULT_TIME_ZONE = 'Asia/Seoul';

/** A store-local calendar day, `YYYY-MM-DD`. */
export const STORE_DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a `YYYY-MM-DD` string names a day that exists (`2024-02-29` does, `2024-02-31` and `2024-13-45` do
 * not). `Date` would roll an impossible day over into the next month, so the day is built and read back.
 */
export function isCalendarDay(day: string): boolean {
  if (!STORE_DAY_PATTERN.test(day)) return false;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const built = new Date(Date.UTC(year, month - 1, date));
  return built.getUTCFullYear() === year && built.getUTCMonth() === month - 1 && built.getUTCDate() === date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone, to the minute: the store's day and hour, and the zone's offset, read from its parts. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the runtime knows this IANA time zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The store-local day and hour (0–23) of an instant. An unknown time zone falls back to
 * `DEFAULT_TIME_ZONE` rather than throwing: a consumer must never get stuck on a store's bad setting.
 */
export function storeLocalTime(instant: Date, timeZone: string): { day: string; hour: number } {
  const zone = isKnownTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(instant)) parts[part.type] = part.value;
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24 };
}

/** Today in the store's time zone. */
export function storeToday(now: Date, timeZone: string): string {
  return storeLocalTime(now, timeZone).day;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`), counting both ends: `daysBetween(d, d) === 1`. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The UTC offset of a time zone at an instant, in minutes (Seoul: +540). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute));
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant a business day starts: `day` at `startHour`:00 store-local time. Two passes settle the offset
 * across a daylight-saving change (the zones we serve have none, but the runtime's data decides).
 */
export function businessDayStart(day: string, startHour: number, timeZone: string): Date {
  const zone = isKnownTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const wall = Date.parse(`${day}T00:00:00Z`) + startHour * 3_600_000;
  let guess = wall - offsetMinutes(new Date(wall), zone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), zone) * 60_000;
  return new Date(guess);
}

/** The business day (`YYYY-MM-DD`) an instant belongs to, for a day that starts at `startHour` store-local. */
export function businessDayOf(instant: Date, startHour: number, timeZone: string): string {
  return storeLocalTime(new Date(instant.getTime() - startHour * 3_600_000), timeZone).day;
}

/** The day after a `YYYY-MM-DD` day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

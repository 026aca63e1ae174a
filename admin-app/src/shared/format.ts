import type { Locale } from '@hiorder/domain/shared/locale';
import { formatWon } from '@hiorder/domain/shared/money';

export const won = (amount: number, locale: Locale): string => formatWon(amount, locale);

/** Whole minutes between an ISO time and now (never negative: clocks of two machines drift). */
export function ageMinutes(fromIso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(fromIso)) / 60_000));
}

/** `m:ss` since an ISO time, for the kitchen's age timer. */
export function ageClock(fromIso: string, now: number): string {
  const s = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** Hours and minutes in the store's time zone (staff and the server may sit in different ones). */
export function timeOfDay(iso: string | number, locale: Locale, timeZone?: string): string {
  return new Date(iso).toLocaleTimeString(locale === 'ko' ? 'ko-KR' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  });
}

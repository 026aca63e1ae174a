import { z } from 'zod';

/**
 * Money is an integer number of Korean won: no fractions, no floats, no currency field. The upper bound keeps
 * any sum of a realistic order far inside Number.MAX_SAFE_INTEGER.
 */
export const WonSchema = z.number().int().min(0).max(10_000_000);
export type Won = z.infer<typeof WonSchema>;

/** Sums won amounts; throws on a non-integer so a float can never sneak into a total. */
export function sumWon(amounts: readonly Won[]): Won {
  let total = 0;
  for (const a of amounts) {
    if (!Number.isInteger(a)) throw new TypeError(`not an integer amount of won: ${a}`);
    total += a;
  }
  return total;
}

/** Formats won for people: `12,000원` in Korean, `₩12,000` in English. */
export function formatWon(amount: Won, locale: 'ko' | 'en'): string {
  const digits = new Intl.NumberFormat('ko-KR').format(amount);
  return locale === 'ko' ? `${digits}원` : `₩${digits}`;
}

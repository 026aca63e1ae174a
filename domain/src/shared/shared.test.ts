import { describe, expect, it } from 'vitest';
import { AUTH_ERROR_CODES, assertNever, DomainError, ERROR_STATUS, errorCodeOf } from './errors';
import { IdSchema, newId, shortCode } from './ids';
import { localized, LocalizedLongTextSchema, LocalizedTextSchema } from './locale';
import { formatWon, sumWon, WonSchema } from './money';
import {
  businessDayOf,
  businessDayStart,
  daysInRange,
  DEFAULT_TIME_ZONE,
  isKnownTimeZone,
  nextDay,
  storeLocalTime,
  storeToday,
} from './store-time';

describe('ids', () => {
  it('mints uuid v7 ids that sort by creation', () => {
    const a = newId();
    const b = newId();
    expect(IdSchema.safeParse(a).success).toBe(true);
    expect(a[14]).toBe('7');
    expect(a < b).toBe(true);
  });

  it('gives a four-digit short code from the id tail, zero-padded', () => {
    expect(shortCode('01900000-0000-7000-8000-000000000007')).toBe('0007');
    // tail 0xffffffff = 4294967295 → 7295
    expect(shortCode('01900000-0000-7000-8000-0000ffffffff')).toBe('7295');
    // only the last eight hex digits count
    expect(shortCode('01900000-0000-7000-8000-ffff00000010')).toBe('0016');
  });
});

describe('locale', () => {
  it('picks English when asked and present, Korean otherwise', () => {
    expect(localized({ ko: '불고기', en: 'Bulgogi' }, 'en')).toBe('Bulgogi');
    expect(localized({ ko: '불고기', en: 'Bulgogi' }, 'ko')).toBe('불고기');
    expect(localized({ ko: '불고기', en: '' }, 'en')).toBe('불고기');
  });

  it('requires a Korean text, trims both, defaults English to empty, and bounds their length', () => {
    expect(LocalizedTextSchema.parse({ ko: ' 불고기 ', en: ' Bulgogi ' })).toEqual({ ko: '불고기', en: 'Bulgogi' });
    expect(LocalizedTextSchema.parse({ ko: '불고기' })).toEqual({ ko: '불고기', en: '' });
    expect(LocalizedTextSchema.safeParse({ ko: '   ' }).success).toBe(false);
    expect(LocalizedTextSchema.safeParse({ ko: 'a'.repeat(81) }).success).toBe(false);
    expect(LocalizedTextSchema.safeParse({ ko: 'a', en: 'a'.repeat(81) }).success).toBe(false);
    expect(LocalizedTextSchema.safeParse({ ko: 'a', fr: 'b' }).success).toBe(false);
    expect(LocalizedLongTextSchema.parse({})).toEqual({ ko: '', en: '' });
    expect(LocalizedLongTextSchema.parse({ ko: ' 설명 ', en: ' text ' })).toEqual({ ko: '설명', en: 'text' });
    expect(LocalizedLongTextSchema.safeParse({ ko: 'a'.repeat(501) }).success).toBe(false);
    expect(LocalizedLongTextSchema.safeParse({ en: 'a'.repeat(501) }).success).toBe(false);
  });
});

describe('money', () => {
  it('sums integer won and refuses a float anywhere in the list', () => {
    expect(sumWon([])).toBe(0);
    expect(sumWon([1000, 2500, 1])).toBe(3501);
    expect(() => sumWon([1000, 0.5])).toThrow(/not an integer amount of won: 0.5/);
  });

  it('formats won for Korean and English readers', () => {
    expect(formatWon(12000, 'ko')).toBe('12,000원');
    expect(formatWon(12000, 'en')).toBe('₩12,000');
  });

  it('bounds an amount to whole, non-negative won', () => {
    expect(WonSchema.safeParse(0).success).toBe(true);
    expect(WonSchema.safeParse(10_000_000).success).toBe(true);
    expect(WonSchema.safeParse(-1).success).toBe(false);
    expect(WonSchema.safeParse(1.5).success).toBe(false);
    expect(WonSchema.safeParse(10_000_001).success).toBe(false);
  });
});

describe('errors', () => {
  it('carries code, message, details and the status of its code', () => {
    const error = new DomainError('OUT_OF_STOCK', 'sold out', { menuId: 'm' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.status).toBe(409);
    expect(error.toBody()).toEqual({ code: 'OUT_OF_STOCK', message: 'sold out', details: { menuId: 'm' } });
    expect(new DomainError('NOT_FOUND', 'gone').toBody()).toStrictEqual({ code: 'NOT_FOUND', message: 'gone' });
    expect(new DomainError('PAYMENT_PENDING', 'checking').status).toBe(ERROR_STATUS.PAYMENT_PENDING);
  });

  it('reads the code of an error body received as unknown data, and null for anything else', () => {
    expect(errorCodeOf({ code: 'TOKEN_EXPIRED', message: 'expired' })).toBe('TOKEN_EXPIRED');
    expect(errorCodeOf({ code: 'NO_SUCH_CODE', message: 'x' })).toBeNull();
    expect(errorCodeOf({ code: 'TOKEN_EXPIRED' })).toBeNull();
    expect(errorCodeOf('TOKEN_EXPIRED')).toBeNull();
  });

  it('names exactly the codes that end a session', () => {
    expect([...AUTH_ERROR_CODES].sort()).toEqual(['FORBIDDEN', 'INVALID_CREDENTIALS', 'TOKEN_EXPIRED', 'UNAUTHENTICATED']);
  });

  it('throws on a value a switch did not expect, naming it', () => {
    expect(() => assertNever('odd' as never)).toThrow('unexpected value: "odd"');
  });
});

describe('store time', () => {
  const at = (iso: string) => new Date(iso);

  it('reads the store-local day and hour, midnight as 0', () => {
    expect(storeLocalTime(at('2026-03-01T14:59:00Z'), 'Asia/Seoul')).toEqual({ day: '2026-03-01', hour: 23 });
    expect(storeLocalTime(at('2026-03-01T15:00:00Z'), 'Asia/Seoul')).toEqual({ day: '2026-03-02', hour: 0 });
    expect(storeLocalTime(at('2026-03-01T15:00:00Z'), 'UTC')).toEqual({ day: '2026-03-01', hour: 15 });
    expect(storeToday(at('2026-03-01T15:00:00Z'), 'Asia/Seoul')).toBe('2026-03-02');
  });

  it('falls back to the default zone for a zone the runtime does not know', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Asia/Seoul');
    expect(isKnownTimeZone('Asia/Seoul')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(storeLocalTime(at('2026-03-01T15:00:00Z'), 'Mars/Olympus')).toEqual({ day: '2026-03-02', hour: 0 });
    expect(businessDayStart('2026-03-02', 0, 'Mars/Olympus').toISOString()).toBe('2026-03-01T15:00:00.000Z');
  });

  it('counts the days of a range, both ends included', () => {
    expect(daysInRange('2026-03-01', '2026-03-01')).toBe(1);
    expect(daysInRange('2024-02-28', '2024-03-01')).toBe(3);
    expect(daysInRange('2026-01-01', '2026-12-31')).toBe(365);
  });

  it('starts a business day at its hour, store-local, and files late-night sales under the day before', () => {
    expect(businessDayStart('2026-03-02', 0, 'Asia/Seoul').toISOString()).toBe('2026-03-01T15:00:00.000Z');
    expect(businessDayStart('2026-03-02', 5, 'Asia/Seoul').toISOString()).toBe('2026-03-01T20:00:00.000Z');
    expect(businessDayStart('2026-03-02', 5, 'UTC').toISOString()).toBe('2026-03-02T05:00:00.000Z');
    // A zone with a daylight-saving change on that day: 2026-03-08 02:00 in New York jumps to 03:00 (UTC−4 after).
    expect(businessDayStart('2026-03-08', 5, 'America/New_York').toISOString()).toBe('2026-03-08T09:00:00.000Z');
    expect(businessDayStart('2026-03-08', 0, 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    // 01:30 Seoul on the 2nd, with the day starting at 05:00, belongs to the 1st.
    expect(businessDayOf(at('2026-03-01T16:30:00Z'), 5, 'Asia/Seoul')).toBe('2026-03-01');
    expect(businessDayOf(at('2026-03-01T20:00:00Z'), 5, 'Asia/Seoul')).toBe('2026-03-02');
    expect(businessDayOf(at('2026-03-01T16:30:00Z'), 0, 'Asia/Seoul')).toBe('2026-03-02');
  });

  it('gives the next day across month and year ends', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
  });
});

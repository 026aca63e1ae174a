import { describe, expect, it } from 'vitest';
import { isCalendarDay } from '../shared/store-time';
import { StatsRangeQuerySchema } from './stats.schemas';

const messages = (query: unknown) => {
  const parsed = StatsRangeQuerySchema.safeParse(query);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('StatsRangeQuerySchema', () => {
  it('refuses days that do not exist, saying so, instead of rolling them into the next month', () => {
    expect(messages({ from: '2024-02-31' })).toEqual(['from: not a day of the calendar (month 01–12, day within that month)']);
    expect(messages({ from: '2023-02-29' })).toEqual(['from: not a day of the calendar (month 01–12, day within that month)']);
    expect(messages({ from: '2024-01-01', to: '2024-13-45' })).toEqual([
      'to: not a day of the calendar (month 01–12, day within that month)',
    ]);
    expect(messages({ from: '2024-00-10' })).toHaveLength(1);
  });

  it('accepts real days, a leap day among them, and still bounds the range', () => {
    expect(messages({ from: '2024-02-29', to: '2024-03-01' })).toEqual([]);
    expect(messages({ from: '2024-12-31' })).toEqual([]);
    expect(messages({ from: '2024-01-01', to: '2026-01-01' })).toEqual(['to: at most 366 days']);
    expect(messages({ from: '2024-03-02', to: '2024-03-01' })).toEqual(['to: `to` must not be before `from`']);
  });
});

describe('isCalendarDay', () => {
  it('knows month lengths and leap years', () => {
    for (const day of ['2024-01-31', '2024-02-29', '2000-02-29', '2024-04-30', '2024-12-31']) expect(isCalendarDay(day), day).toBe(true);
    for (const day of ['2024-04-31', '2100-02-29', '2023-02-29', '2024-13-01', '2024-01-00', '2024-1-01', '24-01-01'])
      expect(isCalendarDay(day), day).toBe(false);
  });
});

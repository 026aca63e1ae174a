import { describe, expect, it } from 'vitest';
import { lineDto, orderDto } from '../testing/fixtures';
import { hasOpenLines, lineProgress, linesOf } from './order-progress';

const order = orderDto({
  lines: [
    lineDto({ station: 'kitchen', readyAt: '2026-11-29T10:05:00.000Z' }),
    lineDto({ station: 'kitchen', readyAt: null }),
    lineDto({ station: 'bar', readyAt: '2026-11-29T10:04:00.000Z' }),
  ],
});

describe('order progress', () => {
  it('counts ready lines of the whole order or of one station', () => {
    expect(lineProgress(order)).toEqual({ ready: 2, total: 3 });
    expect(lineProgress(order, 'kitchen')).toEqual({ ready: 1, total: 2 });
    expect(lineProgress(order, 'bar')).toEqual({ ready: 1, total: 1 });
    expect(linesOf(order, 'bar')).toEqual([order.lines[2]]);
  });

  it('keeps an order on a station while that station has a line to make', () => {
    expect(hasOpenLines(order)).toBe(true);
    expect(hasOpenLines(order, 'kitchen')).toBe(true);
    expect(hasOpenLines(order, 'bar')).toBe(false);
  });
});

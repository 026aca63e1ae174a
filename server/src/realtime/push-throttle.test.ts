import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PushThrottle } from './push-throttle';
import { mergeStockChanges } from './socket-publisher';

describe('push throttle', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pushes the first change at once and a burst as one trailing push with everything merged', () => {
    const sent: { key: string; value: number[] }[] = [];
    const throttle = new PushThrottle<number[]>(
      200,
      (key, value) => sent.push({ key, value }),
      (a, b) => [...a, ...b],
    );
    throttle.push('store-a', [1]);
    expect(sent).toEqual([{ key: 'store-a', value: [1] }]);
    for (let i = 2; i <= 50; i++) throttle.push('store-a', [i]);
    throttle.push('store-b', [100]);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(199);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(3);
    expect(sent[2]).toEqual({ key: 'store-a', value: Array.from({ length: 49 }, (_, i) => i + 2) });
    // Quiet again for an interval: the next change goes at once.
    vi.advanceTimersByTime(200);
    throttle.push('store-a', [51]);
    expect(sent.at(-1)).toEqual({ key: 'store-a', value: [51] });
  });

  it('merges stock changes so that the latest level of each menu wins', () => {
    const merged = mergeStockChanges(
      {
        version: 3,
        menus: [
          { menuId: 'm1', stock: 10, soldOut: false },
          { menuId: 'm2', stock: 5, soldOut: false },
        ],
      },
      {
        version: 3,
        menus: [
          { menuId: 'm2', stock: 0, soldOut: true },
          { menuId: 'm3', stock: 7, soldOut: false },
        ],
      },
    );
    expect(merged).toEqual({
      version: 3,
      menus: [
        { menuId: 'm1', stock: 10, soldOut: false },
        { menuId: 'm2', stock: 0, soldOut: true },
        { menuId: 'm3', stock: 7, soldOut: false },
      ],
    });
    expect(mergeStockChanges({ version: 3, menus: [] }, { version: 4, menus: [] }).version).toBe(4);
  });
});

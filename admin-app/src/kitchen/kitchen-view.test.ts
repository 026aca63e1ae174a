import type { OrderLineDto } from '@hiorder/domain/ordering/ordering.schemas';
import { describe, expect, it } from 'vitest';
import { buildOrder } from '../test/factories';
import { ageLevel, allDayCounts, kitchenTiles } from './kitchen-view';

describe('ageLevel', () => {
  it('turns amber at 5 minutes and red at 10', () => {
    const paidAt = '2025-05-01T03:00:00.000Z';
    const at = (min: number) => Date.parse(paidAt) + min * 60_000;
    expect(ageLevel(paidAt, at(4.9))).toBe('green');
    expect(ageLevel(paidAt, at(5))).toBe('amber');
    expect(ageLevel(paidAt, at(10))).toBe('red');
  });
});

const MENU_NO: Record<string, number> = { 양념갈비: 501, 소주: 502, 해물파전: 503, 막걸리: 504 };
const line = (id: number, station: 'kitchen' | 'bar', ko: string, qty = 1, ready = false): OrderLineDto => ({
  id: `0190a000-0000-7000-8000-${String(id).padStart(12, '0')}`,
  menuId: `0190a000-0000-7000-8000-${String(MENU_NO[ko] ?? 0).padStart(12, '0')}`,
  categoryId: '0190a000-0000-7000-8000-000000000601',
  name: { ko, en: ko },
  course: 'main',
  qty,
  unitPrice: 5000,
  lineTotal: 5000 * qty,
  options: [],
  note: '',
  station,
  readyAt: ready ? '2025-05-01T03:05:00.000Z' : null,
  refundedQty: 0,
});

describe('kitchenTiles', () => {
  const galbi = line(1, 'kitchen', '양념갈비', 2);
  const soju = line(2, 'bar', '소주', 2);
  const mixed = buildOrder({ lines: [galbi, soju] });
  const barDone = buildOrder({ status: 'accepted', lines: [line(3, 'kitchen', '해물파전'), line(4, 'bar', '막걸리', 1, true)] });

  it('shows the lines of the chosen station, and an order only where something is still open', () => {
    expect(kitchenTiles([mixed, barDone], 'kitchen').map((t) => t.lines.map((l) => l.name.ko))).toEqual([['양념갈비'], ['해물파전']]);
    // The bar finished its part of barDone: the tile left the bar's view, the kitchen still has it.
    expect(kitchenTiles([mixed, barDone], 'bar').map((t) => t.order.id)).toEqual([mixed.id]);
  });

  it('shows every line with no filter, ready ones included, with the progress', () => {
    const [tile] = kitchenTiles([barDone], 'all');
    expect(tile?.lines).toHaveLength(2);
    expect(tile?.progress).toEqual({ ready: 1, total: 2 });
  });

  it('counts the open dishes across tiles (all-day), ready lines left out', () => {
    const another = buildOrder({ lines: [line(5, 'kitchen', '양념갈비', 1), line(6, 'bar', '소주', 1, true)] });
    expect(allDayCounts(kitchenTiles([mixed, barDone, another], 'all')).map((c) => [c.name.ko, c.qty])).toEqual([
      ['양념갈비', 3],
      ['소주', 2],
      ['해물파전', 1],
    ]);
  });
});

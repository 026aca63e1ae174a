import { describe, expect, it } from 'vitest';
import { buildOrder } from '../test/factories';
import { ageLevel, kitchenTiles } from './kitchen-view';

const KITCHEN_CAT = '0190a000-0000-7000-8000-000000000258'; // the factory's category
const BAR_CAT = '0190a000-0000-7000-8000-000000000601';
const categories = [
  { id: KITCHEN_CAT, name: { ko: '식사', en: 'Meals' }, position: 0, station: 'kitchen' as const },
  { id: BAR_CAT, name: { ko: '음료', en: 'Drinks' }, position: 1, station: 'bar' as const },
];

describe('ageLevel', () => {
  it('turns amber at 5 minutes and red at 10', () => {
    const paidAt = '2025-05-01T03:00:00.000Z';
    const at = (min: number) => Date.parse(paidAt) + min * 60_000;
    expect(ageLevel(paidAt, at(4.9))).toBe('green');
    expect(ageLevel(paidAt, at(5))).toBe('amber');
    expect(ageLevel(paidAt, at(10))).toBe('red');
  });
});

describe('kitchenTiles', () => {
  const drink = { menuId: '0190a000-0000-7000-8000-000000000501', categoryId: BAR_CAT, name: { ko: '맥주', en: 'Beer' }, course: 'other' as const, qty: 1, unitPrice: 5000, lineTotal: 5000, options: [], note: '' };
  const mixed = buildOrder();
  const withDrink = { ...mixed, lines: [...mixed.lines, drink] };
  const onlyDrink = { ...buildOrder(), lines: [drink] };

  it('shows only the lines of the chosen station', () => {
    const tiles = kitchenTiles([withDrink, onlyDrink], categories, 'kitchen');
    expect(tiles).toHaveLength(1);
    expect(tiles[0]?.lines.map((l) => l.categoryId)).toEqual([KITCHEN_CAT]);
    expect(kitchenTiles([withDrink, onlyDrink], categories, 'bar').map((t) => t.lines.length)).toEqual([1, 1]);
  });

  it('shows every line with no filter', () => {
    expect(kitchenTiles([withDrink], categories, 'all')[0]?.lines).toHaveLength(2);
  });
});

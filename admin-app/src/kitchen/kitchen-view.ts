import type { CatalogDto, Station } from '@hiorder/domain/catalog/catalog.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';

export type StationFilter = Station | 'all';

/** When a tile turns amber, then red: minutes since the order was paid. */
export const KITCHEN_AGE_MINUTES = { amber: 5, red: 10 } as const;

export type AgeLevel = 'green' | 'amber' | 'red';

export function ageLevel(paidAt: string, now: number): AgeLevel {
  const minutes = (now - Date.parse(paidAt)) / 60_000;
  if (minutes >= KITCHEN_AGE_MINUTES.red) return 'red';
  if (minutes >= KITCHEN_AGE_MINUTES.amber) return 'amber';
  return 'green';
}

export interface KitchenTile {
  order: OrderDto;
  lines: OrderDto['lines'];
}

/**
 * The tiles of one station: each order to cook with only the lines of that station's categories. An order
 * with nothing for the station is not shown there. A line whose category the display does not know (a
 * category created after the catalog was loaded) is shown everywhere rather than lost.
 */
export function kitchenTiles(
  toCook: readonly OrderDto[],
  categories: CatalogDto['categories'],
  filter: StationFilter,
): KitchenTile[] {
  if (filter === 'all') return toCook.map((order) => ({ order, lines: order.lines }));
  const station = new Map(categories.map((c) => [c.id, c.station]));
  return toCook.flatMap((order) => {
    const lines = order.lines.filter((l) => (station.get(l.categoryId) ?? filter) === filter);
    return lines.length > 0 ? [{ order, lines }] : [];
  });
}

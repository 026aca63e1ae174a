import type { Station } from '@hiorder/domain/catalog/catalog.schemas';
import { hasOpenLines, lineProgress, linesOf, type LineProgress } from '@hiorder/domain/ordering/order-progress';
import type { OrderDto, OrderLineDto } from '@hiorder/domain/ordering/ordering.schemas';

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
  /** The lines this view makes (ready ones too, checked off). */
  lines: OrderLineDto[];
  progress: LineProgress;
}

const stationOf = (filter: StationFilter): Station | undefined => (filter === 'all' ? undefined : filter);

/**
 * The tiles of one station, in the order given (oldest paid first): each order that still has an open line
 * there, with that station's lines. Each line carries its station from when it was ordered, so the bar's bump
 * leaves the kitchen's lines on the kitchen's view and nothing depends on the catalog the display loaded.
 */
export function kitchenTiles(toCook: readonly OrderDto[], filter: StationFilter): KitchenTile[] {
  const station = stationOf(filter);
  return toCook.flatMap((order) =>
    hasOpenLines(order, station) ? [{ order, lines: linesOf(order, station), progress: lineProgress(order, station) }] : [],
  );
}

export interface AllDayCount {
  name: OrderLineDto['name'];
  qty: number;
}

/** All-day counts: how many of each dish are still open across the tiles, the most first. */
export function allDayCounts(tiles: readonly KitchenTile[]): AllDayCount[] {
  const byMenu = new Map<string, AllDayCount>();
  for (const line of tiles.flatMap((t) => t.lines)) {
    // What staff refunded is not to be made.
    const open = line.qty - line.refundedQty;
    if (line.readyAt !== null || open <= 0) continue;
    const known = byMenu.get(line.menuId);
    byMenu.set(line.menuId, { name: line.name, qty: (known?.qty ?? 0) + open });
  }
  return [...byMenu.values()].sort((a, b) => b.qty - a.qty || a.name.ko.localeCompare(b.name.ko));
}

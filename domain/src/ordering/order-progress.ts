import type { Station } from '../catalog/catalog.schemas';
import type { OrderDto, OrderLineDto } from './ordering.schemas';

/** How far an order (or one station's part of it) is: lines ready out of lines, as "2 of 3 ready" says. */
export interface LineProgress {
  ready: number;
  total: number;
}

/** The lines a station makes (all of them when no station is named). */
export function linesOf(order: Pick<OrderDto, 'lines'>, station?: Station): OrderLineDto[] {
  return station ? order.lines.filter((l) => l.station === station) : order.lines;
}

export function lineProgress(order: Pick<OrderDto, 'lines'>, station?: Station): LineProgress {
  const lines = linesOf(order, station);
  return { ready: lines.filter((l) => l.readyAt !== null).length, total: lines.length };
}

/** Whether a station still has something to make for this order: what puts the order on that station's view. */
export function hasOpenLines(order: Pick<OrderDto, 'lines'>, station?: Station): boolean {
  return linesOf(order, station).some((l) => l.readyAt === null);
}

/**
 * Which of two versions of one order is current: the higher revision (ties go to the newer arrival, the same
 * version received twice). Pushes, catch-up and HTTP answers arrive in any order; a recall moves the status back,
 * so the status alone can't say which is newer.
 */
export function isSameOrNewerOrder(incoming: Pick<OrderDto, 'revision'>, known: Pick<OrderDto, 'revision'>): boolean {
  return incoming.revision >= known.revision;
}

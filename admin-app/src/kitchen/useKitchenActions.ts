import { OrderDtoSchema, type OrderDto, type OrderLineDto } from '@hiorder/domain/ordering/ordering.schemas';
import { useState } from 'react';
import type { BoardStore } from '../board/board-store';
import { ApiError, type ApiClient } from '../shared/api';
import { errorText } from '../shared/ui';
import type { StationFilter } from './kitchen-view';

/**
 * What a cook does on a tile: bump the station's lines (or the whole order on the "all" view), check a line off or
 * take it back. The server's answer is merged at once; a refusal is kept per tile until the next try, so a cook
 * never taps and sees nothing. A 401 means the display was unpaired.
 */
export function useKitchenActions(input: { api: ApiClient; board: BoardStore; onUnpaired: () => void }) {
  const { api, board, onUnpaired } = input;
  const [busy, setBusy] = useState<Record<string, true>>({});
  const [failures, setFailures] = useState<Record<string, string>>({});

  async function run(order: OrderDto, send: () => Promise<OrderDto>): Promise<OrderDto | null> {
    setBusy((b) => ({ ...b, [order.id]: true }));
    setFailures(({ [order.id]: _old, ...rest }) => rest);
    try {
      const updated = await send();
      board.dispatch({ type: 'order', order: updated });
      return updated;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onUnpaired();
      else setFailures((f) => ({ ...f, [order.id]: errorText(err) }));
      return null;
    } finally {
      setBusy(({ [order.id]: _done, ...rest }) => rest);
    }
  }

  const bump = (order: OrderDto, station: StationFilter) =>
    run(order, () => (station === 'all' ? api.post(`/api/orders/${order.id}/serve`, undefined, OrderDtoSchema) : api.post(`/api/orders/${order.id}/bump`, { station }, OrderDtoSchema)));

  const toggleLine = (order: OrderDto, line: OrderLineDto) =>
    run(order, () => api.post(`/api/orders/${order.id}/bump`, { lineIds: [line.id], ready: line.readyAt === null }, OrderDtoSchema));

  return { busy, failures, bump, toggleLine };
}

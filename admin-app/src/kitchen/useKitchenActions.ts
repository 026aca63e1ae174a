import { OrderDtoSchema, type OrderDto, type OrderLineDto } from '@hiorder/domain/ordering/ordering.schemas';
import { useState } from 'react';
import type { BoardStore } from '../board/board-store';
import { ApiError, type ApiClient } from '../shared/api';
import { errorText } from '../shared/ui';
import type { StationFilter } from './kitchen-view';

/** How long a bump can be taken back from the display's recall list (the brief asks for a minute at least). */
export const RECALL_WINDOW_MS = 2 * 60_000;
const RECALL_KEPT = 12;

/** A bump the cook may take back: which lines of which order it finished, and when. */
export interface RecentBump {
  key: string;
  orderId: string;
  tableLabel: string;
  shortCode: string;
  lines: Pick<OrderLineDto, 'id' | 'name' | 'qty'>[];
  at: number;
}

/**
 * What a cook does on a tile: bump the station's lines (or the whole order on the "all" view), check a line off or
 * take it back, and recall a recent bump. The server's answer is merged at once; a refusal is kept per order until
 * the next try, so a cook never taps and sees nothing. A 401 means the display was unpaired.
 */
export function useKitchenActions(input: { api: ApiClient; board: BoardStore; onUnpaired: () => void }) {
  const { api, board, onUnpaired } = input;
  const [busy, setBusy] = useState<Record<string, true>>({});
  const [failures, setFailures] = useState<Record<string, string>>({});
  const [recent, setRecent] = useState<RecentBump[]>([]);

  async function run(orderId: string, send: () => Promise<OrderDto>): Promise<OrderDto | null> {
    setBusy((b) => ({ ...b, [orderId]: true }));
    setFailures(({ [orderId]: _old, ...rest }) => rest);
    try {
      const updated = await send();
      board.dispatch({ type: 'order', order: updated });
      return updated;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onUnpaired();
      else setFailures((f) => ({ ...f, [orderId]: errorText(err) }));
      return null;
    } finally {
      setBusy(({ [orderId]: _done, ...rest }) => rest);
    }
  }

  /** Remembers the lines a finishing action closed (open before, ready in the answer) for the recall list. */
  function remember(before: OrderDto, after: OrderDto | null): void {
    if (!after) return;
    const wasOpen = new Set(before.lines.filter((l) => l.readyAt === null).map((l) => l.id));
    const lines = after.lines.filter((l) => l.readyAt !== null && wasOpen.has(l.id)).map(({ id, name, qty }) => ({ id, name, qty }));
    if (lines.length === 0) return;
    const at = Date.now();
    const bump: RecentBump = {
      key: `${after.id}:${at}`,
      orderId: after.id,
      tableLabel: after.tableLabel,
      shortCode: after.shortCode,
      lines,
      at,
    };
    setRecent((list) => [bump, ...list.filter((b) => at - b.at < RECALL_WINDOW_MS)].slice(0, RECALL_KEPT));
  }

  async function bump(order: OrderDto, station: StationFilter): Promise<void> {
    const after = await run(order.id, () =>
      station === 'all'
        ? api.post(`/api/orders/${order.id}/serve`, undefined, OrderDtoSchema)
        : api.post(`/api/orders/${order.id}/bump`, { station }, OrderDtoSchema),
    );
    remember(order, after);
  }

  async function toggleLine(order: OrderDto, line: OrderLineDto): Promise<void> {
    const after = await run(order.id, () =>
      api.post(`/api/orders/${order.id}/bump`, { lineIds: [line.id], ready: line.readyAt === null }, OrderDtoSchema),
    );
    if (line.readyAt === null) remember(order, after);
  }

  /** Takes a recent bump back: its lines open again, and a served order returns to the kitchen (recall). */
  async function recall(entry: RecentBump): Promise<void> {
    const after = await run(entry.orderId, () =>
      api.post(`/api/orders/${entry.orderId}/bump`, { lineIds: entry.lines.map((l) => l.id), ready: false }, OrderDtoSchema),
    );
    if (after) setRecent((list) => list.filter((b) => b.key !== entry.key));
  }

  return { busy, failures, bump, toggleLine, recall, recent };
}

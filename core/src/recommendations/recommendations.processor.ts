import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { DEFAULT_TIME_ZONE, storeLocalTime } from '@hiorder/domain/shared/store-time';
import type { SqlSession } from '../db/direct-sql';
import { storeTimeZone } from '../identity/store.repository';
import type { EventProcessor } from '../outbox/event-processor';
import { decayedWeight } from './recommendation-scoring';
import { addMenuPairings, addMenuPopularity, lockVisitBasket, saveVisitBasket } from './recommendations.repository';

/**
 * Recommendations from order data. `order.paid` adds each line's quantity, time-weighted, to its menu's
 * popularity at the store-local hour of payment, and counts the visit's basket: every menu new to the visit
 * pairs once with every menu already in it (and with itself, the diagonal). `order.cancelled` with `refunded`
 * takes the popularity back; pairings stay (guests chose them together). Run through `applyOnce` (once per
 * event, I6). Throws nothing of its own; a database error fails the transaction and the event is retried.
 */
export const recommendationsProcessor: EventProcessor = {
  name: 'recommendations',
  handles: ['order.paid', 'order.cancelled'] as const,
  async handle(event: DomainEvent, { sql }: { sql: SqlSession }): Promise<void> {
    if (event.type !== 'order.paid' && !(event.type === 'order.cancelled' && event.payload.refunded)) return;
    const order = event.payload.order;
    if (!order.paidAt) return;
    const paidAt = new Date(order.paidAt);
    const now = new Date();
    const timeZone = await storeTimeZone(sql, event.storeId);
    const { hour } = storeLocalTime(paidAt, timeZone ?? DEFAULT_TIME_ZONE);
    const sign = event.type === 'order.paid' ? 1 : -1;
    const qtyByMenu = new Map<string, number>();
    for (const line of order.lines) qtyByMenu.set(line.menuId, (qtyByMenu.get(line.menuId) ?? 0) + line.qty);
    await addMenuPopularity(
      sql,
      event.storeId,
      [...qtyByMenu].map(([menuId, qty]) => ({ menuId, hourOfDay: hour, weight: sign * qty * decayedWeight(paidAt) })),
      now,
    );
    if (event.type !== 'order.paid') return;

    const basket = await lockVisitBasket(sql, event.storeId, order.visitId, now);
    const known = new Set(basket);
    const added = [...qtyByMenu.keys()].filter((id) => !known.has(id)).sort();
    if (added.length === 0) return;
    const pairs: [string, string][] = [];
    for (const menuId of added) {
      pairs.push([menuId, menuId]);
      for (const other of [...known, ...added]) {
        if (other === menuId) continue;
        // Each unordered pair once: a new menu with an old one in both directions, two new menus by id order.
        if (known.has(other)) pairs.push([menuId, other], [other, menuId]);
        else if (menuId < other) pairs.push([menuId, other], [other, menuId]);
      }
    }
    await addMenuPairings(sql, event.storeId, pairs);
    await saveVisitBasket(sql, order.visitId, [...basket, ...added]);
  },
};

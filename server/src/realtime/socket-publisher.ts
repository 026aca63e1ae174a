import { DomainEventSchema, isKitchenEvent, isOrderEvent, type DomainEvent } from '@hiorder/domain/events/domain-events';
import type { Logger } from '@hiorder/core/logger';
import { kitchenRoom, storeRoom, tableRoom } from '@hiorder/domain/realtime/realtime';
import type { DomainEventMap } from '@hiorder/domain/events/domain-events';
import type { EventPublisher } from '@hiorder/core/outbox';
import { PushThrottle } from './push-throttle';
import type { RealtimeServer } from './realtime-server';
import { deviceRoom, staffAccountRoom, tabletsRoom, visitGuestsRoom, visitRoom } from './rooms';

/**
 * Fans committed events out to the socket rooms. Staff get every store event with its seq; kitchens only
 * kitchen events (never an unpaid order, I2); a tablet gets its own visit's orders only — it joins the visit's
 * room when the visit's first order is placed and leaves it when staff close the table (I7).
 *
 * Each event is checked against the domain's typed event schema before it is read: a malformed outbox row (a
 * payload without its order, an unknown type) is logged and skipped, and an event whose fan-out throws is logged
 * too, so one bad row never stops every board's pushes (the live lane would retry the same batch forever).
 */
export function socketPublisher(realtime: RealtimeServer, logger?: Logger): EventPublisher {
  const stockPushes = new PushThrottle<StockChange>(
    STOCK_PUSH_INTERVAL_MS,
    (storeId, change) => realtime.tablet.to(tabletsRoom(storeId)).emit('stock:changed', change),
    mergeStockChanges,
  );
  return {
    name: 'sockets',
    delivery: 'live',
    async publish(events: readonly DomainEvent[]) {
      for (const event of events) {
        const parsed = DomainEventSchema.safeParse(event);
        if (!parsed.success) {
          logger?.error(
            { eventId: (event as { id?: unknown }).id, type: (event as { type?: unknown }).type, issues: parsed.error.issues.slice(0, 5) },
            'malformed outbox event skipped by the socket publisher',
          );
          continue;
        }
        try {
          fanOut(event);
        } catch (err) {
          logger?.error({ err, eventId: event.id, type: event.type }, 'socket push of an event failed; skipped');
        }
      }
    },
  };

  function fanOut(event: DomainEvent): void {
    const { staff, tablet } = realtime;
    staff.to(storeRoom(event.storeId)).emit('store:event', event);
    if (isKitchenEvent(event)) staff.to(kitchenRoom(event.storeId)).emit('store:event', event);
    if (isOrderEvent(event)) {
      const order = event.payload.order;
      // A moved order may open a visit at its new table: that table's tablets join its room like at placement.
      if (event.type === 'order.placed' || event.type === 'order.moved')
        tablet.in(tableRoom(order.tableId)).socketsJoin(visitRoom(order.visitId));
      tablet.to(visitRoom(order.visitId)).emit('order:updated', order);
      // The table the order left drops it: its tablets read their visit again.
      if (event.type === 'order.moved' && event.payload.fromTableId !== order.tableId) {
        tablet.to(tableRoom(event.payload.fromTableId)).emit('visit:changed', { visitId: event.payload.fromVisitId });
      }
      return;
    }
    switch (event.type) {
      case 'catalog.changed':
        tablet.to(tabletsRoom(event.storeId)).emit('catalog:changed', { version: event.payload.version });
        break;
      case 'stock.changed':
        stockPushes.push(event.storeId, event.payload);
        break;
      case 'visit.closed':
        tablet.in(visitRoom(event.payload.visitId)).socketsLeave(visitRoom(event.payload.visitId));
        tablet.to(tableRoom(event.payload.tableId)).emit('visit:closed', { visitId: event.payload.visitId });
        tablet.in(visitGuestsRoom(event.payload.visitId)).disconnectSockets(true);
        break;
      // Through the Socket.IO adapter, so the instance holding the socket closes it, whichever it is. The
      // token itself is already refused by every instance (authenticate reads the row on each use).
      case 'device.revoked': {
        const room = deviceRoom(event.payload.deviceId);
        tablet.to(room).emit('session:revoked');
        staff.to(room).emit('session:revoked');
        tablet.in(room).disconnectSockets(true);
        staff.in(room).disconnectSockets(true);
        break;
      }
      case 'staff.sessions_ended':
        staff.in(staffAccountRoom(event.payload.staffId)).disconnectSockets(true);
        break;
      case 'visit.moved':
        // The guests left the old table: its tablets start afresh; the new table's tablets show the visit.
        tablet.in(tableRoom(event.payload.fromTableId)).socketsLeave(visitRoom(event.payload.visitId));
        tablet.to(tableRoom(event.payload.fromTableId)).emit('visit:closed', { visitId: event.payload.visitId });
        tablet.in(tableRoom(event.payload.toTableId)).socketsJoin(visitRoom(event.payload.visitId));
        tablet.to(tableRoom(event.payload.toTableId)).emit('visit:changed', { visitId: event.payload.visitId });
        break;
      case 'visit.merged':
        tablet.in(visitRoom(event.payload.fromVisitId)).socketsLeave(visitRoom(event.payload.fromVisitId));
        tablet.to(tableRoom(event.payload.fromTableId)).emit('visit:closed', { visitId: event.payload.fromVisitId });
        break;
      default:
        break;
    }
  }
}

type StockChange = DomainEventMap['stock.changed'];

/**
 * Every order of a counted dish changes its stock, and every tablet of the store hears of it: at 300 orders/s
 * and 200 tablets that was 60,000 frames/s. Stock levels only matter as their latest value, so a store's pushes
 * are merged per interval (the first at once); the server checks stock at every placement anyway.
 */
const STOCK_PUSH_INTERVAL_MS = 200;

/** The later level of each menu wins; the version is the highest seen. */
export function mergeStockChanges(older: StockChange, newer: StockChange): StockChange {
  const menus = new Map(older.menus.map((m) => [m.menuId, m]));
  for (const m of newer.menus) menus.set(m.menuId, m);
  return { version: Math.max(older.version, newer.version), menus: [...menus.values()] };
}

import { isKitchenEvent, isOrderEvent, type DomainEvent } from '@hiorder/domain/events/domain-events';
import { kitchenRoom, storeRoom, tableRoom } from '@hiorder/domain/realtime/realtime';
import type { EventPublisher } from '../outbox/outbox-relay';
import type { RealtimeServer } from './realtime-server';
import { tabletsRoom, visitRoom } from './rooms';

/**
 * Fans committed events out to the socket rooms. Staff get every store event with its seq; kitchens only
 * kitchen events (never an unpaid order, I2); a tablet gets its own visit's orders only — it joins the visit's
 * room when the visit's first order is placed and leaves it when staff close the table (I7).
 */
export function socketPublisher(realtime: RealtimeServer): EventPublisher {
  return {
    name: 'sockets',
    delivery: 'live',
    async publish(events: readonly DomainEvent[]) {
      const { staff, tablet } = realtime;
      for (const event of events) {
        staff.to(storeRoom(event.storeId)).emit('store:event', event);
        if (isKitchenEvent(event)) staff.to(kitchenRoom(event.storeId)).emit('store:event', event);
        if (isOrderEvent(event)) {
          const order = event.payload.order;
          if (event.type === 'order.placed') tablet.in(tableRoom(order.tableId)).socketsJoin(visitRoom(order.visitId));
          tablet.to(visitRoom(order.visitId)).emit('order:updated', order);
          continue;
        }
        switch (event.type) {
          case 'catalog.changed':
            tablet.to(tabletsRoom(event.storeId)).emit('catalog:changed', { version: event.payload.version });
            break;
          case 'stock.changed':
            tablet.to(tabletsRoom(event.storeId)).emit('stock:changed', event.payload);
            break;
          case 'visit.closed':
            tablet.in(visitRoom(event.payload.visitId)).socketsLeave(visitRoom(event.payload.visitId));
            tablet.to(tableRoom(event.payload.tableId)).emit('visit:closed', { visitId: event.payload.visitId });
            break;
          default:
            break;
        }
      }
    },
  };
}

import type { Station } from '@hiorder/domain/catalog/catalog.schemas';
import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { newId } from '@hiorder/domain/shared/ids';
import { DEFAULT_TIME_ZONE } from '@hiorder/domain/shared/store-time';
import type { SqlSession } from '../db/direct-sql';
import { storeTimeZone } from '../identity/store.repository';
import type { EventProcessor } from '../outbox/event-processor';
import type { StationTicket } from './print-document';
import { insertPrintJob } from './print-job.repository';

/**
 * Kitchen tickets: `order.paid` queues one print job per station of the order that has a printer (its lines
 * only). Runs through `applyBatchOnce` like every processor, and the job's unique `ticket:<order>:<station>` key
 * is a second guard: the jobs exist once however often the event comes. Printing itself happens after the
 * commit, in the print dispatcher. Throws nothing of its own; a database error fails the transaction and the
 * event is retried.
 */
export const printingProcessor: EventProcessor = {
  name: 'printing',
  handles: ['order.paid'] as const,
  handle(event: DomainEvent, ctx: { sql: SqlSession }): Promise<void> {
    return queueTickets([event], ctx.sql);
  },
  handleBatch(events: readonly DomainEvent[], ctx: { sql: SqlSession }): Promise<void> {
    return queueTickets(events, ctx.sql);
  },
};

/**
 * Queues the tickets of a batch's paid orders in the batch's order (the relay's: by store, then seq), each store's
 * printers and time zone read once. Tickets are the one effect where order matters (the kitchen prints in queue
 * order); across batches run at once by several workers it is not guaranteed.
 */
async function queueTickets(events: readonly DomainEvent[], sql: SqlSession): Promise<void> {
  const stores = new Map<string, { duties: Set<string>; timeZone: string }>();
  for (const event of events) {
    if (event.type !== 'order.paid') continue;
    const order = event.payload.order;
    if (!order.paidAt) continue;
    let store = stores.get(event.storeId);
    if (!store) {
      const duties = new Set(
        (await sql.all<{ duty: string }>('select distinct duty from printer where store_id = ?', [event.storeId])).map((r) => r.duty),
      );
      const timeZone = duties.size === 0 ? DEFAULT_TIME_ZONE : ((await storeTimeZone(sql, event.storeId)) ?? DEFAULT_TIME_ZONE);
      stores.set(event.storeId, (store = { duties, timeZone }));
    }
    if (store.duties.size === 0) continue;
    for (const ticket of stationTicketsOf(order, store.timeZone)) {
      if (!store.duties.has(ticket.station)) continue;
      await insertPrintJob(sql, {
        id: newId(),
        storeId: event.storeId,
        kind: 'ticket',
        duty: ticket.station,
        dedupeKey: `ticket:${order.id}:${ticket.station}`,
        orderId: order.id,
        tableLabel: order.tableLabel,
        document: JSON.stringify(ticket),
        createdAt: new Date(),
      });
    }
  }
}

/**
 * An order's tickets, one per station that has lines, lines in the order's order. Each line goes to its own
 * station (`line.station`: its category's station when it was ordered) — the one fact the kitchen display and the
 * station bumps read too, so a category moved to the bar after the order never sends the ticket to one station
 * and the tile to another.
 */
export function stationTicketsOf(order: OrderDto, timeZone: string): StationTicket[] {
  const byStation = new Map<Station, StationTicket>();
  for (const line of order.lines) {
    const station = line.station;
    let ticket = byStation.get(station);
    if (!ticket) {
      ticket = {
        kind: 'ticket',
        station,
        orderShortCode: order.shortCode,
        tableLabel: order.tableLabel,
        paidAt: order.paidAt ?? order.createdAt,
        timeZone,
        lines: [],
        orderNote: order.note,
      };
      byStation.set(station, ticket);
    }
    ticket.lines.push({ name: line.name.ko, qty: line.qty, options: line.options.map((o) => o.name.ko), note: line.note || null });
  }
  return [...byStation.values()];
}

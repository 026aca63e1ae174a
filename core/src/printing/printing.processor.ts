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
 * only). Runs through `applyOnce` like every processor, and the job's unique `ticket:<order>:<station>` key
 * is a second guard: the jobs exist once however often the event comes. Printing itself happens after the
 * commit, in the print dispatcher. Throws nothing of its own; a database error fails the transaction and the
 * event is retried.
 */
export const printingProcessor: EventProcessor = {
  name: 'printing',
  handles: ['order.paid'] as const,
  async handle(event: DomainEvent, { sql }: { sql: SqlSession }): Promise<void> {
    if (event.type !== 'order.paid') return;
    const order = event.payload.order;
    if (!order.paidAt) return;
    const duties = new Set(
      (await sql.all<{ duty: string }>('select distinct duty from printer where store_id = ?', [event.storeId])).map((r) => r.duty),
    );
    if (duties.size === 0) return;
    const timeZone = (await storeTimeZone(sql, event.storeId)) ?? DEFAULT_TIME_ZONE;
    for (const ticket of stationTicketsOf(order, timeZone)) {
      if (!duties.has(ticket.station)) continue;
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
  },
};

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

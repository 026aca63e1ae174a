import type { CatalogSyncDto } from '../catalog/catalog.schemas';
import type { DomainEvent } from '../events/domain-events';
import type { OrderDto, OrderPlace } from '../ordering/ordering.schemas';
import type { StaffCall } from '../ordering/staff-call.schemas';
import type { OrderPay } from '../payment/payment.schemas';
import type { Actor } from '../identity/identity.schemas';
import { z } from 'zod';
import type { AckCallback } from '../shared/errors';

/**
 * Socket.IO contracts. Namespaces: `/tablet` (device token of role `table`; room `table:<id>`) and `/staff`
 * (staff access token or a kitchen device token; rooms `store:<id>`, `kitchen:<id>`). Every client→server
 * event is acknowledged with `Ack<T>`, sent only after the commit.
 */

export const TABLET_NAMESPACE = '/tablet';
export const STAFF_NAMESPACE = '/staff';

/** Handshake `auth` of a tablet: its device token and the catalog version it holds. */
export const TabletHandshakeSchema = z.object({
  token: z.string().min(10).max(300),
  catalogVersion: z.number().int().min(0).optional(),
});
export type TabletHandshake = z.infer<typeof TabletHandshakeSchema>;

/** Handshake `auth` of a board or kitchen display: its token and the last store `seq` it applied. */
export const StaffHandshakeSchema = z.object({
  token: z.string().min(10).max(2000),
  lastSeq: z.number().int().min(0).optional(),
});
export type StaffHandshake = z.infer<typeof StaffHandshakeSchema>;

export const EventsSinceSchema = z.strictObject({ lastSeq: z.number().int().min(0) });
export type EventsSince = z.infer<typeof EventsSinceSchema>;
export const OrdersListInputSchema = z.strictObject({});
export const CatalogSyncInputSchema = z.strictObject({ since: z.number().int().min(0).optional() });

export interface EventsPage {
  events: DomainEvent[];
  /** The store's last published seq at the time of the answer. */
  lastSeq: number;
  /** More events than one page: ask again from the last one received. */
  more: boolean;
}

export interface TabletServerToClientEvents {
  /** An order of this table's current visit changed state. */
  'order:updated': (order: OrderDto) => void;
  /** The catalog moved past the tablet's version: sync it (`catalog:sync`). */
  'catalog:changed': (change: { version: number }) => void;
  /** Stock or sold-out changed: applied at once, without a full sync. */
  'stock:changed': (change: { version: number; menus: { menuId: string; stock: number | null; soldOut: boolean }[] }) => void;
  /** Staff closed the table: the tablet drops the visit's history and starts afresh. */
  'visit:closed': (info: { visitId: string }) => void;
  /** Orders moved to or from this table (a table move, a merge, one order moved): ask `orders:list` again. */
  'visit:changed': (info: { visitId: string }) => void;
  /** Recommendations were recomputed. */
  'recommendations:updated': (info: { storeId: string }) => void;
  /** The device token was revoked: go back to the pairing screen. */
  'session:revoked': () => void;
}

export interface TabletClientToServerEvents {
  'order:place': (input: OrderPlace, ack: AckCallback<OrderDto>) => void;
  'order:pay': (input: OrderPay, ack: AckCallback<OrderDto>) => void;
  'orders:list': (input: Record<string, never>, ack: AckCallback<OrderDto[]>) => void;
  'catalog:sync': (input: { since?: number }, ack: AckCallback<CatalogSyncDto>) => void;
  'staff:call': (input: StaffCall, ack: AckCallback<{ called: true }>) => void;
}

export interface StaffServerToClientEvents {
  /** A store event, in `seq` order. A board applies it only if `seq` is above the last it saw. */
  'store:event': (event: DomainEvent) => void;
  /** Sent after the catch-up of a (re)connection: the board is now in step up to `lastSeq`. */
  'sync:done': (info: { lastSeq: number }) => void;
  /** Statistics read models changed (throttled). */
  'stats:updated': (info: { storeId: string }) => void;
  /** This kitchen display was unpaired by an admin: back to the pairing screen. */
  'session:revoked': () => void;
}

export interface StaffClientToServerEvents {
  'events:since': (input: EventsSince, ack: AckCallback<EventsPage>) => void;
}

export interface SocketData {
  actor: Actor;
}

export function tableRoom(tableId: string): string {
  return `table:${tableId}`;
}
export function storeRoom(storeId: string): string {
  return `store:${storeId}`;
}
export function kitchenRoom(storeId: string): string {
  return `kitchen:${storeId}`;
}

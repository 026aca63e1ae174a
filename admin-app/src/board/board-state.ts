import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { TableDto } from '@hiorder/domain/identity/identity.schemas';
import { awaitsCounterPayment, isPaid, isToCook } from '@hiorder/domain/ordering/order-lifecycle';
import { isSameOrNewerOrder } from '@hiorder/domain/ordering/order-progress';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { StaffCallKind } from '@hiorder/domain/ordering/staff-call.schemas';
import { sumWon } from '@hiorder/domain/shared/money';
import { assertNever } from '@hiorder/domain/shared/errors';

/**
 * The live board of a store as a pure reducer: orders keyed by id, closed visits, open staff calls and the
 * orders that just arrived (highlighted). It is fed only with events the SeqTracker released in seq order,
 * plus the orders the server answers to the board's own actions, so it never reads the database itself.
 *
 * Order events carry the whole order after the change, with its revision (+1 on every change). Merging keeps the
 * highest revision: a late duplicate, a replay after a reconnect or an HTTP answer racing a push can never put an
 * older version back, while a real recall (served → accepted) still shows (I8 converges whatever the arrival order).
 */

export interface StaffCallEntry {
  /** The event id: a replayed call is recognised and not shown twice. */
  id: string;
  /** Every call this entry stands for (a guest pressing twice is one entry): acknowledging it acknowledges them all. */
  ids: readonly string[];
  tableId: string;
  tableLabel: string;
  kind: StaffCallKind;
  /** The store's preset the guest asked for (`kind` `request`), as it was named then. */
  label?: { ko: string; en: string };
  at: string;
}

export interface BoardState {
  orders: Readonly<Record<string, OrderDto>>;
  closedVisits: Readonly<Record<string, true>>;
  staffCalls: readonly StaffCallEntry[];
  /** Orders that became paid while the board was watching: orderId → when it arrived (ISO). */
  fresh: Readonly<Record<string, string>>;
  /**
   * The newest catalog version a `catalog.changed` event announced (0 before any): the catalog screen reloads
   * when it shows an older one, so an edit by another admin appears without a refresh.
   */
  catalogVersion: number;
  /** Paid orders whose alarm someone acknowledged, on this screen or another: they no longer ring. */
  acknowledgedOrders: Readonly<Record<string, true>>;
}

export type BoardAction =
  /** Events released by the SeqTracker, in seq order. `live` once the first sync is done (sound + highlight). */
  | { type: 'events'; events: readonly DomainEvent[]; live: boolean; now: string }
  /** The server's answer to one of the board's own commands (accept, serve, cancel). */
  | { type: 'order'; order: OrderDto }
  /** `GET /api/board`: the orders to start from, and the visits of theirs that are already closed. */
  | { type: 'snapshot'; orders: readonly OrderDto[]; closedVisitIds: readonly string[]; acknowledgedOrderIds?: readonly string[] }
  /** The server accepted this screen's acknowledgement (the `alarm.acknowledged` push that follows changes nothing more). */
  | { type: 'acknowledged'; orderIds: readonly string[]; staffCallIds: readonly string[] }
  | { type: 'order-seen'; orderId: string };

export const emptyBoard: BoardState = {
  orders: {},
  closedVisits: {},
  staffCalls: [],
  fresh: {},
  catalogVersion: 0,
  acknowledgedOrders: {},
};

/** Staff calls older than this are history, not something to answer, when replayed on a (re)connect. */
export const STAFF_CALL_TTL_MS = 10 * 60 * 1000;

/** The newer of two versions of one order, by revision (ties go to the newer arrival). */
export function mergeOrder(known: OrderDto | undefined, incoming: OrderDto): OrderDto {
  if (!known) return incoming;
  return isSameOrNewerOrder(incoming, known) ? incoming : known;
}

function withOrder(state: BoardState, incoming: OrderDto): BoardState {
  const known = state.orders[incoming.id];
  const merged = mergeOrder(known, incoming);
  if (merged === known) return state;
  let fresh = state.fresh;
  if (merged.status !== 'paid' && fresh[merged.id]) {
    const { [merged.id]: _gone, ...rest } = fresh;
    fresh = rest;
  }
  return { ...state, orders: { ...state.orders, [merged.id]: merged }, fresh };
}

function acknowledge(state: BoardState, orderIds: readonly string[], staffCallIds: readonly string[]): BoardState {
  const acknowledgedOrders = { ...state.acknowledgedOrders };
  for (const id of orderIds) acknowledgedOrders[id] = true;
  const answered = new Set(staffCallIds);
  const staffCalls = state.staffCalls.filter((c) => !c.ids.some((id) => answered.has(id)));
  return { ...state, acknowledgedOrders, staffCalls };
}

function applyEvent(state: BoardState, event: DomainEvent, live: boolean, now: string): BoardState {
  switch (event.type) {
    case 'order.placed':
    case 'order.payment_failed':
    case 'order.counter_requested':
    case 'order.split_changed':
    case 'order.expired':
    case 'order.accepted':
    case 'order.served':
    case 'order.lines_bumped':
    case 'order.cancelled':
    case 'order.refunded':
    case 'order.moved':
      // A moved order carries its new table and visit: the tiles and tickets follow it.
      return withOrder(state, event.payload.order);
    case 'order.paid': {
      const next = withOrder(state, event.payload.order);
      if (!live || next === state || next.orders[event.payload.order.id]?.status !== 'paid') return next;
      return { ...next, fresh: { ...next.fresh, [event.payload.order.id]: now } };
    }
    case 'visit.closed': {
      const staffCalls = state.staffCalls.filter((c) => c.tableId !== event.payload.tableId);
      return { ...state, closedVisits: { ...state.closedVisits, [event.payload.visitId]: true }, staffCalls };
    }
    case 'visit.moved':
      return state;
    case 'visit.merged':
      return { ...state, closedVisits: { ...state.closedVisits, [event.payload.fromVisitId]: true } };
    case 'table.staff_called': {
      const recent = Date.parse(now) - Date.parse(event.occurredAt) < STAFF_CALL_TTL_MS;
      if ((!live && !recent) || state.staffCalls.some((c) => c.id === event.id)) return state;
      const same = (c: StaffCallEntry) =>
        c.tableId === event.payload.tableId && c.kind === event.payload.kind && c.label?.ko === event.payload.label?.ko;
      const call: StaffCallEntry = {
        id: event.id,
        ids: [...state.staffCalls.filter(same).flatMap((c) => c.ids), event.id],
        tableId: event.payload.tableId,
        tableLabel: event.payload.tableLabel,
        kind: event.payload.kind,
        ...(event.payload.label ? { label: event.payload.label } : {}),
        at: event.occurredAt,
      };
      // One open call per table and request: a guest pressing twice is one thing to do.
      return { ...state, staffCalls: [...state.staffCalls.filter((c) => !same(c)), call] };
    }
    case 'alarm.acknowledged':
      return acknowledge(state, event.payload.orderIds, event.payload.staffCallIds);
    case 'catalog.changed':
      return event.payload.version > state.catalogVersion ? { ...state, catalogVersion: event.payload.version } : state;
    case 'stock.changed':
    case 'staff.sessions_ended':
    case 'device.revoked':
      return state;
    default:
      return assertNever(event);
  }
}

export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case 'events':
      return action.events.reduce((s, e) => applyEvent(s, e, action.live, action.now), state);
    case 'order':
      return withOrder(state, action.order);
    case 'snapshot': {
      // Merged like any other version: a push that raced the snapshot and is already applied stays ahead.
      const merged = action.orders.reduce(withOrder, state);
      const closedVisits = { ...merged.closedVisits };
      for (const id of action.closedVisitIds) closedVisits[id] = true;
      return acknowledge({ ...merged, closedVisits }, action.acknowledgedOrderIds ?? [], []);
    }
    case 'acknowledged':
      return acknowledge(state, action.orderIds, action.staffCallIds);
    case 'order-seen': {
      if (!state.fresh[action.orderId]) return state;
      const { [action.orderId]: _seen, ...fresh } = state.fresh;
      return { ...state, fresh };
    }
    default:
      return assertNever(action);
  }
}

const byTime = (pick: (o: OrderDto) => string | null) => (a: OrderDto, b: OrderDto) =>
  (pick(a) ?? a.createdAt).localeCompare(pick(b) ?? b.createdAt);

export interface BoardColumns {
  /** Unpaid, the guest pays at the counter: oldest first (never to cook). */
  counter: OrderDto[];
  /** Paid, waiting for staff to accept: oldest first. */
  fresh: OrderDto[];
  accepted: OrderDto[];
  /** Served orders of visits still open, newest first. */
  served: OrderDto[];
}

/** Board columns. I2: `pending_payment` (and every unpaid state) is in none of them. */
export function selectColumns(state: BoardState, servedLimit = 40): BoardColumns {
  const all = Object.values(state.orders);
  return {
    // Unpaid orders the guest will pay at the counter: staff settle them; they are not to cook (I2). Shown even
    // after a forced close of their visit: they never expire by themselves, so only staff can end them.
    counter: all.filter((o) => awaitsCounterPayment(o)).sort(byTime((o) => o.createdAt)),
    fresh: all.filter((o) => o.status === 'paid').sort(byTime((o) => o.paidAt)),
    accepted: all.filter((o) => o.status === 'accepted').sort(byTime((o) => o.paidAt)),
    served: all
      .filter((o) => o.status === 'served' && !state.closedVisits[o.visitId])
      .sort(byTime((o) => o.servedAt))
      .reverse()
      .slice(0, servedLimit),
  };
}

export interface Alarms {
  /** Paid orders nobody has taken up (accepted, started, served) nor acknowledged: oldest first. */
  orders: OrderDto[];
  /** Open staff calls: each rings until someone acknowledges it. */
  calls: readonly StaffCallEntry[];
}

/**
 * What rings on this screen, until acknowledged here or on any other screen of the store. A kitchen gets no staff
 * calls, so only orders ring there. I2: an unpaid order never rings.
 */
export function selectAlarms(state: BoardState): Alarms {
  return {
    orders: Object.values(state.orders)
      .filter((o) => o.status === 'paid' && o.paidAt !== null && !state.acknowledgedOrders[o.id])
      .sort(byTime((o) => o.paidAt)),
    calls: state.staffCalls,
  };
}

/** What the kitchen cooks, oldest paid first. I2: only paid and accepted orders. */
export function selectToCook(state: BoardState): OrderDto[] {
  return Object.values(state.orders)
    .filter((o) => isToCook(o.status) && o.paidAt !== null)
    .sort(byTime((o) => o.paidAt));
}

export interface TableSummary {
  table: Pick<TableDto, 'id' | 'label'>;
  visitId: string | null;
  /** The visit's paid orders and the refunded ones (never the unpaid ones). */
  orders: OrderDto[];
  total: number;
  toCook: number;
  awaitingPayment: number;
  calls: StaffCallEntry[];
}

/** One summary per table with its open visit's orders, derived from the events the board applied. */
export function selectTables(state: BoardState, tables: readonly Pick<TableDto, 'id' | 'label'>[]): TableSummary[] {
  const open = Object.values(state.orders).filter((o) => !state.closedVisits[o.visitId]);
  return tables.map((table) => {
    const mine = open.filter((o) => o.tableId === table.id);
    const shown = mine.filter((o) => isPaid(o.status) || (o.status === 'cancelled' && o.paidAt !== null)).sort(byTime((o) => o.paidAt));
    const paid = shown.filter((o) => isPaid(o.status));
    return {
      table,
      visitId: mine[0]?.visitId ?? null,
      orders: shown,
      total: sumWon(paid.map((o) => o.total)),
      toCook: shown.filter((o) => isToCook(o.status)).length,
      awaitingPayment: mine.filter((o) => o.status === 'pending_payment').length,
      calls: state.staffCalls.filter((c) => c.tableId === table.id),
    };
  });
}

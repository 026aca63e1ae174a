import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { OrderDtoSchema, OrderRefundDtoSchema, PaymentMethodSchema } from '../ordering/ordering.schemas';
import { StaffCalledPayloadSchema } from '../ordering/staff-call.schemas';
import { RoleSchema } from '../identity/identity.schemas';
import { VisitCloseReasonSchema } from '../ordering/visit.schemas';
import { BillSplitDtoSchema } from '../payment/bill-split';

/**
 * Every domain event, by type. Order events carry the presented order as it is after the change, so a
 * consumer (board, kitchen, tablet, statistics) never has to read back from the database to apply it.
 * Names are `<aggregate>.<past tense>`.
 */
export const DomainEventPayloadSchemas = {
  'order.placed': z.object({ order: OrderDtoSchema }),
  /** `method` is how it was paid (absent on events recorded before counter payments existed: easy pay). */
  'order.paid': z.object({ order: OrderDtoSchema, method: PaymentMethodSchema.optional() }),
  'order.payment_failed': z.object({ order: OrderDtoSchema, code: z.string() }),
  /** The guest chose to pay at the counter: the board shows the order as awaiting counter payment (never the kitchen). */
  'order.counter_requested': z.object({ order: OrderDtoSchema }),
  /** A share of a split bill was reserved, paid, declined or refunded (the order's own status may not move). */
  'order.split_changed': z.object({ order: OrderDtoSchema, split: BillSplitDtoSchema }),
  'order.expired': z.object({ order: OrderDtoSchema }),
  'order.accepted': z.object({ order: OrderDtoSchema }),
  'order.served': z.object({ order: OrderDtoSchema }),
  /**
   * A station finished lines (or took them back: `ready` false). What changed is named; `order` is the order after
   * it. The order's own move (accepted, served, recalled) follows as its own event in the same transaction.
   */
  'order.lines_bumped': z.object({ order: OrderDtoSchema, lineIds: z.array(IdSchema), ready: z.boolean() }),
  /**
   * `refunded`: money went back; `amount` is what this cancel refunded (the total less earlier partial refunds) and
   * `method` how the order was paid — both absent on events recorded before partial refunds (then: the total, easy pay).
   */
  'order.cancelled': z.object({
    order: OrderDtoSchema,
    reason: z.string(),
    refunded: z.boolean(),
    amount: z.number().int().min(0).optional(),
    method: PaymentMethodSchema.optional(),
  }),
  /** Staff refunded part of a paid order (lines or quantities); `refund` is the one made, `order` the order after it. */
  'order.refunded': z.object({ order: OrderDtoSchema, refund: OrderRefundDtoSchema }),
  /** The order changed table and visit (a visit moved or merged, or the order alone); `order` is where it is now. */
  'order.moved': z.object({ order: OrderDtoSchema, fromTableId: IdSchema, fromVisitId: IdSchema }),
  'catalog.changed': z.object({ version: z.number().int(), menuIds: z.array(IdSchema) }),
  'stock.changed': z.object({
    version: z.number().int(),
    menus: z.array(z.object({ menuId: IdSchema, stock: z.number().int().nullable(), soldOut: z.boolean() })),
  }),
  /** `reason` is absent on events recorded before it existed (they were all staff closes). */
  'visit.closed': z.object({ visitId: IdSchema, tableId: IdSchema, tableLabel: z.string(), reason: VisitCloseReasonSchema.optional() }),
  /** The visit moved to a free table; its orders' `order.moved` events come just before. */
  'visit.moved': z.object({
    visitId: IdSchema,
    fromTableId: IdSchema,
    fromTableLabel: z.string(),
    toTableId: IdSchema,
    toTableLabel: z.string(),
  }),
  /** `fromVisitId` joined `intoVisitId` (its orders' `order.moved` events come just before) and is closed. */
  'visit.merged': z.object({
    fromVisitId: IdSchema,
    intoVisitId: IdSchema,
    fromTableId: IdSchema,
    fromTableLabel: z.string(),
    intoTableId: IdSchema,
    intoTableLabel: z.string(),
  }),
  'table.staff_called': StaffCalledPayloadSchema,
  /**
   * Someone on a board or kitchen display acknowledged these alarms (paid orders nobody had taken up yet, staff
   * calls): every screen of the store stops ringing for them. Only the ids acknowledged for the first time.
   */
  'alarm.acknowledged': z.object({ orderIds: z.array(IdSchema), staffCallIds: z.array(IdSchema), byRole: RoleSchema }),
  /** A staff account's sessions were ended (disabled, demoted or its password reset): its sockets close everywhere. */
  'staff.sessions_ended': z.object({ staffId: IdSchema, reason: z.enum(['disabled', 'role_changed', 'password_reset']) }),
  /** A tablet or kitchen display was unpaired: its sockets close everywhere and it goes back to pairing. */
  'device.revoked': z.object({ deviceId: IdSchema }),
} as const;

export type DomainEventMap = { [K in keyof typeof DomainEventPayloadSchemas]: z.infer<(typeof DomainEventPayloadSchemas)[K]> };
export type DomainEventType = keyof DomainEventMap;
export const DOMAIN_EVENT_TYPES = Object.keys(DomainEventPayloadSchemas) as DomainEventType[];

/**
 * An event as stored in the outbox and published. `seq` is the store's position of the event, increasing
 * without gaps; it is given by the relay when the event is published (null until then).
 */
export type DomainEventOf<K extends DomainEventType> = {
  id: string;
  type: K;
  storeId: string;
  aggregateId: string;
  seq: number;
  occurredAt: string;
  payload: DomainEventMap[K];
};
export type DomainEvent = { [K in DomainEventType]: DomainEventOf<K> }[DomainEventType];

const EventEnvelope = z.object({
  id: IdSchema,
  storeId: IdSchema,
  aggregateId: IdSchema,
  seq: z.number().int().min(1),
  occurredAt: z.string(),
});

/** Parses an event that crossed a process boundary (BullMQ job data, socket push). */
export const DomainEventSchema = z.discriminatedUnion(
  'type',
  DOMAIN_EVENT_TYPES.map((type) =>
    EventEnvelope.extend({ type: z.literal(type), payload: DomainEventPayloadSchemas[type] }),
  ) as unknown as [z.ZodObject<{ type: z.ZodLiteral<DomainEventType> }>],
) as unknown as z.ZodType<DomainEvent>;

/** Order events: the ones that carry an order. */
export const ORDER_EVENT_TYPES = [
  'order.placed',
  'order.paid',
  'order.payment_failed',
  'order.counter_requested',
  'order.split_changed',
  'order.expired',
  'order.accepted',
  'order.served',
  'order.lines_bumped',
  'order.cancelled',
  'order.refunded',
  'order.moved',
] as const satisfies readonly DomainEventType[];
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];
export type OrderEvent = Extract<DomainEvent, { type: OrderEventType }>;

export function isOrderEvent(event: DomainEvent): event is OrderEvent {
  return (ORDER_EVENT_TYPES as readonly string[]).includes(event.type);
}

/**
 * I2: which events the kitchen may receive. An order enters the kitchen's view only when it is paid, so
 * `order.placed`, `order.payment_failed` and `order.expired` never reach a kitchen room.
 */
export function isKitchenEvent(event: DomainEvent): boolean {
  switch (event.type) {
    case 'order.paid':
    case 'order.accepted':
    case 'order.served':
    case 'order.lines_bumped':
    case 'order.refunded':
      return true;
    case 'order.cancelled':
    case 'order.moved':
      // A ticket on the kitchen's screen follows its table; an unpaid order never shows there.
      return event.payload.order.paidAt !== null;
    case 'alarm.acknowledged':
      // Only paid orders can be acknowledged, so the ids name nothing the kitchen may not see; its staff-call ids
      // name calls the kitchen never gets, and ignores.
      return event.payload.orderIds.length > 0;
    case 'catalog.changed':
    case 'stock.changed':
    case 'visit.closed':
    case 'visit.moved':
    case 'visit.merged':
    case 'table.staff_called':
    case 'staff.sessions_ended':
    case 'device.revoked':
    case 'order.placed':
    case 'order.payment_failed':
    case 'order.counter_requested':
    case 'order.split_changed':
    case 'order.expired':
      return false;
  }
}

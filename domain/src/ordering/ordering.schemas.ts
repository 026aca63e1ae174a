import { z } from 'zod';
import { CourseSchema, StationSchema } from '../catalog/catalog.schemas';
import { ChosenOptionIdsSchema, ChosenOptionSchema } from '../catalog/menu-options';
import { IdSchema } from '../shared/ids';
import { LIMITS } from '../shared/limits';
import { WonSchema } from '../shared/money';
import { StaffCalledPayloadSchema } from './staff-call.schemas';

/** The order lifecycle of DESIGN.md. Only `paid` and later reach the board or the kitchen as "to cook". */
export const OrderStatusSchema = z.enum(['pending_payment', 'paid', 'accepted', 'served', 'payment_failed', 'expired', 'cancelled']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/**
 * What the guest knows of the payment: `unknown` means the provider did not answer and we are finding out;
 * `declined` the last attempt failed (the order is still payable); `counter` the guest will pay at the counter
 * (staff settle it; it does not expire by itself); `split` the guests pay it in shares from their phones (it is paid
 * when the shares cover the total; at expiry the paid shares are refunded).
 */
export const PaymentStateSchema = z.enum(['none', 'unknown', 'done', 'declined', 'cancelled', 'counter', 'split']);
export type PaymentState = z.infer<typeof PaymentStateSchema>;

/** How an order was paid: with the easy-pay provider, or at the counter in cash, on the card terminal, or otherwise. */
export const PaymentMethodSchema = z.enum(['easy_pay', 'cash', 'card_terminal', 'other']);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

/** `POST /api/orders/:orderId/settle`: staff took the payment of an unpaid order at the counter. */
export const CounterSettleSchema = z.strictObject({ method: PaymentMethodSchema.exclude(['easy_pay']) });
export type CounterSettle = z.infer<typeof CounterSettleSchema>;

export const IdempotencyKeySchema = z
  .string()
  .min(LIMITS.idempotencyKeyMin)
  .max(LIMITS.idempotencyKeyMax)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');

export const OrderLineInputSchema = z.strictObject({
  menuId: IdSchema,
  qty: z.number().int().min(1).max(LIMITS.maxQtyPerLine),
  /** The price the tablet showed. Informational only: the server always prices from its catalog (rule 4). */
  unitPrice: WonSchema.optional(),
  /** Ids of the chosen options; the server prices and names them from its catalog. */
  options: ChosenOptionIdsSchema.default([]),
  /** The guest's request for this line ("덜 맵게"). */
  note: z.string().trim().max(LIMITS.maxLineNoteLength).default(''),
});
export type OrderLineInput = z.infer<typeof OrderLineInputSchema>;

/** `order:place` / `POST /api/orders`: a cart, with the key the tablet made when it wrote it to its outbox. */
export const OrderPlaceSchema = z.strictObject({
  idempotencyKey: IdempotencyKeySchema,
  lines: z.array(OrderLineInputSchema).min(1).max(LIMITS.maxLinesPerOrder),
  note: z.string().trim().max(LIMITS.maxNoteLength).optional(),
});
export type OrderPlace = z.infer<typeof OrderPlaceSchema>;

export const OrderLineDtoSchema = z.object({
  /** The line's own id: what a station bump or a checked-off line names. */
  id: IdSchema,
  menuId: IdSchema,
  categoryId: IdSchema,
  name: z.object({ ko: z.string(), en: z.string() }),
  course: CourseSchema,
  qty: z.number().int(),
  unitPrice: WonSchema,
  lineTotal: WonSchema,
  /** The chosen options as they were at placement; `unitPrice` already includes their deltas. */
  options: z.array(ChosenOptionSchema).default([]),
  note: z.string().default(''),
  /** Where it is prepared: its category's station when it was ordered. */
  station: StationSchema,
  /** When its station finished it (bumped or checked off); null while it is being made. */
  readyAt: z.string().nullable(),
  /** How much of `qty` staff refunded (partial refunds); the line is still shown, struck for that part. */
  refundedQty: z.number().int().min(0).default(0),
});
export type OrderLineDto = z.infer<typeof OrderLineDtoSchema>;

/** A refund as the order keeps it (history): what was refunded, how much, why, by whom, and whether stock came back. */
export const OrderRefundDtoSchema = z.object({
  id: IdSchema,
  amount: WonSchema,
  reason: z.string(),
  restocked: z.boolean(),
  lines: z.array(z.object({ lineId: IdSchema, qty: z.number().int().min(1), amount: WonSchema })),
  /** The staff account that made it (null when reconciliation finished it after a crash). */
  staffId: IdSchema.nullable(),
  method: PaymentMethodSchema,
  refundedAt: z.string(),
});
export type OrderRefundDto = z.infer<typeof OrderRefundDtoSchema>;

export const OrderDtoSchema = z.object({
  id: IdSchema,
  shortCode: z.string(),
  storeId: IdSchema,
  tableId: IdSchema,
  tableLabel: z.string(),
  visitId: IdSchema,
  status: OrderStatusSchema,
  payment: PaymentStateSchema,
  lines: z.array(OrderLineDtoSchema),
  total: WonSchema,
  note: z.string(),
  createdAt: z.string(),
  /** When an unpaid order gives its stock back. */
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  /**
   * How it was paid (set with `paidAt`, kept after a refund): the easy-pay provider, or staff's counter method.
   * Null while unpaid. Orders stored before the method was kept (old events, a tablet's cache) read as null.
   */
  paymentMethod: PaymentMethodSchema.nullable().default(null),
  acceptedAt: z.string().nullable(),
  servedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** Sum of the partial refunds made so far (a cancel of the whole order refunds `total - refunded`). */
  refunded: WonSchema.default(0),
  /** The partial refunds, oldest first: lines, amounts, reasons, who. */
  refunds: z.array(OrderRefundDtoSchema).default([]),
  /**
   * Increases with every change of the order (status or line progress). A client keeps the version with the
   * higher revision: pushes and answers can arrive out of order, and a recalled order moves back.
   */
  revision: z.number().int().min(0),
});
export type OrderDto = z.infer<typeof OrderDtoSchema>;

export const OrderIdParamsSchema = z.strictObject({ orderId: IdSchema });

/**
 * `POST /api/orders/:orderId/bump`: a kitchen finishes lines. `station`: every open line of that station (a
 * station view's bump); `lineIds`: those lines (a cook checking one off); neither: the whole order. The order is
 * served when its last line is ready. `ready: false` takes the lines back (recall, undo of a bump).
 */
export const OrderBumpSchema = z
  .strictObject({
    station: StationSchema.optional(),
    lineIds: z.array(IdSchema).min(1).max(LIMITS.maxLinesPerOrder).optional(),
    ready: z.boolean().default(true),
  })
  .refine((b) => !(b.station && b.lineIds), { message: 'name a station or lines, not both' });
export type OrderBump = z.infer<typeof OrderBumpSchema>;

/**
 * Staff cancel (with refund when paid). `restock`: whether the stock of what is left comes back (default yes; no
 * for food already cooked and thrown away).
 */
export const OrderCancelSchema = z.strictObject({
  reason: z.string().trim().min(1).max(LIMITS.maxNoteLength),
  restock: z.boolean().default(true),
});
export type OrderCancel = z.infer<typeof OrderCancelSchema>;

/** Staff list of orders: by status, table, since a time; paged by creation. */
export const OrderListQuerySchema = z.strictObject({
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(OrderStatusSchema))
    .optional(),
  tableId: IdSchema.optional(),
  since: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type OrderListQuery = z.infer<typeof OrderListQuerySchema>;

export const VisitDtoSchema = z.object({
  id: IdSchema,
  tableId: IdSchema,
  tableLabel: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  orders: z.array(OrderDtoSchema),
  /** Sum of paid (and later, not cancelled) orders. */
  total: WonSchema,
});
export type VisitDto = z.infer<typeof VisitDtoSchema>;

/** `GET /api/board`: orders created after `since` (default: the last 24 hours) plus those of open visits. */
export const BoardSnapshotQuerySchema = z.strictObject({ since: z.iso.datetime().optional() });
export type BoardSnapshotQuery = z.infer<typeof BoardSnapshotQuerySchema>;

/**
 * `GET /api/board`: where a board or kitchen display starts instead of replaying the store's history. `lastSeq`
 * is read before the orders, so every change after it arrives as an event with a higher seq; an order only
 * moves forward, so applying such an event to an order already newer is harmless. `visits` are the open visits
 * (an order of any other visit belongs to a closed one); a kitchen gets only paid-or-later orders and no visits.
 */
export const BoardSnapshotDtoSchema = z.object({
  lastSeq: z.number().int().min(0),
  orders: z.array(OrderDtoSchema),
  visits: z.array(VisitDtoSchema),
  /**
   * Staff calls of the last minutes (at or below `lastSeq`), as their `table.staff_called` events: calls live
   * only as events, so a board opened after a guest called still shows the call. Empty for kitchens.
   */
  recentStaffCalls: z.array(
    z.object({
      id: IdSchema,
      type: z.literal('table.staff_called'),
      storeId: IdSchema,
      aggregateId: IdSchema,
      seq: z.number().int(),
      occurredAt: z.string(),
      payload: StaffCalledPayloadSchema,
    }),
  ),
  /**
   * The listed paid orders whose alarm someone already acknowledged: they don't ring on a screen opened now
   * (acknowledged calls are left out of `recentStaffCalls`). Absent from servers older than acknowledgements.
   */
  acknowledgedOrderIds: z.array(IdSchema).default([]),
});
export type BoardSnapshotDto = z.infer<typeof BoardSnapshotDtoSchema>;

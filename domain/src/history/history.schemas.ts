import { z } from 'zod';
import { OrderStatusSchema, type OrderDto, type PaymentMethod } from '../ordering/ordering.schemas';
import { IdSchema } from '../shared/ids';
import { WonSchema } from '../shared/money';

/**
 * The payment method recorded for an order paid through the tablet's easy-pay provider. Counter payments (cash,
 * card at the counter) carry their own method on the order; a paid order without one (stored before orders kept
 * their method) was paid this way.
 */
export const PROVIDER_PAYMENT_METHOD = 'easy_pay' satisfies PaymentMethod;

/** The method an order was paid with: its own `paymentMethod` when it carries one, else the provider; null unpaid. */
export function paymentMethodOf(order: Pick<OrderDto, 'paidAt' | 'paymentMethod'>): PaymentMethod | null {
  if (order.paidAt === null) return null;
  return order.paymentMethod ?? PROVIDER_PAYMENT_METHOD;
}

const StoreDaySchema = z.iso.date();

/**
 * `GET /api/order-history` (and `.csv`): orders by business day range (store-local days, the store's day start
 * applied), table, statuses, payment method; paged, newest first. A tablet sees its own table's current visit only.
 */
export const OrderHistoryQuerySchema = z.strictObject({
  from: StoreDaySchema.optional(),
  to: StoreDaySchema.optional(),
  tableId: IdSchema.optional(),
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(OrderStatusSchema))
    .optional(),
  method: z.string().trim().min(1).max(30).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type OrderHistoryQuery = z.infer<typeof OrderHistoryQuerySchema>;

/** One order in the history read model. */
export const OrderHistoryRowSchema = z.object({
  orderId: IdSchema,
  shortCode: z.string(),
  tableId: IdSchema,
  tableLabel: z.string(),
  visitId: IdSchema,
  status: OrderStatusSchema,
  paymentMethod: z.string().nullable(),
  total: WonSchema,
  refunded: WonSchema,
  /** The lines as one line of text, Korean names: `불고기 ×2, 콜라 ×1`. */
  items: z.string(),
  itemCount: z.number().int(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});
export type OrderHistoryRow = z.infer<typeof OrderHistoryRowSchema>;

export const OrderHistoryPageSchema = z.object({
  rows: z.array(OrderHistoryRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type OrderHistoryPage = z.infer<typeof OrderHistoryPageSchema>;

/**
 * `GET`/`PUT /api/store/business-day`: the hour (store-local, 0–23) a business day starts. A bar open until 2 a.m.
 * sets 5: its 01:30 sales count for the day before, in the history's day filter and the daily close.
 */
export const BusinessDaySettingsSchema = z.strictObject({ dayStartsAtHour: z.number().int().min(0).max(23) });
export type BusinessDaySettings = z.infer<typeof BusinessDaySettingsSchema>;

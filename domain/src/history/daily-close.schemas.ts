import { z } from 'zod';
import { OrderStatusSchema } from '../ordering/ordering.schemas';
import { WonSchema } from '../shared/money';

/** `GET /api/daily-close?day=YYYY-MM-DD`: the close of one business day (default: the current one). */
export const DailyCloseQuerySchema = z.strictObject({ day: z.iso.date().optional() });
export type DailyCloseQuery = z.infer<typeof DailyCloseQuerySchema>;

const Figures = z.object({ orders: z.number().int(), amount: WonSchema });

/** One payment method's part of the day: sales (by payment time), refunds (by refund time), net. */
export const DailyCloseMethodSchema = z.object({ method: z.string(), sales: Figures, refunds: Figures, net: z.number().int() });
export type DailyCloseMethod = z.infer<typeof DailyCloseMethodSchema>;

/**
 * 마감 정산: a business day of the store (its time zone, from its day-start hour to the same hour the next day).
 * Sales count at payment time, refunds at refund time — a refund on the day after a sale lowers that day's net —
 * so the figures of a closed day never change afterwards except through late events of that day.
 */
export const DailyCloseDtoSchema = z.object({
  day: z.string(),
  timeZone: z.string(),
  dayStartsAtHour: z.number().int(),
  from: z.string(),
  to: z.string(),
  methods: z.array(DailyCloseMethodSchema),
  sales: Figures,
  refunds: Figures,
  net: z.number().int(),
  /** Orders cancelled by staff during the day (refunded or not). */
  cancelledOrders: z.number().int(),
  /** Orders placed during the day, by their status now. */
  placedByStatus: z.partialRecord(OrderStatusSchema, z.number().int()),
  /** Cash sales minus cash refunds: what the drawer should hold beyond its float. */
  cashExpected: z.number().int(),
});
export type DailyCloseDto = z.infer<typeof DailyCloseDtoSchema>;

/** The method name of cash payments at the counter. */
export const CASH_PAYMENT_METHOD = 'cash';

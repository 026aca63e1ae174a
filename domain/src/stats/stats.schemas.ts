import { z } from 'zod';
import { PaymentMethodSchema } from '../ordering/ordering.schemas';
import { IdSchema } from '../shared/ids';
import { WonSchema } from '../shared/money';
import { daysInRange, isCalendarDay, STORE_DAY_PATTERN } from '../shared/store-time';

/** The longest range one statistics query may cover, in days. */
export const MAX_STATS_RANGE_DAYS = 366;

// `abort`: a day that does not exist is reported as such, not as a range problem computed from it.
const StoreDaySchema = z
  .string()
  .regex(STORE_DAY_PATTERN, 'a day as YYYY-MM-DD')
  .refine(isCalendarDay, { message: 'not a day of the calendar (month 01–12, day within that month)', abort: true });

/**
 * `GET /api/stats/summary`: whole store-local days, both ends included; both default to today in the store's
 * time zone (`to` defaults to `from`). `VALIDATION_FAILED` when `to` is before `from` or the range is longer
 * than `MAX_STATS_RANGE_DAYS`.
 */
export const StatsRangeQuerySchema = z
  .strictObject({ from: StoreDaySchema.optional(), to: StoreDaySchema.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '`to` must not be before `from`', path: ['to'] })
  .refine((q) => !q.from || !q.to || daysInRange(q.from, q.to) <= MAX_STATS_RANGE_DAYS, {
    message: `at most ${MAX_STATS_RANGE_DAYS} days`,
    path: ['to'],
  });
export type StatsRangeQuery = z.infer<typeof StatsRangeQuerySchema>;

/**
 * Sales figures of a bucket. `orders` counts paid orders (a refunded one included), `refundedOrders` those of
 * them cancelled with a refund; `gross` is what was paid, `refunds` what was given back, `net = gross − refunds`;
 * `items` are items sold net of refunds; `averageTicket = net / (orders − refundedOrders)`, rounded, 0 when none.
 * A refund counts in the bucket of the sale it reverses (the day and hour it was paid), so a day's figures
 * say what became of that day's sales.
 */
export const SalesFiguresSchema = z.object({
  orders: z.number().int(),
  refundedOrders: z.number().int(),
  items: z.number().int(),
  gross: WonSchema,
  refunds: WonSchema,
  net: z.number().int(),
  averageTicket: z.number().int(),
});
export type SalesFigures = z.infer<typeof SalesFiguresSchema>;

const LocalizedNameSchema = z.object({ ko: z.string(), en: z.string() });

/** `GET /api/stats/summary`: the sales dashboard, read from the statistics read models only. */
export const SalesSummaryDtoSchema = z.object({
  storeId: IdSchema,
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  totals: SalesFiguresSchema,
  /** One entry per day of the range, in order (days without sales included, all zero). */
  byDay: z.array(SalesFiguresSchema.extend({ day: z.string() })),
  /** 24 entries, store-local hour of payment, summed over the range. */
  byHour: z.array(SalesFiguresSchema.extend({ hour: z.number().int().min(0).max(23) })),
  /** By net sales, highest first. */
  byMenu: z.array(SalesFiguresSchema.extend({ menuId: IdSchema, name: LocalizedNameSchema })),
  byCategory: z.array(SalesFiguresSchema.extend({ categoryId: IdSchema, name: LocalizedNameSchema })),
  /** By table label. */
  byTable: z.array(SalesFiguresSchema.extend({ tableId: IdSchema, label: z.string() })),
  /**
   * Sales by how they were paid (easy pay, cash, card terminal, other), every method listed, with the refunds made
   * to each (whole-order cancels and partial refunds) and the net.
   */
  byMethod: z.array(
    z.object({
      method: PaymentMethodSchema,
      orders: z.number().int(),
      gross: z.number().int(),
      refunds: z.number().int().default(0),
      net: z.number().int().default(0),
    }),
  ),
});
export type SalesSummaryDto = z.infer<typeof SalesSummaryDtoSchema>;

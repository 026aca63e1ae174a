import { CASH_PAYMENT_METHOD, type DailyCloseDto, type DailyCloseMethod } from '@hiorder/domain/history/daily-close.schemas';
import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { OrderStatus } from '@hiorder/domain/ordering/ordering.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { businessDayOf, businessDayStart, DEFAULT_TIME_ZONE, nextDay } from '@hiorder/domain/shared/store-time';
import { sqlOf, type SqlSession } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';
import { storeCalendar } from '../identity/store.repository';

/**
 * The daily close (마감 정산) of a business day, from the order history read models: sales by payment method (by
 * payment time), refunds by method (by refund time: partial refunds and refunded cancels), cancelled orders, the day's placements by status, and the cash the
 * drawer should hold. `day` defaults to the business day `now` falls in. Throws `FORBIDDEN` for devices.
 */
export async function readDailyClose(em: EntityManager, actor: Actor, day: string | undefined, now: Date): Promise<DailyCloseDto> {
  if (actor.kind !== 'staff') throw new DomainError('FORBIDDEN', 'Only staff see the daily close.');
  const sql = sqlOf(em);
  const calendar = (await storeCalendar(sql, actor.storeId)) ?? { timeZone: DEFAULT_TIME_ZONE, dayStartsAtHour: 0 };
  const theDay = day ?? businessDayOf(now, calendar.dayStartsAtHour, calendar.timeZone);
  const from = businessDayStart(theDay, calendar.dayStartsAtHour, calendar.timeZone);
  const to = businessDayStart(nextDay(theDay), calendar.dayStartsAtHour, calendar.timeZone);
  const figures = await closeFigures(sql, actor.storeId, from, to);
  return {
    day: theDay,
    timeZone: calendar.timeZone,
    dayStartsAtHour: calendar.dayStartsAtHour,
    from: from.toISOString(),
    to: to.toISOString(),
    ...figures,
  };
}

type Figures = Omit<DailyCloseDto, 'day' | 'timeZone' | 'dayStartsAtHour' | 'from' | 'to'>;

/** The figures of `[from, to)`: four aggregates over the read model's indexed times. */
export async function closeFigures(sql: SqlSession, storeId: string, from: Date, to: Date): Promise<Figures> {
  type Sum = { method: string | null; n: number | string; amount: number | string | null };
  const sales = await sql.all<Sum>(
    `select payment_method as method, count(*) as n, sum(total) as amount from order_history
      where store_id = ? and paid_at >= ? and paid_at < ? group by payment_method`,
    [storeId, from, to],
  );
  // Every refund on its own day and method: partial refunds and the rest of refunded cancels; orders counted once.
  const refunds = await sql.all<Sum>(
    `select payment_method as method, count(distinct order_id) as n, sum(amount) as amount from refund_history
      where store_id = ? and refunded_at >= ? and refunded_at < ? group by payment_method`,
    [storeId, from, to],
  );
  const [cancelled] = await sql.all<{ n: number | string }>(
    "select count(*) as n from order_history where store_id = ? and status = 'cancelled' and cancelled_at >= ? and cancelled_at < ?",
    [storeId, from, to],
  );
  const placed = await sql.all<{ status: OrderStatus; n: number | string }>(
    'select status, count(*) as n from order_history where store_id = ? and created_at >= ? and created_at < ? group by status',
    [storeId, from, to],
  );

  const byMethod = new Map<string, DailyCloseMethod>();
  const entry = (method: string | null): DailyCloseMethod => {
    const key = method ?? 'unknown';
    let found = byMethod.get(key);
    if (!found) {
      found = { method: key, sales: { orders: 0, amount: 0 }, refunds: { orders: 0, amount: 0 }, net: 0 };
      byMethod.set(key, found);
    }
    return found;
  };
  for (const row of sales) entry(row.method).sales = { orders: Number(row.n), amount: Number(row.amount ?? 0) };
  for (const row of refunds) entry(row.method).refunds = { orders: Number(row.n), amount: Number(row.amount ?? 0) };
  const methods = [...byMethod.values()]
    .map((m) => ({ ...m, net: m.sales.amount - m.refunds.amount }))
    .sort((a, b) => b.sales.amount - a.sales.amount || a.method.localeCompare(b.method));
  const sum = (pick: (m: DailyCloseMethod) => { orders: number; amount: number }) => ({
    orders: methods.reduce((n, m) => n + pick(m).orders, 0),
    amount: methods.reduce((n, m) => n + pick(m).amount, 0),
  });
  const totalSales = sum((m) => m.sales);
  const totalRefunds = sum((m) => m.refunds);
  return {
    methods,
    sales: totalSales,
    refunds: totalRefunds,
    net: totalSales.amount - totalRefunds.amount,
    cancelledOrders: Number(cancelled?.n ?? 0),
    placedByStatus: Object.fromEntries(placed.map((p) => [p.status, Number(p.n)])),
    cashExpected: methods.find((m) => m.method === CASH_PAYMENT_METHOD)?.net ?? 0,
  };
}

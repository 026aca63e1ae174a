import type { Menu } from '@hiorder/core/catalog';
import { fromDbJson, fromDbTime } from '@hiorder/core/db';
import type { OrderRefundDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { DailyCloseDto } from '@hiorder/domain/history/daily-close.schemas';
import { businessDayOf } from '@hiorder/domain/shared/store-time';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOrderHistory, type HistoryVisit } from '../testing/order-history';
import { buildStore, createTestApp, http, type TestApp } from '../testing/test-app';
import { storeEventsForwarded } from '../testing/wait';

const SEOUL = 'Asia/Seoul';
/** Local midnight in Seoul starting 2026-03-10: the generated days run from the evening before to three days later. */
const BASE = Date.parse('2026-03-09T15:00:00Z');

const orderArb = fc.record({
  table: fc.nat({ max: 3 }),
  menu: fc.constantFrom('bulgogi', 'cola', 'galbi'),
  qty: fc.integer({ min: 1, max: 3 }),
  /** Minutes after payment one of it is refunded in part (only when 2 or more were ordered), if it is. */
  partialAfter: fc.option(fc.integer({ min: 1, max: 2200 }), { nil: null }),
  /** Minutes from BASE the order is paid: from 10 p.m. the day before, across several midnights. */
  paidMinute: fc.integer({ min: -120, max: 3 * 1440 }),
  /** Minutes after payment it is refunded, if it is (up to a day and a half: across midnight, often). */
  refundAfter: fc.option(fc.integer({ min: 1, max: 2200 }), { nil: null }),
});

describe('daily close (마감 정산)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('equals a recount from the orders table, for every business day of generated days crossing midnight with refunds, partial ones included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(orderArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 6 }),
        async (orders, dayStartsAtHour) => {
          const store = await buildStore(
            app,
            { bulgogi: { price: 15000, course: 'main' }, cola: { price: 2000, course: 'other' }, galbi: { price: 23000, course: 'main' } },
            4,
          );
          expect((await http(app, 'PUT', '/api/store/business-day', store.adminToken, { dayStartsAtHour })).status).toBe(200);
          const visits: HistoryVisit[] = orders.map((o) => {
            const paidAt = new Date(BASE + o.paidMinute * 60_000);
            // A partial refund comes before any cancel: the cancel is counted from it on.
            const partialAt = o.partialAfter !== null && o.qty >= 2 ? new Date(paidAt.getTime() + o.partialAfter * 60_000) : null;
            const cancelFrom = partialAt ?? paidAt;
            return {
              tableId: store.tableIds[o.table] as string,
              orders: [
                {
                  lines: [{ menuId: (store.menus[o.menu] as Menu).id, qty: o.qty }],
                  paidAt,
                  ...(partialAt ? { partialRefund: { at: partialAt, lines: [{ index: 0, qty: 1 }] } } : {}),
                  ...(o.refundAfter === null ? {} : { refundedAt: new Date(cancelFrom.getTime() + o.refundAfter * 60_000) }),
                },
              ],
            };
          });
          await recordOrderHistory(app, store, visits);
          await storeEventsForwarded(app, store.storeId);

          // The recount: straight from the orders table, days by the domain's businessDayOf.
          const rows = await app.em().getConnection().execute<
            {
              id: string;
              total: number | string;
              refunded_amount: number | string;
              refunds: unknown;
              status: string;
              paid_at: unknown;
              cancelled_at: unknown;
            }[]
          >('select id, total, refunded_amount, refunds, status, paid_at, cancelled_at from orders where store_id = ?', [store.storeId]);
          const dayOf = (t: unknown) => businessDayOf(fromDbTime(t), dayStartsAtHour, SEOUL);
          const days = new Set<string>();
          // Every refund with its time: the order's partial refunds, and the rest of it when a refunded cancel closed it.
          const refundsOf = rows.flatMap((r) => [
            ...fromDbJson<OrderRefundDto[]>(r.refunds).map((p) => ({ orderId: r.id, amount: p.amount, at: new Date(p.refundedAt) })),
            ...(r.status === 'cancelled' && r.paid_at !== null && r.cancelled_at !== null
              ? [{ orderId: r.id, amount: Number(r.total) - Number(r.refunded_amount), at: fromDbTime(r.cancelled_at) }]
              : []),
          ]);
          expect(refundsOf.length).toBeGreaterThanOrEqual(rows.filter((r) => r.status === 'cancelled').length);
          for (const r of rows) {
            if (r.paid_at !== null) days.add(dayOf(r.paid_at));
            if (r.cancelled_at !== null) days.add(dayOf(r.cancelled_at));
          }
          for (const refund of refundsOf) days.add(dayOf(refund.at));
          for (const day of days) {
            const paid = rows.filter((r) => r.paid_at !== null && dayOf(r.paid_at) === day);
            const refunded = rows.filter(
              (r) => r.status === 'cancelled' && r.paid_at !== null && r.cancelled_at !== null && dayOf(r.cancelled_at) === day,
            );
            const refundsThatDay = refundsOf.filter((x) => dayOf(x.at) === day);
            const expected = {
              sales: { orders: paid.length, amount: paid.reduce((n, r) => n + Number(r.total), 0) },
              refunds: {
                orders: new Set(refundsThatDay.map((x) => x.orderId)).size,
                amount: refundsThatDay.reduce((n, x) => n + x.amount, 0),
              },
            };
            const close = (await http(app, 'GET', `/api/daily-close?day=${day}`, store.staffToken)).body as DailyCloseDto;
            expect(
              { sales: close.sales, refunds: close.refunds, net: close.net, cancelled: close.cancelledOrders },
              `day ${day}, day starts ${dayStartsAtHour}:00`,
            ).toEqual({
              ...expected,
              net: expected.sales.amount - expected.refunds.amount,
              cancelled: refunded.length,
            });
            expect(close.methods.map((m) => m.method)).toEqual(['easy_pay']);
            expect(close.cashExpected).toBe(0);
          }
        },
      ),
      { numRuns: 8 },
    );
  });
});

import type { Menu } from '@hiorder/core/catalog/menu.entity';
import { fromDbTime } from '@hiorder/core/db/sql';
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

  it('equals a recount from the orders table, for every business day of generated days crossing midnight with refunds', async () => {
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
            return {
              tableId: store.tableIds[o.table] as string,
              orders: [
                {
                  lines: [{ menuId: (store.menus[o.menu] as Menu).id, qty: o.qty }],
                  paidAt,
                  ...(o.refundAfter === null ? {} : { refundedAt: new Date(paidAt.getTime() + o.refundAfter * 60_000) }),
                },
              ],
            };
          });
          await recordOrderHistory(app, store, visits);
          await storeEventsForwarded(app, store.storeId);

          // The recount: straight from the orders table, days by the domain's businessDayOf.
          const rows = await app
            .em()
            .getConnection()
            .execute<{ total: number | string; status: string; paid_at: unknown; cancelled_at: unknown }[]>(
              'select total, status, paid_at, cancelled_at from orders where store_id = ?',
              [store.storeId],
            );
          const dayOf = (t: unknown) => businessDayOf(fromDbTime(t), dayStartsAtHour, SEOUL);
          const days = new Set<string>();
          for (const r of rows) {
            if (r.paid_at !== null) days.add(dayOf(r.paid_at));
            if (r.cancelled_at !== null) days.add(dayOf(r.cancelled_at));
          }
          for (const day of days) {
            const paid = rows.filter((r) => r.paid_at !== null && dayOf(r.paid_at) === day);
            const refunded = rows.filter(
              (r) => r.status === 'cancelled' && r.paid_at !== null && r.cancelled_at !== null && dayOf(r.cancelled_at) === day,
            );
            const expected = {
              sales: { orders: paid.length, amount: paid.reduce((n, r) => n + Number(r.total), 0) },
              refunds: { orders: refunded.length, amount: refunded.reduce((n, r) => n + Number(r.total), 0) },
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

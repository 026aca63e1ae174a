import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { storeLocalTime } from '@hiorder/domain/shared/store-time';
import type { SalesFigures } from '@hiorder/domain/stats/stats.schemas';
import { Order } from '@hiorder/core/ordering';
import { authorizeCard, http, idemKey, type StoreFixture, type TestApp } from '@hiorder/server/testing/test-app';

/** Places and pays an order through the real HTTP path and the sandbox; returns the order id. */
export async function placeAndPay(app: TestApp, tablet: string, lines: { menuId: string; qty: number }[]): Promise<string> {
  const placed = await http(app, 'POST', '/api/orders', tablet, { idempotencyKey: idemKey(), lines });
  if (placed.status !== 201) throw new Error(`placement failed: ${placed.status} ${JSON.stringify(placed.body)}`);
  const paymentKey = await authorizeCard(app, placed.body.id, placed.body.total, SANDBOX_CARDS.approve);
  const paid = await http(app, 'POST', `/api/orders/${placed.body.id}/pay`, tablet, { paymentKey });
  if (paid.status !== 200) throw new Error(`payment failed: ${paid.status} ${JSON.stringify(paid.body)}`);
  return placed.body.id as string;
}

/** Today's totals from the dashboard API (the read model). */
export async function todaysTotals(app: TestApp, store: StoreFixture): Promise<SalesFigures> {
  const today = storeLocalTime(new Date(), 'Asia/Seoul').day;
  const get = () => http(app, 'GET', `/api/stats/summary?from=${today}&to=${today}`, store.staffToken);
  const res = await get().catch(get);
  return res.body.totals as SalesFigures;
}

/** Today's paid orders and their gross, counted from the orders table (the oracle). */
export async function recountToday(app: TestApp, store: StoreFixture): Promise<{ orders: number; gross: number }> {
  const orders = await app.em().find(Order, { store: store.storeId, paidAt: { $ne: null } });
  const today = storeLocalTime(new Date(), 'Asia/Seoul').day;
  const todays = orders.filter((o) => o.paidAt && storeLocalTime(o.paidAt, 'Asia/Seoul').day === today);
  return { orders: todays.length, gross: todays.reduce((s, o) => s + o.total, 0) };
}

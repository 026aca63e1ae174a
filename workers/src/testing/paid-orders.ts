import { OrderPlaceSchema } from '@hiorder/domain/ordering/ordering.schemas';
import { OrderPaySchema, SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { storeLocalTime } from '@hiorder/domain/shared/store-time';
import { StatsRangeQuerySchema, type SalesFigures } from '@hiorder/domain/stats/stats.schemas';
import { Order, placeOrder } from '@hiorder/core/ordering';
import { payOrder } from '@hiorder/core/payment';
import { readSalesSummary } from '@hiorder/core/stats';
import { type StoreFixture, actorOfToken, authorizeInSandbox, idemKey, tableActorOf, type TestCore } from '@hiorder/core/testing';

/**
 * Places an order as the tablet and pays it through the sandbox, with core's commands (the inputs parsed with
 * the domain's schemas, as a transport parses them); returns the order id.
 */
export async function placeAndPay(core: TestCore, tablet: string, lines: { menuId: string; qty: number }[]): Promise<string> {
  const order = await place(core, tablet, lines);
  const paymentKey = await authorizeInSandbox(core.sandboxUrl, order.id, order.total, SANDBOX_CARDS.approve);
  const actor = await tableActorOf(core, tablet);
  const paid = await payOrder(
    { em: core.em(), actor, clock: () => new Date(), gateway: core.gateway },
    OrderPaySchema.parse({ orderId: order.id, paymentKey }),
  );
  if (paid.status !== 'paid') throw new Error(`payment failed: ${JSON.stringify(paid)}`);
  return order.id;
}

/** Places an order as the tablet (`placeOrder`); answers the presented order. */
export async function place(
  core: TestCore,
  tablet: string,
  lines: { menuId: string; qty: number }[],
): Promise<{ id: string; total: number }> {
  const actor = await tableActorOf(core, tablet);
  const placed = await placeOrder(
    { em: core.em(), actor, now: new Date(), reservationTtlMs: core.reservationTtlMs },
    OrderPlaceSchema.parse({ idempotencyKey: idemKey(), lines }),
  );
  return placed.order;
}

/** Today's totals from the dashboard's read (the read model), as the store's staff. */
export async function todaysTotals(core: TestCore, store: StoreFixture): Promise<SalesFigures> {
  const today = storeLocalTime(new Date(), 'Asia/Seoul').day;
  const actor = await actorOfToken(core, store.staffToken);
  const summary = await readSalesSummary(core.em(), actor, StatsRangeQuerySchema.parse({ from: today, to: today }), new Date());
  return summary.totals;
}

/** Today's paid orders and their gross, counted from the orders table (the oracle). */
export async function recountToday(core: TestCore, store: StoreFixture): Promise<{ orders: number; gross: number }> {
  const orders = await core.em().find(Order, { store: store.storeId, paidAt: { $ne: null } });
  const today = storeLocalTime(new Date(), 'Asia/Seoul').day;
  const todays = orders.filter((o) => o.paidAt && storeLocalTime(o.paidAt, 'Asia/Seoul').day === today);
  return { orders: todays.length, gross: todays.reduce((s, o) => s + o.total, 0) };
}

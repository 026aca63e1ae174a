import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Menu } from '@hiorder/core/catalog';
import { Order, expireOrders, changeOrderStatus } from '@hiorder/core/ordering';
import { Payment, reconcilePayments, startRefund } from '@hiorder/core/payment';
import {
  authorizeCard,
  buildStore,
  createTestApp,
  http,
  idemKey,
  openSocket,
  pairKitchen,
  pairTablet,
  type StoreFixture,
  type TestApp,
} from '../testing/test-app';
import { providerDecided, waitUntil } from '../testing/wait';
import { sqlOf, sqlTransaction } from '@hiorder/core/db';
import { eventsSince } from '@hiorder/core/outbox';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('payOrder', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    app = await createTestApp({ PAYMENT_BREAKER_FAILURES: '1000' });
    store = await buildStore(app, { bulgogi: { price: 15000, stock: 100 }, cola: { price: 2000, course: 'other' } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  const stockOf = async () => (await app.em().findOneOrFail(Menu, { id: (store.menus.bulgogi as Menu).id })).stock;
  const placeAndAuthorize = async (card: string) => {
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.bulgogi as Menu).id, qty: 2 }],
    });
    expect(placed.status).toBe(201);
    const paymentKey = await authorizeCard(app, placed.body.id, placed.body.total, card);
    return { orderId: placed.body.id as string, paymentKey };
  };
  const pay = (orderId: string, paymentKey: string) => http(app, 'POST', `/api/orders/${orderId}/pay`, tablet, { paymentKey });
  const reconcile = () =>
    reconcilePayments(app.server.orm, app.server.app.deps.gateway, app.server.app.deps.logger, new Date(), { staleAfterMs: 0 });

  it('finishes a staff refund that died between the provider and our commit, and gives back one that never left', async () => {
    const paymentRow = async (orderId: string) => (await app.em().findOneOrFail(Payment, { order: orderId }, { refresh: true })).status;
    const statusOf = async (orderId: string) => (await app.em().findOneOrFail(Order, { id: orderId }, { refresh: true })).status;
    const before = await stockOf();

    // The crash: refund marked and made at the provider, then the process died before our commit.
    const refunded = await placeAndAuthorize(SANDBOX_CARDS.approve);
    expect((await pay(refunded.orderId, refunded.paymentKey)).body.status).toBe('paid');
    await sqlTransaction(app.em(), (sql) => startRefund(sql, refunded.orderId, 'kitchen fire', new Date(Date.now() - 1000)));
    expect(await app.server.app.deps.gateway.cancel(refunded.paymentKey, 'kitchen fire', `cancel:${refunded.orderId}`)).toEqual({
      kind: 'ok',
    });
    expect(await statusOf(refunded.orderId)).toBe('paid');

    // The other crash: marked, but the provider was never called.
    const kept = await placeAndAuthorize(SANDBOX_CARDS.approve);
    expect((await pay(kept.orderId, kept.paymentKey)).body.status).toBe('paid');
    await sqlTransaction(app.em(), (sql) => startRefund(sql, kept.orderId, 'wrong table', new Date(Date.now() - 1000)));

    const result = await reconcile();
    expect(result.refundsFinished).toBe(1);
    expect(result.refundsAbandoned).toBe(1);
    expect(await statusOf(refunded.orderId)).toBe('cancelled');
    expect(await paymentRow(refunded.orderId)).toBe('cancelled');
    expect(await statusOf(kept.orderId)).toBe('paid');
    expect(await paymentRow(kept.orderId)).toBe('done');
    expect(await stockOf()).toBe((before as number) - 2);
    await app.server.app.deps.relay.flush();
    const events = (await eventsSince(sqlOf(app.em()), store.storeId, 0, 10_000)).events;
    const cancelled = events.filter((e) => e.type === 'order.cancelled' && e.payload.order.id === refunded.orderId);
    expect(cancelled.map((e) => (e.type === 'order.cancelled' ? [e.payload.reason, e.payload.refunded] : []))).toEqual([
      ['kitchen fire', true],
    ]);

    // The kept one refunds normally when staff try again; a second reconciliation finds nothing left to do.
    const retried = await http(app, 'POST', `/api/orders/${kept.orderId}/cancel`, store.staffToken, { reason: 'wrong table' });
    expect(retried.body.status).toBe('cancelled');
    expect(await paymentRow(kept.orderId)).toBe('cancelled');
    expect(await stockOf()).toBe(before);
    const again = await reconcile();
    expect(again.refundsFinished + again.refundsAbandoned).toBe(0);
  });

  it('keeps a refund whose answer was lost as cancelling, never paid-and-refunded; reconciliation finishes it', async () => {
    const before = await stockOf();
    const { orderId, paymentKey } = await placeAndAuthorize(SANDBOX_CARDS.approve);
    expect((await pay(orderId, paymentKey)).body.status).toBe('paid');
    (app.server.sandbox as NonNullable<typeof app.server.sandbox>).refundsAnsweredWithError = 1;
    const cancel = await http(app, 'POST', `/api/orders/${orderId}/cancel`, store.staffToken, { reason: 'spilled' });
    expect(cancel.status).toBe(202);
    expect(cancel.body.error.code).toBe('PAYMENT_PENDING');
    expect((await app.em().findOneOrFail(Payment, { order: orderId }, { refresh: true })).status).toBe('cancelling');
    await sleep(5); // reconciliation only takes refunds older than staleAfterMs (0 here)
    expect((await reconcile()).refundsFinished).toBe(1);
    expect((await app.em().findOneOrFail(Order, { id: orderId }, { refresh: true })).status).toBe('cancelled');
    expect((await app.em().findOneOrFail(Payment, { order: orderId }, { refresh: true })).status).toBe('cancelled');
    expect(await stockOf()).toBe(before);
  });

  it("keeps staff's stock choice when reconciliation finishes a cancel whose answer was lost (cooked food stays out)", async () => {
    const before = await stockOf();
    const { orderId, paymentKey } = await placeAndAuthorize(SANDBOX_CARDS.approve);
    expect((await pay(orderId, paymentKey)).body.status).toBe('paid');
    (app.server.sandbox as NonNullable<typeof app.server.sandbox>).refundsAnsweredWithError = 1;
    const cancel = await http(app, 'POST', `/api/orders/${orderId}/cancel`, store.staffToken, { reason: 'burnt', restock: false });
    expect(cancel.status).toBe(202);
    expect(await stockOf()).toBe((before as number) - 2);
    await sleep(5); // reconciliation only takes refunds older than staleAfterMs (0 here)
    expect((await reconcile()).refundsFinished).toBe(1);
    expect((await app.em().findOneOrFail(Order, { id: orderId }, { refresh: true })).status).toBe('cancelled');
    // The two dishes were cooked: their stock does not come back, as staff said when they cancelled.
    expect(await stockOf()).toBe((before as number) - 2);
  });

  it('approves with the approving card: the order is paid and its stock stays taken', async () => {
    const before = await stockOf();
    const { orderId, paymentKey } = await placeAndAuthorize(SANDBOX_CARDS.approve);
    const res = await pay(orderId, paymentKey);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'paid', payment: 'done' });
    expect(await stockOf()).toBe((before as number) - 2);
    // Paying again is harmless: same order, no second confirm at the provider.
    const again = await pay(orderId, paymentKey);
    expect(again.body.status).toBe('paid');
    expect(app.server.sandbox?.confirmCalls.get(paymentKey)).toBe(1);
  });

  it('declines an attempt, not the order: it stays payable with its stock, and a new attempt on it is paid', async () => {
    const before = await stockOf();
    const { orderId, paymentKey } = await placeAndAuthorize(SANDBOX_CARDS.decline);
    const res = await pay(orderId, paymentKey);
    expect(res.status).toBe(402);
    expect(res.body.error.code).toBe('PAYMENT_DECLINED');
    expect(res.body.error.details.order).toMatchObject({ id: orderId, status: 'pending_payment', payment: 'declined' });
    expect(await stockOf()).toBe((before as number) - 2);
    // The retry: a new authorisation on the same order, its own Idempotency-Key, one order in the end.
    const retryKey = await authorizeCard(app, orderId, 30000, SANDBOX_CARDS.approve);
    const retried = await pay(orderId, retryKey);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: orderId, status: 'paid', payment: 'done' });
    expect(app.server.sandbox?.confirmCalls.get(paymentKey)).toBe(1);
    expect(app.server.sandbox?.confirmCalls.get(retryKey)).toBe(1);
    expect((await app.em().findOneOrFail(Payment, { order: orderId }, { refresh: true })).attempts).toBe(2);
    expect(await stockOf()).toBe((before as number) - 2);
    await app.server.app.deps.relay.flush();
    const events = (await eventsSince(sqlOf(app.em()), store.storeId, 0, 10_000)).events.filter(
      (e) => 'order' in e.payload && e.payload.order.id === orderId,
    );
    expect(events.map((e) => e.type)).toEqual(['order.placed', 'order.payment_failed', 'order.paid']);
  });

  it("refuses an unknown or another order's paymentKey and leaves the order payable", async () => {
    const { orderId } = await placeAndAuthorize(SANDBOX_CARDS.approve);
    const other = await placeAndAuthorize(SANDBOX_CARDS.approve);
    for (const key of ['sbx_made_up_key', other.paymentKey]) {
      const res = await pay(orderId, key);
      expect(res.status).toBe(402);
      expect(res.body.error.code).toBe('PAYMENT_DECLINED');
      expect(res.body.error.details.order).toMatchObject({ status: 'pending_payment', payment: 'declined' });
    }
    const ok = await pay(orderId, await authorizeCard(app, orderId, 30000, SANDBOX_CARDS.approve));
    expect(ok.body.status).toBe('paid');
    // The other order's authorisation was never charged for this one, and it can still pay it.
    expect((await pay(other.orderId, other.paymentKey)).body.status).toBe('paid');
  });

  it('treats a timeout as unknown, never declined; reconciliation fails the attempt, and expiry then gives the stock back', async () => {
    const before = await stockOf();
    const { orderId, paymentKey } = await placeAndAuthorize(SANDBOX_CARDS.timeout);
    const res = await pay(orderId, paymentKey);
    expect(res.status).toBe(202);
    expect(res.body.error.code).toBe('PAYMENT_PENDING');
    expect((await app.em().findOneOrFail(Order, { id: orderId })).status).toBe('pending_payment');
    // Expiry must not touch an order whose payment is unknown (it may have been charged).
    await expireOrders(app.server.orm, new Date(Date.now() + 3600_000));
    expect((await app.em().findOneOrFail(Order, { id: orderId })).status).toBe('pending_payment');
    expect(await stockOf()).toBe((before as number) - 2);
    await providerDecided(app, paymentKey); // the sandbox gives up on the hanging payment (ABORTED)
    const result = await reconcile();
    expect(result.failed).toBeGreaterThanOrEqual(1);
    const order = await app.em().findOneOrFail(Order, { id: orderId }, { refresh: true });
    expect([order.status, order.paymentState]).toEqual(['pending_payment', 'declined']);
    expect(await stockOf()).toBe((before as number) - 2);
    await expireOrders(app.server.orm, new Date(Date.now() + 3600_000));
    expect((await app.em().findOneOrFail(Order, { id: orderId }, { refresh: true })).status).toBe('expired');
    expect(await stockOf()).toBe(before);
  });

  it('refuses to expire an order whose payment went out, even when expiry picked it before the payment began (race)', async () => {
    const before = await stockOf();
    const { orderId, paymentKey } = await placeAndAuthorize(SANDBOX_CARDS.timeout);
    expect((await pay(orderId, paymentKey)).body.error.code).toBe('PAYMENT_PENDING');
    // Expiry's selection ran earlier and still holds this id: its guarded transition must lose.
    const expired = await sqlTransaction(app.em(), (sql) => changeOrderStatus(sql, orderId, { to: 'expired' }, new Date()));
    expect(expired).toBeNull();
    expect((await app.em().findOneOrFail(Order, { id: orderId })).status).toBe('pending_payment');
    expect(await stockOf()).toBe((before as number) - 2);
  });

  it('treats a late approval as unknown, and reconciliation settles it as paid: no charge without an order (I4)', async () => {
    const { orderId, paymentKey } = await placeAndAuthorize(SANDBOX_CARDS.late);
    const res = await pay(orderId, paymentKey);
    expect(res.body.error.code).toBe('PAYMENT_PENDING');
    await providerDecided(app, paymentKey); // the sandbox approves after our timeout
    await reconcile();
    const order = await app.em().findOneOrFail(Order, { id: orderId });
    expect(order.status).toBe('paid');
    expect((await app.em().findOneOrFail(Payment, { order: orderId })).status).toBe('done');
  });

  it('settles a payment once when reconciliation runs twice at once', async () => {
    const { orderId, paymentKey } = await placeAndAuthorize(SANDBOX_CARDS.late);
    await pay(orderId, paymentKey);
    await providerDecided(app, paymentKey);
    const results = await Promise.all([reconcile(), reconcile()]);
    expect(results.reduce((n, r) => n + r.paid, 0)).toBeGreaterThanOrEqual(1);
    const paidEvents = await app
      .em()
      .getConnection()
      .execute<{ n: number }[]>("select count(*) as n from outbox_event where aggregate_id = ? and type = 'order.paid'", [orderId]);
    expect(Number(paidEvents[0]?.n)).toBe(1);
  });

  it('refuses a payment authorised for another amount with its own code, charges nothing, and the order stays payable', async () => {
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.cola as Menu).id, qty: 1 }],
    });
    const paymentKey = await authorizeCard(app, placed.body.id, 100, SANDBOX_CARDS.approve);
    const res = await pay(placed.body.id, paymentKey);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('PAYMENT_AMOUNT_MISMATCH');
    expect(res.body.error.details.order).toMatchObject({ status: 'pending_payment', payment: 'declined' });
    expect(app.server.sandbox?.allPayments().find((p) => p.paymentKey === paymentKey)?.status).toBe('READY');
    // The retry with the right amount is a new attempt, not "already being checked".
    const retry = await pay(placed.body.id, await authorizeCard(app, placed.body.id, 2000, SANDBOX_CARDS.approve));
    expect(retry.body).toMatchObject({ status: 'paid', total: 2000 });
  });

  it('never shows an unpaid order to the kitchen (I2), and shows it once paid', async () => {
    const kitchen = await openSocket(app, '/staff', { token: await pairKitchen(app, store) });
    const seen: DomainEvent[] = [];
    kitchen.on('store:event', (e: DomainEvent) => seen.push(e));
    const { orderId, paymentKey } = await placeAndAuthorize(SANDBOX_CARDS.approve);
    await app.server.app.deps.relay.flush();
    await sleep(100);
    expect(seen.filter((e) => 'order' in e.payload && e.payload.order.id === orderId)).toEqual([]);
    await pay(orderId, paymentKey);
    await app.server.app.deps.relay.flush();
    await waitUntil('the kitchen to be pushed the paid order', () =>
      seen.some((e) => 'order' in e.payload && e.payload.order.id === orderId),
    );
    const mine = seen.filter((e) => 'order' in e.payload && e.payload.order.id === orderId);
    expect(mine.map((e) => e.type)).toEqual(['order.paid']);
    expect(seen.every((e) => !('order' in e.payload) || e.payload.order.status !== 'pending_payment')).toBe(true);
    kitchen.close();
  });
});

describe('payOrder behind the circuit breaker', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    app = await createTestApp({ PAYMENT_BREAKER_FAILURES: '2', PAYMENT_BREAKER_HALF_OPEN_MS: '60000' });
    store = await buildStore(app, { cola: { price: 2000, course: 'other', stock: 10 } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  it('opens after failures and answers PAYMENT_UNAVAILABLE fast, with retryAfterMs, charging nothing', async () => {
    const order = async () =>
      (
        await http(app, 'POST', '/api/orders', tablet, {
          idempotencyKey: idemKey(),
          lines: [{ menuId: (store.menus.cola as Menu).id, qty: 1 }],
        })
      ).body;
    for (let i = 0; i < 2; i++) {
      const o = await order();
      const key = await authorizeCard(app, o.id, o.total, SANDBOX_CARDS.providerError);
      expect((await http(app, 'POST', `/api/orders/${o.id}/pay`, tablet, { paymentKey: key })).body.error.code).toBe('PAYMENT_PENDING');
    }
    const o = await order();
    const key = await authorizeCard(app, o.id, o.total, SANDBOX_CARDS.approve);
    const started = Date.now();
    const res = await http(app, 'POST', `/api/orders/${o.id}/pay`, tablet, { paymentKey: key });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('PAYMENT_UNAVAILABLE');
    expect(res.body.error.details.retryAfterMs).toBeGreaterThan(0);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(app.server.sandbox?.confirmCalls.get(key)).toBeUndefined();
    // The order stays payable once the provider is back.
    expect((await app.em().findOneOrFail(Order, { id: o.id })).paymentState).toBe('none');
  });
});

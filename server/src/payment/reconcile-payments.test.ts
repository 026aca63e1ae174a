import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Menu } from '@hiorder/core/catalog';
import { sqlOf, sqlTransaction } from '@hiorder/core/db';
import { setPaymentState, Order } from '@hiorder/core/ordering';
import { eventsSince } from '@hiorder/core/outbox';
import { authorizeCard, buildStore, createTestApp, http, idemKey, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';
import { providerDecided } from '../testing/wait';
import { Payment, startPaymentAttempt, reconcilePayments } from '@hiorder/core/payment';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reconciliation settles every attempt it finds, whatever state the provider holds it in (issue 11 item 2):
 * READY and IN_PROGRESS are confirmed again with the attempt's own key while the session is open and failed
 * after; an authorisation for another amount is a refusal; nothing is left `unknown` holding stock for ever.
 */
describe('reconcilePayments', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    app = await createTestApp({ PAYMENT_BREAKER_FAILURES: '1000' });
    store = await buildStore(app, { bulgogi: { price: 15000, stock: 10 } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  const sandbox = () => app.server.sandbox as NonNullable<TestApp['server']['sandbox']>;
  const stockOf = async () =>
    (await app.em().findOneOrFail(Menu, { id: (store.menus.bulgogi as Menu).id }, { refresh: true })).stock as number;
  const orderOf = async (id: string) => app.em().findOneOrFail(Order, { id }, { refresh: true });
  const paymentOf = async (id: string) => app.em().findOneOrFail(Payment, { order: id }, { refresh: true });
  const reconcile = (now = new Date()) =>
    reconcilePayments(app.server.orm, app.server.app.deps.gateway, app.server.app.deps.logger, now, { staleAfterMs: 0 });
  const place = async () => {
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.bulgogi as Menu).id, qty: 1 }],
    });
    expect(placed.status).toBe(201);
    return placed.body as { id: string; total: number };
  };
  /** Phase 1 committed, then the process died before its confirm left: the attempt is `confirming`, nothing more. */
  const attemptLeftBehind = async (orderId: string, paymentKey: string, amount: number) => {
    const at = new Date(Date.now() - 1000);
    await sqlTransaction(app.em(), async (sql) => {
      expect(await setPaymentState(sql, orderId, ['none', 'declined'], 'unknown', at)).toBe(true);
      await startPaymentAttempt(sql, { storeId: store.storeId, orderId, paymentKey, amount, now: at });
    });
  };

  it('confirms a READY payment again while its session is open: paid, confirmed once', async () => {
    const order = await place();
    const paymentKey = await authorizeCard(app, order.id, order.total, SANDBOX_CARDS.approve);
    await attemptLeftBehind(order.id, paymentKey, order.total);
    expect(
      sandbox()
        .allPayments()
        .find((p) => p.paymentKey === paymentKey)?.status,
    ).toBe('READY');
    expect((await reconcile()).paid).toBe(1);
    expect((await orderOf(order.id)).status).toBe('paid');
    expect((await paymentOf(order.id)).status).toBe('done');
    expect(sandbox().confirmCalls.get(paymentKey)).toBe(1);
    expect((await reconcile()).checked).toBe(0);
  });

  it('fails a READY payment whose session is over; past the reservation the order expires, stock back, guest told', async () => {
    const before = await stockOf();
    const order = await place();
    const paymentKey = await authorizeCard(app, order.id, order.total, SANDBOX_CARDS.approve);
    await attemptLeftBehind(order.id, paymentKey, order.total);
    sandbox().sessionMs = 0;
    try {
      await sleep(5);
      const later = new Date(Date.now() + 3600_000);
      expect((await reconcile(later)).failed).toBe(1);
    } finally {
      sandbox().sessionMs = 600_000;
    }
    expect((await orderOf(order.id)).status).toBe('expired');
    expect((await paymentOf(order.id)).status).toBe('declined');
    expect(await stockOf()).toBe(before);
    await app.server.app.deps.relay.flush();
    const events = (await eventsSince(sqlOf(app.em()), store.storeId, 0, 10_000)).events.filter(
      (e) => 'order' in e.payload && e.payload.order.id === order.id,
    );
    expect(events.map((e) => e.type)).toEqual(['order.placed', 'order.payment_failed', 'order.expired']);
  });

  it('fails a READY payment after the session even when the provider only ever answers "unknown"', async () => {
    const order = await place();
    const paymentKey = await authorizeCard(app, order.id, order.total, SANDBOX_CARDS.providerError);
    await attemptLeftBehind(order.id, paymentKey, order.total);
    // The provider errs on every confirm: inside the session the attempt stays unknown, after it it fails.
    sandbox().onConfirm = () => 'drop';
    try {
      const within = await reconcilePayments(app.server.orm, app.server.app.deps.gateway, app.server.app.deps.logger, new Date(), {
        staleAfterMs: 0,
      });
      expect(within.stillUnknown).toBe(1);
      const after = await reconcilePayments(app.server.orm, app.server.app.deps.gateway, app.server.app.deps.logger, new Date(), {
        staleAfterMs: 0,
        sessionMs: 0,
      });
      expect(after.failed).toBe(1);
    } finally {
      sandbox().onConfirm = null;
    }
    const stored = await orderOf(order.id);
    expect([stored.status, stored.paymentState]).toEqual(['pending_payment', 'declined']);
    expect((await paymentOf(order.id)).failureCode).toBe('PAYMENT_SESSION_EXPIRED');
  });

  it('leaves an IN_PROGRESS payment unknown while its confirm is in flight, and settles it paid when it lands', async () => {
    const order = await place();
    const paymentKey = await authorizeCard(app, order.id, order.total, SANDBOX_CARDS.late);
    const paid = await http(app, 'POST', `/api/orders/${order.id}/pay`, tablet, { paymentKey });
    expect(paid.body.error.code).toBe('PAYMENT_PENDING');
    expect(
      sandbox()
        .allPayments()
        .find((p) => p.paymentKey === paymentKey)?.status,
    ).toBe('IN_PROGRESS');
    const during = await reconcile();
    expect(during.stillUnknown).toBeGreaterThanOrEqual(1);
    expect((await orderOf(order.id)).status).toBe('pending_payment');
    await providerDecided(app, paymentKey); // the sandbox approves after our timeout
    await reconcile();
    expect((await orderOf(order.id)).status).toBe('paid');
    expect(sandbox().confirmCalls.get(paymentKey)).toBe(1);
  });

  it('refuses a READY payment authorised for another amount (PAYMENT_AMOUNT_MISMATCH): nothing charged, the order payable', async () => {
    const before = await stockOf();
    const order = await place();
    const paymentKey = await authorizeCard(app, order.id, 100, SANDBOX_CARDS.approve);
    await attemptLeftBehind(order.id, paymentKey, order.total);
    expect((await reconcile()).failed).toBe(1);
    const stored = await orderOf(order.id);
    expect([stored.status, stored.paymentState]).toEqual(['pending_payment', 'declined']);
    expect((await paymentOf(order.id)).failureCode).toBe('PAYMENT_AMOUNT_MISMATCH');
    expect(sandbox().confirmCalls.get(paymentKey)).toBeUndefined();
    expect(await stockOf()).toBe(before - 1);
    const retry = await http(app, 'POST', `/api/orders/${order.id}/pay`, tablet, {
      paymentKey: await authorizeCard(app, order.id, order.total, SANDBOX_CARDS.approve),
    });
    expect(retry.body.status).toBe('paid');
  });
});

import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import type { SalesSummaryDto } from '@hiorder/domain/stats/stats.schemas';
import { Menu } from '@hiorder/core/catalog';
import { expireOrders, Order } from '@hiorder/core/ordering';
import { Payment } from '@hiorder/core/payment';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { waitUntil } from '../testing/wait';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Paying at the counter (issue 18): the guest's choice keeps the order off the kitchen (I2) and out of expiry;
 * staff settle it with a method, which records the one payment of the order and releases it to the kitchen; staff
 * may cancel an unpaid order; the statistics split sales by method.
 */
describe('pay at the counter', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;
  let kitchenToken: string;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { bulgogi: { price: 15000, stock: 20 }, cola: { price: 2000, course: 'other' } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
    kitchenToken = await pairKitchen(app, store);
  });
  afterAll(() => app.close());

  const stockOf = async () =>
    (await app.em().findOneOrFail(Menu, { id: (store.menus.bulgogi as Menu).id }, { refresh: true })).stock as number;
  const place = async () => {
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.bulgogi as Menu).id, qty: 1 }],
    });
    expect(placed.status).toBe(201);
    return placed.body as { id: string; total: number };
  };
  const kitchenEvents = async () => {
    const kitchen = await openSocket(app, '/staff', { token: kitchenToken });
    const seen: DomainEvent[] = [];
    kitchen.on('store:event', (e: DomainEvent) => seen.push(e));
    return { seen, close: () => kitchen.close() };
  };
  const settled = async () => {
    await app.server.app.deps.relay.flush();
    await sleep(100);
  };

  it('keeps a counter order off the kitchen and out of expiry until staff settle it in cash; then it cooks, counted as cash', async () => {
    const kitchen = await kitchenEvents();
    const order = await place();
    const chosen = await http(app, 'POST', `/api/orders/${order.id}/pay-at-counter`, tablet);
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ status: 'pending_payment', payment: 'counter' });
    expect((await http(app, 'POST', `/api/orders/${order.id}/pay-at-counter`, tablet)).body.payment).toBe('counter');
    await expireOrders(app.server.orm, new Date(Date.now() + 3600_000));
    expect((await app.em().findOneOrFail(Order, { id: order.id }, { refresh: true })).status).toBe('pending_payment');
    // The board lists it (the staff view of the order); the kitchen neither sees it nor can read it (I2).
    const board = await http(app, 'GET', '/api/board', store.staffToken);
    expect(board.body.orders.find((o: { id: string }) => o.id === order.id)).toMatchObject({ payment: 'counter' });
    expect((await http(app, 'POST', `/api/orders/${order.id}/settle`, tablet, { method: 'cash' })).status).toBe(403);
    expect((await http(app, 'POST', `/api/orders/${order.id}/settle`, kitchenToken, { method: 'cash' })).status).toBe(403);
    await settled();
    expect(kitchen.seen.filter((e) => 'order' in e.payload && e.payload.order.id === order.id)).toEqual([]);

    const paid = await http(app, 'POST', `/api/orders/${order.id}/settle`, store.staffToken, { method: 'cash' });
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', payment: 'done', paymentMethod: 'cash' });
    expect((await http(app, 'POST', `/api/orders/${order.id}/settle`, store.staffToken, { method: 'cash' })).body.status).toBe('paid');
    const payment = await app.em().findOneOrFail(Payment, { order: order.id });
    expect([payment.status, payment.amount, payment.providerStatus]).toEqual(['done', order.total, 'COUNTER_CASH']);
    // The relay's pass both pushes to the kitchen and feeds the statistics read below.
    await app.server.app.deps.relay.flush();
    await waitUntil('the kitchen to be pushed the settled order', () =>
      kitchen.seen.some((e) => 'order' in e.payload && e.payload.order.id === order.id),
    );
    const pushed = kitchen.seen.filter((e) => 'order' in e.payload && e.payload.order.id === order.id);
    expect(pushed.map((e) => [e.type, 'order' in e.payload && e.payload.order.paymentMethod])).toEqual([['order.paid', 'cash']]);
    kitchen.close();

    const summary = (await http(app, 'GET', '/api/stats/summary', store.staffToken)).body as SalesSummaryDto;
    expect(summary.byMethod.find((m) => m.method === 'cash')).toEqual({
      method: 'cash',
      orders: 1,
      gross: order.total,
      refunds: 0,
      net: order.total,
    });
  });

  it('settles at the counter after a declined card (the attempt row is reused: one payment per order), and splits easy pay from the card terminal', async () => {
    const declined = await place();
    const key = await authorizeCard(app, declined.id, declined.total, SANDBOX_CARDS.decline);
    expect((await http(app, 'POST', `/api/orders/${declined.id}/pay`, tablet, { paymentKey: key })).status).toBe(402);
    expect((await http(app, 'POST', `/api/orders/${declined.id}/settle`, store.staffToken, { method: 'card_terminal' })).body.status).toBe(
      'paid',
    );
    expect(await app.em().count(Payment, { order: declined.id })).toBe(1);

    const carded = await place();
    const approve = await authorizeCard(app, carded.id, carded.total, SANDBOX_CARDS.approve);
    expect((await http(app, 'POST', `/api/orders/${carded.id}/pay`, tablet, { paymentKey: approve })).body.status).toBe('paid');
    await settled();
    const summary = (await http(app, 'GET', '/api/stats/summary', store.staffToken)).body as SalesSummaryDto;
    expect(summary.byMethod.find((m) => m.method === 'card_terminal')).toMatchObject({ orders: 1 });
    expect(summary.byMethod.find((m) => m.method === 'easy_pay')).toMatchObject({ orders: 1, gross: carded.total });
    expect(summary.byMethod.find((m) => m.method === 'other')).toMatchObject({ orders: 0, gross: 0 });
    // The order itself keeps how it was paid, for the bill on the board and on the table's tablet.
    const board = (await http(app, 'GET', '/api/board', store.staffToken)).body.orders as OrderDto[];
    const tableOrders = (await http(app, 'GET', '/api/orders', tablet)).body as OrderDto[];
    for (const orders of [board, tableOrders]) {
      const methodOf = (id: string) => orders.find((o) => o.id === id)?.paymentMethod;
      expect([methodOf(declined.id), methodOf(carded.id)]).toEqual(['card_terminal', 'easy_pay']);
    }
  });

  it('refuses to settle or cancel while an easy-pay attempt is in flight (it may be charged)', async () => {
    const order = await place();
    const key = await authorizeCard(app, order.id, order.total, SANDBOX_CARDS.timeout);
    const pending = await http(app, 'POST', `/api/orders/${order.id}/pay`, tablet, { paymentKey: key });
    expect(pending.body.error?.code, JSON.stringify(pending.body)).toBe('PAYMENT_PENDING');
    const settle = await http(app, 'POST', `/api/orders/${order.id}/settle`, store.staffToken, { method: 'cash' });
    expect([settle.status, settle.body.error?.code], JSON.stringify(settle.body)).toEqual([409, 'INVALID_STATE']);
    const cancel = await http(app, 'POST', `/api/orders/${order.id}/cancel`, store.staffToken, { reason: 'left' });
    expect([cancel.status, cancel.body.error?.code], JSON.stringify(cancel.body)).toEqual([409, 'INVALID_STATE']);
    expect((await app.em().findOneOrFail(Order, { id: order.id }, { refresh: true })).status).toBe('pending_payment');
  });

  it('lets staff cancel an unpaid order: stock back, nothing refunded, never to the kitchen; and cancel a counter-paid one without the provider', async () => {
    const kitchen = await kitchenEvents();
    const before = await stockOf();
    const unpaid = await place();
    await http(app, 'POST', `/api/orders/${unpaid.id}/pay-at-counter`, tablet);
    const cancelled = await http(app, 'POST', `/api/orders/${unpaid.id}/cancel`, store.staffToken, { reason: '손님이 떠남' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: '손님이 떠남', paidAt: null });
    expect(await stockOf()).toBe(before);

    const counterPaid = await place();
    await http(app, 'POST', `/api/orders/${counterPaid.id}/settle`, store.staffToken, { method: 'other' });
    const refunded = await http(app, 'POST', `/api/orders/${counterPaid.id}/cancel`, store.staffToken, { reason: '현금 환불' });
    expect(refunded.body).toMatchObject({ status: 'cancelled', payment: 'cancelled', paymentMethod: 'other' });
    expect((await app.em().findOneOrFail(Payment, { order: counterPaid.id }, { refresh: true })).status).toBe('cancelled');
    expect(await stockOf()).toBe(before);
    await settled();
    const mine = kitchen.seen.filter((e) => 'order' in e.payload && e.payload.order.id === unpaid.id);
    expect(mine).toEqual([]);
    kitchen.close();
  });
});

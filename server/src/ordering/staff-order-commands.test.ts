import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog/menu.entity';
import { authorizeCard, buildStore, createTestApp, http, idemKey, pairKitchen, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';

describe('staff order commands (accept, serve) against the lifecycle table', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;
  let kitchen: string;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { galbi: { price: 15000 } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
    kitchen = await pairKitchen(app, store);
  });
  afterAll(() => app.close());

  const place = async () => {
    const placed = await http(app, 'POST', '/api/orders', tablet, { idempotencyKey: idemKey(), lines: [{ menuId: (store.menus.galbi as Menu).id, qty: 1 }] });
    expect(placed.status).toBe(201);
    return placed.body as { id: string; total: number };
  };
  const placeAndPay = async () => {
    const order = await place();
    const paymentKey = await authorizeCard(app, order.id, order.total, SANDBOX_CARDS.approve);
    const paid = await http(app, 'POST', `/api/orders/${order.id}/pay`, tablet, { paymentKey });
    expect(paid.body.status).toBe('paid');
    return order.id;
  };

  it('lets the kitchen serve a paid order nobody accepted, accepting it implicitly', async () => {
    const orderId = await placeAndPay();
    const served = await http(app, 'POST', `/api/orders/${orderId}/serve`, kitchen);
    expect(served.status).toBe(200);
    expect(served.body.status).toBe('served');
    expect(served.body.acceptedAt).toBe(served.body.servedAt);
  });

  it('keeps the accepted time of an order accepted before it was served', async () => {
    const orderId = await placeAndPay();
    const accepted = await http(app, 'POST', `/api/orders/${orderId}/accept`, store.staffToken);
    expect(accepted.body.status).toBe('accepted');
    await new Promise((r) => setTimeout(r, 5));
    const served = await http(app, 'POST', `/api/orders/${orderId}/serve`, kitchen);
    expect(served.body.acceptedAt).toBe(accepted.body.acceptedAt);
    expect(served.body.servedAt).not.toBe(accepted.body.acceptedAt);
  });

  it('refuses what the table forbids with INVALID_STATE and the status it found', async () => {
    const unpaid = await place();
    const serveUnpaid = await http(app, 'POST', `/api/orders/${unpaid.id}/serve`, kitchen);
    expect(serveUnpaid.status).toBe(409);
    expect(serveUnpaid.body.error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'pending_payment' } });

    const orderId = await placeAndPay();
    await http(app, 'POST', `/api/orders/${orderId}/serve`, kitchen);
    const acceptServed = await http(app, 'POST', `/api/orders/${orderId}/accept`, store.staffToken);
    expect(acceptServed.status).toBe(409);
    expect(acceptServed.body.error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'served' } });
    const cancelServed = await http(app, 'POST', `/api/orders/${orderId}/cancel`, store.staffToken, { reason: 'late' });
    expect(cancelServed.status).toBe(409);
    expect(cancelServed.body.error.code).toBe('INVALID_STATE');
  });
});

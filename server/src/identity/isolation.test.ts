import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
import {
  authorizeCard,
  buildStore,
  createTestApp,
  emitAck,
  http,
  idemKey,
  openSocket,
  pairKitchen,
  pairTablet,
  type StoreFixture,
  type TestApp,
} from '../testing/test-app';

/** I7: a tablet sees only its table's current visit; staff only their store; roles gate every route. */
describe('isolation between tables, visits, stores and roles (I7)', () => {
  let app: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  let tableA1: string;
  let tableA2: string;
  let tableB1: string;
  let kitchenA: string;
  let orderOfA2: { id: string; total: number };
  let orderOfB: { id: string };

  beforeAll(async () => {
    app = await createTestApp();
    a = await buildStore(app, { cola: { price: 2000, course: 'other' } });
    b = await buildStore(app, { cola: { price: 2000, course: 'other' } });
    tableA1 = await pairTablet(app, a, a.tableIds[0] as string);
    tableA2 = await pairTablet(app, a, a.tableIds[1] as string);
    tableB1 = await pairTablet(app, b, b.tableIds[0] as string);
    kitchenA = await pairKitchen(app, a);
    orderOfA2 = (
      await http(app, 'POST', '/api/orders', tableA2, { idempotencyKey: idemKey(), lines: [{ menuId: (a.menus.cola as Menu).id, qty: 1 }] })
    ).body;
    orderOfB = (
      await http(app, 'POST', '/api/orders', tableB1, { idempotencyKey: idemKey(), lines: [{ menuId: (b.menus.cola as Menu).id, qty: 1 }] })
    ).body;
  });
  afterAll(() => app.close());

  it("keeps table 2's orders away from table 1's tablet, over HTTP and the socket", async () => {
    expect((await http(app, 'GET', `/api/orders/${orderOfA2.id}`, tableA1)).status).toBe(404);
    expect((await http(app, 'GET', '/api/orders', tableA1)).body).toEqual([]);
    const key = await authorizeCard(app, orderOfA2.id, orderOfA2.total, SANDBOX_CARDS.approve);
    expect((await http(app, 'POST', `/api/orders/${orderOfA2.id}/pay`, tableA1, { paymentKey: key })).status).toBe(404);
    const socket = await openSocket(app, '/tablet', { token: tableA1 });
    const paid = await emitAck(socket, 'order:pay', { orderId: orderOfA2.id, paymentKey: key });
    expect(paid).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const list = await emitAck<unknown[]>(socket, 'orders:list', {});
    expect(list).toEqual({ ok: true, data: [] });
    socket.close();
  });

  it("refuses another store's orders, menus, tables and events to staff", async () => {
    expect((await http(app, 'GET', `/api/orders/${orderOfB.id}`, a.staffToken)).status).toBe(404);
    expect((await http(app, 'POST', `/api/orders/${orderOfB.id}/accept`, a.staffToken)).status).toBe(404);
    expect((await http(app, 'POST', `/api/orders/${orderOfB.id}/cancel`, a.adminToken, { reason: 'x' })).status).toBe(404);
    expect((await http(app, 'PATCH', `/api/menus/${(b.menus.cola as Menu).id}`, a.adminToken, { price: 1 })).status).toBe(404);
    expect((await http(app, 'POST', `/api/tables/${b.tableIds[0]}/close-visit`, a.staffToken)).status).toBe(404);
    expect((await http(app, 'POST', '/api/pairing-codes', a.adminToken, { role: 'table', tableId: b.tableIds[0] })).status).toBe(404);
    const orders = (await http(app, 'GET', '/api/orders', a.staffToken)).body as { storeId: string }[];
    expect(orders.every((o) => o.storeId === a.storeId)).toBe(true);
    const events = (await http(app, 'GET', '/api/events?since=0', a.staffToken)).body.events as { storeId: string }[];
    expect(events.every((e) => e.storeId === a.storeId)).toBe(true);
  });

  it('refuses store management and staff actions to table and kitchen tokens, and management to staff', async () => {
    const menuId = (a.menus.cola as Menu).id;
    for (const token of [tableA1, kitchenA]) {
      expect(
        (await http(app, 'POST', '/api/menus', token, { categoryId: a.categoryId, name: { ko: 'x', en: '' }, price: 1, course: 'main' }))
          .status,
      ).toBe(403);
      expect((await http(app, 'PATCH', `/api/menus/${menuId}`, token, { soldOut: true })).status).toBe(403);
      expect((await http(app, 'GET', '/api/tables', token)).status).toBe(403);
      expect((await http(app, 'POST', `/api/orders/${orderOfA2.id}/accept`, token)).status).toBe(403);
      expect((await http(app, 'POST', `/api/orders/${orderOfA2.id}/cancel`, token, { reason: 'x' })).status).toBe(403);
      expect((await http(app, 'GET', '/api/staff', token)).status).toBe(403);
    }
    expect((await http(app, 'PATCH', `/api/menus/${menuId}`, a.staffToken, { soldOut: true })).status).toBe(403);
    expect(
      (await http(app, 'POST', '/api/staff', a.staffToken, { username: 'x1', displayName: 'x', password: 'password1', role: 'admin' }))
        .status,
    ).toBe(403);
    expect((await http(app, 'GET', '/api/orders')).status).toBe(401);
    await expect(openSocket(app, '/staff', { token: tableA1 })).rejects.toThrow();
    await expect(openSocket(app, '/tablet', { token: a.staffToken })).rejects.toThrow();
    await expect(openSocket(app, '/tablet', { token: 'dev_not-a-real-token-at-all' })).rejects.toThrow();
  });

  it('never lets a kitchen read an unpaid order, by any route (I2), and shows it once paid', async () => {
    const ids = (body: { id: string }[]) => body.map((o) => o.id);
    expect(ids((await http(app, 'GET', '/api/orders', kitchenA)).body)).not.toContain(orderOfA2.id);
    expect(ids((await http(app, 'GET', '/api/orders?status=pending_payment', kitchenA)).body)).toEqual([]);
    expect((await http(app, 'GET', `/api/orders/${orderOfA2.id}`, kitchenA)).status).toBe(404);
    expect(ids((await http(app, 'GET', '/api/board', kitchenA)).body.orders)).not.toContain(orderOfA2.id);
    const events = (await http(app, 'GET', '/api/events?since=0', kitchenA)).body.events as { aggregateId: string }[];
    expect(events.map((e) => e.aggregateId)).not.toContain(orderOfA2.id);
    expect(ids((await http(app, 'GET', '/api/orders', a.staffToken)).body)).toContain(orderOfA2.id);

    const key = await authorizeCard(app, orderOfA2.id, orderOfA2.total, SANDBOX_CARDS.approve);
    expect((await http(app, 'POST', `/api/orders/${orderOfA2.id}/pay`, tableA2, { paymentKey: key })).status).toBe(200);
    expect(ids((await http(app, 'GET', '/api/orders', kitchenA)).body)).toContain(orderOfA2.id);
    expect((await http(app, 'GET', `/api/orders/${orderOfA2.id}`, kitchenA)).body.status).toBe('paid');
  });

  it('shows the next visit nothing of the last one after staff clear the table', async () => {
    expect((await http(app, 'GET', '/api/orders', tableA2)).body).toHaveLength(1);
    expect((await http(app, 'POST', `/api/tables/${a.tableIds[1]}/close-visit`, a.staffToken, { force: true })).status).toBe(204);
    expect((await http(app, 'GET', '/api/orders', tableA2)).body).toEqual([]);
    expect((await http(app, 'GET', `/api/orders/${orderOfA2.id}`, tableA2)).status).toBe(404);
    const next = await http(app, 'POST', '/api/orders', tableA2, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (a.menus.cola as Menu).id, qty: 1 }],
    });
    expect(next.body.visitId).not.toBe((await http(app, 'GET', `/api/orders/${orderOfA2.id}`, a.staffToken)).body.visitId);
    expect((await http(app, 'GET', '/api/orders', tableA2)).body.map((o: { id: string }) => o.id)).toEqual([next.body.id]);
  });

  it('stops a revoked tablet at once', async () => {
    const token = await pairTablet(app, a, a.tableIds[2] as string);
    const device = (await http(app, 'GET', '/api/device', token)).body;
    expect((await http(app, 'DELETE', `/api/devices/${device.deviceId}`, a.adminToken)).status).toBe(204);
    expect((await http(app, 'GET', '/api/orders', token)).status).toBe(401);
    await expect(openSocket(app, '/tablet', { token })).rejects.toThrow();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
import { sqlTransaction } from '@hiorder/core/db';
import { OutboxEvent } from '@hiorder/core/outbox';
import { buildStore, createTestApp, http, idemKey, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';
import { changeOrderStatus, type StatusChange, closeIdleVisits } from '@hiorder/core/ordering';

describe('closeVisit', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablets: string[];

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { bulgogi: { price: 15000, course: 'main' } }, 6);
    tablets = await Promise.all(store.tableIds.map((t) => pairTablet(app, store, t)));
  });
  afterAll(() => app.close());

  const table = (i: number) => ({ id: store.tableIds[i] as string, token: tablets[i] as string });
  async function order(i: number, steps: StatusChange['to'][], at = new Date()): Promise<{ id: string; visitId: string }> {
    const placed = await http(app, 'POST', '/api/orders', table(i).token, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.bulgogi as Menu).id, qty: 1 }],
    });
    expect(placed.status).toBe(201);
    const id = placed.body.id as string;
    for (const to of steps) {
      const changed = await sqlTransaction(app.em(), (sql) => changeOrderStatus(sql, id, { to } as StatusChange, at));
      expect(changed, `order ${id} → ${to}`).not.toBeNull();
    }
    return { id, visitId: placed.body.visitId as string };
  }
  const close = (i: number, body?: unknown) => http(app, 'POST', `/api/tables/${table(i).id}/close-visit`, store.staffToken, body);
  const visitOpen = async (visitId: string) =>
    (await app.em().getConnection().execute<{ closed_at: unknown }[]>('select closed_at from visit where id = ?', [visitId]))[0]
      ?.closed_at === null;
  const closedEvents = (visitId: string) => app.em().find(OutboxEvent, { type: 'visit.closed', aggregateId: visitId });

  it('refuses to close a visit with an unpaid and a cooking order, saying which, until staff confirm', async () => {
    const unpaid = await order(0, []);
    const cooking = await order(0, ['paid', 'accepted']);
    const refused = await close(0);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('VISIT_NOT_SETTLED');
    expect(refused.body.error.details.unpaid.map((o: { orderId: string }) => o.orderId)).toEqual([unpaid.id]);
    expect(refused.body.error.details.cooking.map((o: { orderId: string; status: string }) => [o.orderId, o.status])).toEqual([
      [cooking.id, 'accepted'],
    ]);
    expect(await visitOpen(unpaid.visitId)).toBe(true);

    expect((await close(0, { force: true })).status).toBe(204);
    expect(await visitOpen(unpaid.visitId)).toBe(false);
    const [event] = await closedEvents(unpaid.visitId);
    expect(event?.payload).toMatchObject({ reason: 'staff', tableId: table(0).id });
  });

  it('closes a visit whose orders are all served or closed without asking', async () => {
    const served = await order(1, ['paid', 'accepted', 'served']);
    await order(1, ['expired']);
    expect((await close(1)).status).toBe(204);
    expect(await visitOpen(served.visitId)).toBe(false);
  });

  it('lets admins set the idle rule within bounds, and not staff', async () => {
    expect((await http(app, 'GET', '/api/store/visit-settings', store.staffToken)).body).toEqual({ idleCloseMinutes: null });
    expect((await http(app, 'PUT', '/api/store/visit-settings', store.staffToken, { idleCloseMinutes: 30 })).status).toBe(403);
    expect((await http(app, 'PUT', '/api/store/visit-settings', store.adminToken, { idleCloseMinutes: 2 })).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await http(app, 'PUT', '/api/store/visit-settings', store.adminToken, { idleCloseMinutes: 30 })).body).toEqual({
      idleCloseMinutes: 30,
    });
    expect((await http(app, 'GET', '/api/store/visit-settings', store.adminToken)).body).toEqual({ idleCloseMinutes: 30 });
  });

  it('ends a settled visit after the idle minutes by itself, and never one with an order cooking or unpaid', async () => {
    expect((await http(app, 'PUT', '/api/store/visit-settings', store.adminToken, { idleCloseMinutes: 30 })).status).toBe(200);
    const t0 = new Date(Date.now() + 60_000);
    const settled = await order(2, ['paid', 'accepted', 'served'], t0);
    const cooking = await order(3, ['paid'], t0);
    const unpaid = await order(4, [], t0);
    const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

    expect(await closeIdleVisits(app.server.orm, minutes(29))).toBe(0);
    expect(await visitOpen(settled.visitId)).toBe(true);

    expect(await closeIdleVisits(app.server.orm, minutes(31))).toBe(1);
    expect(await visitOpen(settled.visitId)).toBe(false);
    expect((await closedEvents(settled.visitId))[0]?.payload).toMatchObject({ reason: 'idle' });
    expect(await visitOpen(cooking.visitId)).toBe(true);
    expect(await visitOpen(unpaid.visitId)).toBe(true);
    expect((await http(app, 'GET', '/api/orders', table(2).token)).body).toEqual([]);
    // Run again (two schedulers at once): nothing closes twice.
    expect(await closeIdleVisits(app.server.orm, minutes(32))).toBe(0);
    expect(await closedEvents(settled.visitId)).toHaveLength(1);
  });

  it('counts a late change as activity, and leaves visits alone when the rule is off', async () => {
    expect((await http(app, 'PUT', '/api/store/visit-settings', store.adminToken, { idleCloseMinutes: 30 })).status).toBe(200);
    const t0 = new Date(Date.now() + 60_000);
    const first = await order(5, ['paid', 'accepted', 'served'], t0);
    const later = new Date(t0.getTime() + 20 * 60_000);
    await order(5, ['paid', 'accepted', 'served'], later);
    expect(await closeIdleVisits(app.server.orm, new Date(t0.getTime() + 40 * 60_000))).toBe(0);
    expect(await visitOpen(first.visitId)).toBe(true);

    expect((await http(app, 'PUT', '/api/store/visit-settings', store.adminToken, { idleCloseMinutes: null })).status).toBe(200);
    expect(await closeIdleVisits(app.server.orm, new Date(t0.getTime() + 600 * 60_000))).toBe(0);
    expect(await visitOpen(first.visitId)).toBe(true);
  });
});

import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { DEFAULT_STAFF_CALL_PRESETS } from '@hiorder/domain/ordering/staff-call.schemas';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Menu } from '@hiorder/core/catalog';
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

/** A staff screen's socket, recording every store event it is pushed. */
async function screen(app: TestApp, token: string): Promise<{ socket: Socket; events: DomainEvent[] }> {
  const events: DomainEvent[] = [];
  const socket = await openSocket(app, '/staff', { token, lastSeq: 0 }, (s) => s.on('store:event', (e: DomainEvent) => events.push(e)));
  return { socket, events };
}

describe('alarms until acknowledged, and staff-call presets', () => {
  let app: TestApp;
  let store: StoreFixture;
  let other: StoreFixture;
  let tablet: string;
  let kitchen: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { cola: { price: 2000, course: 'other' } });
    other = await buildStore(app, { cola: { price: 2000, course: 'other' } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
    kitchen = await pairKitchen(app, store);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await app?.close();
  });

  const place = async () => {
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.cola as Menu).id, qty: 1 }],
    });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    return placed.body as { id: string; total: number };
  };
  const paidOrder = async () => {
    const placed = await place();
    const key = await authorizeCard(app, placed.id, placed.total, SANDBOX_CARDS.approve);
    const paid = await http(app, 'POST', `/api/orders/${placed.id}/pay`, tablet, { paymentKey: key });
    expect(paid.body.status, JSON.stringify(paid.body)).toBe('paid');
    return placed.id;
  };
  const acknowledge = (token: string, body: unknown) => http(app, 'POST', '/api/alarms/acknowledge', token, body);
  const board = async (token = store.staffToken) => (await http(app, 'GET', '/api/board', token)).body;

  it('stops a staff call on every board when one board acknowledges it, once, and a board opened later does not ring for it', async () => {
    const one = await screen(app, store.staffToken);
    const two = await screen(app, store.adminToken);
    sockets.push(one.socket, two.socket);
    const water = DEFAULT_STAFF_CALL_PRESETS[0];
    expect((await http(app, 'POST', '/api/staff-calls', tablet, { kind: 'request', presetId: water?.id })).status).toBe(200);
    await app.server.app.deps.relay.flush();
    await waitUntil('both boards to get the call', () => [one, two].every((s) => s.events.some((e) => e.type === 'table.staff_called')));
    const call = one.events.find((e) => e.type === 'table.staff_called');
    if (call?.type !== 'table.staff_called') throw new Error('no call');
    expect(call.payload).toMatchObject({ kind: 'request', label: { ko: '물', en: 'Water' }, tableLabel: 'T1' });
    expect((await board()).recentStaffCalls.map((c: { id: string }) => c.id)).toEqual([call.id]);

    const ack = await acknowledge(store.staffToken, { staffCallIds: [call.id] });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body).toEqual({ orderIds: [], staffCallIds: [call.id] });
    await app.server.app.deps.relay.flush();
    for (const s of [one, two])
      await waitUntil('each board to be told the call was acknowledged', () =>
        s.events.some((e) => e.type === 'alarm.acknowledged' && e.payload.staffCallIds.includes(call.id)),
      );
    // The second screen acknowledging the same call (it hadn't heard yet) changes nothing and tells nobody again.
    expect((await acknowledge(store.adminToken, { staffCallIds: [call.id] })).status).toBe(200);
    await app.server.app.deps.relay.flush();
    const acks = await http(app, 'GET', '/api/events?since=0', store.staffToken);
    expect(acks.body.events.filter((e: DomainEvent) => e.type === 'alarm.acknowledged')).toHaveLength(1);
    expect((await board()).recentStaffCalls).toEqual([]);
  });

  it('stops a new paid order ringing on the board when the kitchen acknowledges it, and never names an unpaid order to a kitchen', async () => {
    const boardScreen = await screen(app, store.staffToken);
    const kitchenScreen = await screen(app, kitchen);
    sockets.push(boardScreen.socket, kitchenScreen.socket);
    const orderId = await paidOrder();
    expect((await board()).acknowledgedOrderIds).not.toContain(orderId);
    expect((await board(kitchen)).acknowledgedOrderIds).not.toContain(orderId);

    const ack = await acknowledge(kitchen, { orderIds: [orderId] });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    await app.server.app.deps.relay.flush();
    for (const s of [boardScreen, kitchenScreen])
      await waitUntil('the board and the kitchen to be told', () =>
        s.events.some((e) => e.type === 'alarm.acknowledged' && e.payload.orderIds.includes(orderId) && e.payload.byRole === 'kitchen'),
      );
    expect((await board()).acknowledgedOrderIds).toContain(orderId);
    expect((await board(kitchen)).acknowledgedOrderIds).toContain(orderId);

    // An unpaid order is nobody's alarm, and a kitchen learns nothing of it (I2); nor of another store's order.
    const unpaid = await place();
    expect((await acknowledge(kitchen, { orderIds: [unpaid.id] })).body.error.code).toBe('NOT_FOUND');
    expect((await acknowledge(other.staffToken, { orderIds: [orderId] })).status).toBe(404);
    expect((await acknowledge(store.staffToken, { staffCallIds: [orderId] })).status).toBe(404);
    expect((await acknowledge(store.staffToken, {})).status).toBe(400);
    expect((await acknowledge(tablet, { orderIds: [orderId] })).status).toBe(403);
  });

  it('lets the owner set the presets, which reach the tablet with the catalog and name the call on the board', async () => {
    const before = (await http(app, 'GET', '/api/catalog', tablet)).body.catalog;
    expect(before.staffCallPresets.map((p: { name: { ko: string } }) => p.name.ko)).toEqual(['물', '앞접시', '수저', '물티슈']);
    const set = await http(app, 'PUT', '/api/store/staff-call-presets', store.adminToken, {
      presets: [{ name: { ko: '앞치마', en: 'Apron' } }, { id: DEFAULT_STAFF_CALL_PRESETS[1]?.id, name: { ko: '앞접시', en: 'Plates' } }],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const apron = set.body.presets[0] as { id: string };
    expect((await http(app, 'GET', '/api/store/staff-call-presets', store.staffToken)).body).toEqual(set.body);
    expect((await http(app, 'PUT', '/api/store/staff-call-presets', store.staffToken, set.body)).status).toBe(403);
    // Another store keeps its own (the defaults).
    expect((await http(app, 'GET', '/api/store/staff-call-presets', other.staffToken)).body.presets).toEqual(DEFAULT_STAFF_CALL_PRESETS);

    const after = (await http(app, 'GET', `/api/catalog?since=${before.version}`, tablet)).body;
    expect(after.changed).toBe(true);
    expect(after.catalog.staffCallPresets).toEqual(set.body.presets);

    const staff = await screen(app, store.staffToken);
    sockets.push(staff.socket);
    expect((await http(app, 'POST', '/api/staff-calls', tablet, { kind: 'request', presetId: apron.id })).status).toBe(200);
    await app.server.app.deps.relay.flush();
    await waitUntil('the apron call on the board', () =>
      staff.events.some((e) => e.type === 'table.staff_called' && e.payload.label?.ko === '앞치마'),
    );
    // A preset the owner removed is refused with a reason; a request names its preset, the other kinds none.
    const removed = await http(app, 'POST', '/api/staff-calls', tablet, { kind: 'request', presetId: DEFAULT_STAFF_CALL_PRESETS[0]?.id });
    expect(removed.status).toBe(404);
    expect(removed.body.error.code).toBe('NOT_FOUND');
    expect((await http(app, 'POST', '/api/staff-calls', tablet, { kind: 'request' })).status).toBe(400);
    expect((await http(app, 'POST', '/api/staff-calls', tablet, { kind: 'call', presetId: apron.id })).status).toBe(400);
    const tooMany = Array.from({ length: 13 }, (_, i) => ({ name: { ko: `요청 ${i}` } }));
    expect((await http(app, 'PUT', '/api/store/staff-call-presets', store.adminToken, { presets: tooMany })).status).toBe(400);
    expect((await http(app, 'PUT', '/api/store/staff-call-presets', store.adminToken, { presets: [{ name: { ko: '' } }] })).status).toBe(
      400,
    );
  });
});

import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { SeqTracker } from '@hiorder/domain/realtime/seq-tracker';
import type { Socket } from 'socket.io-client';
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
import { waitUntil } from '../testing/wait';

/** A board as the admin app keeps it: events applied once and in seq order through SeqTracker. */
function board(socket: Socket, tracker: SeqTracker): { applied: DomainEvent[] } {
  const state = { applied: [] as DomainEvent[] };
  socket.on('store:event', (event: DomainEvent) => {
    state.applied.push(...tracker.offer([event]));
    if (tracker.hasGap) {
      emitAck<{ events: DomainEvent[] }>(socket, 'events:since', { lastSeq: tracker.lastSeq })
        .then((page) => {
          if (page.ok) state.applied.push(...tracker.offer(page.data.events));
        })
        // A gap request still in flight when the test closes the socket: nothing to apply.
        .catch(() => undefined);
    }
  });
  return state;
}

describe('staff catch-up by seq (I8)', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    app = await createTestApp();
    store = await buildStore(app, { cola: { price: 2000, course: 'other' } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  const paidOrder = async () => {
    const placed = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.cola as Menu).id, qty: 1 }],
    });
    const key = await authorizeCard(app, placed.body.id, placed.body.total, SANDBOX_CARDS.approve);
    const paid = await http(app, 'POST', `/api/orders/${placed.body.id}/pay`, tablet, { paymentKey: key });
    expect(paid.body.status).toBe('paid');
    return placed.body.id as string;
  };

  it('a board that disconnects, misses 20 paid orders and reconnects with lastSeq ends with all 20, in order, once', async () => {
    const tracker = new SeqTracker();
    let state = { applied: [] as DomainEvent[] };
    const first = await openSocket(app, '/staff', { token: store.staffToken, lastSeq: 0 }, (socket) => {
      state = board(socket, tracker);
    });
    const firstId = await paidOrder();
    await app.server.app.deps.relay.flush();
    await waitUntil('the live board to get the first order.paid', () =>
      state.applied.some((e) => e.type === 'order.paid' && e.payload.order.id === firstId),
    );
    first.close();

    const missed: string[] = [];
    for (let i = 0; i < 20; i++) missed.push(await paidOrder());
    await app.server.app.deps.relay.flush();

    let resumed = { applied: [] as DomainEvent[] };
    let synced: Promise<void> = Promise.resolve();
    const second = await openSocket(app, '/staff', { token: store.staffToken, lastSeq: tracker.lastSeq }, (socket) => {
      resumed = board(socket, tracker);
      synced = new Promise<void>((resolve) => socket.once('sync:done', () => resolve()));
    });
    await synced;
    const serverLastSeq = (await http(app, 'GET', '/api/events?since=0', store.staffToken)).body.lastSeq as number;
    await waitUntil(`the board to reach the store's last seq ${serverLastSeq}`, () => tracker.lastSeq === serverLastSeq);
    second.close();

    const paidIds = resumed.applied.filter((e) => e.type === 'order.paid').map((e) => (e.type === 'order.paid' ? e.payload.order.id : ''));
    expect(paidIds).toEqual(missed);
    const seqs = [...state.applied, ...resumed.applied].map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    const last = await http(app, 'GET', '/api/events?since=0', store.staffToken);
    expect(tracker.lastSeq).toBe(last.body.lastSeq);
  });

  it('starts a board from a snapshot: lastSeq, the orders, and for a kitchen never an unpaid order', async () => {
    const paidId = await paidOrder();
    expect((await http(app, 'POST', '/api/staff-calls', tablet, { kind: 'water' })).status).toBe(200);
    const pending = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.cola as Menu).id, qty: 1 }],
    });
    await app.server.app.deps.relay.flush();
    const staff = await http(app, 'GET', '/api/board', store.staffToken);
    expect(staff.body.lastSeq).toBe((await http(app, 'GET', '/api/events?since=0', store.staffToken)).body.lastSeq);
    const staffIds = staff.body.orders.map((o: { id: string }) => o.id);
    expect(staffIds).toContain(paidId);
    expect(staffIds).toContain(pending.body.id);
    expect(new Set(staffIds).size).toBe(staffIds.length);
    expect(staff.body.recentStaffCalls.map((c: { payload: { kind: string } }) => c.payload.kind)).toEqual(['water']);
    const kitchen = await http(app, 'GET', '/api/board', await pairKitchen(app, store));
    const kitchenIds = kitchen.body.orders.map((o: { id: string }) => o.id);
    expect(kitchenIds).toContain(paidId);
    expect(kitchenIds).not.toContain(pending.body.id);
    expect(kitchen.body.recentStaffCalls).toEqual([]);
  });

  it('drops duplicates and holds events past a gap until it is filled', () => {
    const tracker = new SeqTracker(0);
    const ev = (seq: number) => ({ seq, id: String(seq) }) as unknown as DomainEvent;
    expect(tracker.offer([ev(2), ev(3)])).toEqual([]);
    expect(tracker.hasGap).toBe(true);
    expect(tracker.offer([ev(1), ev(2)]).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(tracker.offer([ev(3), ev(1)])).toEqual([]);
    expect(tracker.lastSeq).toBe(3);
  });
});

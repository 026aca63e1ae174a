import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { describe, expect, it, vi } from 'vitest';
import { buildEvent, buildOrder, orderEvent, TABLE_ID } from '../test/factories';
import { selectColumns, selectToCook } from './board-state';
import { BoardStore } from './board-store';

function liveStore(lastSeq = 0) {
  const onNewPaid = vi.fn<(orders: OrderDto[]) => void>();
  const onCatchUp = vi.fn<(seq: number) => void>();
  const store = new BoardStore({ onNewPaid, onCatchUp, now: () => new Date('2025-05-01T03:01:00.000Z') }, lastSeq);
  store.setStatus('syncing');
  store.syncDone(lastSeq);
  return { store, onNewPaid, onCatchUp };
}

const paidEvents = (from: number, count: number): DomainEvent[] =>
  Array.from({ length: count }, (_, i) =>
    orderEvent(from + i, buildOrder({ status: 'paid', paidAt: `2025-05-01T03:00:${String(10 + i).padStart(2, '0')}.000Z` })),
  );

describe('BoardStore', () => {
  it('merges live pushes in seq order and rings once per new paid order', () => {
    const { store, onNewPaid } = liveStore();
    const events = paidEvents(1, 3);
    store.receive([events[0]!]);
    store.receive([events[1]!, events[2]!]);
    expect(selectColumns(store.getSnapshot().state).fresh).toHaveLength(3);
    expect(store.lastSeq).toBe(3);
    expect(onNewPaid).toHaveBeenCalledTimes(2);
    expect(onNewPaid.mock.calls.flatMap(([orders]) => orders)).toHaveLength(3);
  });

  it('drops duplicate pushes', () => {
    const { store, onNewPaid } = liveStore();
    const [first] = paidEvents(1, 1);
    store.receive([first!]);
    store.receive([first!]);
    store.receive([first!, first!]);
    expect(Object.keys(store.getSnapshot().state.orders)).toHaveLength(1);
    expect(onNewPaid).toHaveBeenCalledTimes(1);
  });

  it('holds events past a gap, asks for events:since and applies the page in order', () => {
    const { store, onCatchUp } = liveStore();
    const events = paidEvents(1, 5);
    store.receive([events[0]!]);
    store.receive([events[3]!, events[4]!]);
    expect(store.lastSeq).toBe(1);
    expect(Object.keys(store.getSnapshot().state.orders)).toHaveLength(1);
    expect(onCatchUp).toHaveBeenCalledWith(1);
    store.page({ events: [events[1]!, events[2]!, events[3]!], lastSeq: 5, more: false });
    expect(store.lastSeq).toBe(5);
    expect(selectColumns(store.getSnapshot().state).fresh.map((o) => o.id)).toEqual(
      events.map((e) => (e.type === 'order.paid' ? e.payload.order.id : '')),
    );
  });

  it('asks only once while a catch-up is in flight', () => {
    const { store, onCatchUp } = liveStore();
    const events = paidEvents(1, 6);
    store.receive([events[2]!]);
    store.receive([events[4]!]);
    store.receive([events[5]!]);
    expect(onCatchUp).toHaveBeenCalledTimes(1);
  });

  it('pages through a long catch-up until nothing is more', () => {
    const { store, onCatchUp } = liveStore();
    const events = paidEvents(1, 4);
    store.receive([events[3]!]);
    store.page({ events: [events[0]!, events[1]!], lastSeq: 4, more: true });
    expect(onCatchUp).toHaveBeenLastCalledWith(2);
    store.page({ events: [events[2]!], lastSeq: 4, more: false });
    expect(store.lastSeq).toBe(4);
    expect(selectToCook(store.getSnapshot().state)).toHaveLength(4);
  });

  it('catches up by seq after a reconnect: replays from lastSeq, no duplicate, no ring for history', () => {
    const onNewPaid = vi.fn<(orders: OrderDto[]) => void>();
    const store = new BoardStore({ onNewPaid });
    const events = paidEvents(1, 12);
    store.setStatus('syncing');
    store.receive(events.slice(0, 2));
    store.syncDone(2);
    expect(onNewPaid).not.toHaveBeenCalled();
    expect(store.getSnapshot().status).toBe('live');

    store.setStatus('reconnecting');
    expect(store.lastSeq).toBe(2);
    // The handshake carries lastSeq = 2; the server replays 3..12, one of them twice.
    store.setStatus('syncing');
    store.receive(events.slice(2));
    store.receive([events[5]!]);
    store.syncDone(12);
    const fresh = selectColumns(store.getSnapshot().state).fresh;
    expect(fresh).toHaveLength(12);
    expect(new Set(fresh.map((o) => o.id)).size).toBe(12);
    expect(onNewPaid.mock.calls.flatMap(([orders]) => orders)).toHaveLength(10);
    expect(store.getSnapshot().status).toBe('live');
  });

  it('a kitchen skips filtered seqs only on the server page, never on a guess', () => {
    const { store, onCatchUp } = liveStore();
    const placed = orderEvent(1, buildOrder({ status: 'pending_payment' }));
    const paidOrder = buildOrder({ status: 'paid' });
    // Seq 1 (order.placed) is not a kitchen event: the kitchen gets 2 only.
    store.receive([orderEvent(2, paidOrder)]);
    expect(selectToCook(store.getSnapshot().state)).toEqual([]);
    expect(onCatchUp).toHaveBeenCalledWith(0);
    store.page({ events: [orderEvent(2, paidOrder)], lastSeq: 2, more: false });
    expect(selectToCook(store.getSnapshot().state).map((o) => o.id)).toEqual([paidOrder.id]);
    expect(store.lastSeq).toBe(2);
    expect(placed.seq).toBe(1);
  });

  it('asks what it missed when sync:done is ahead of what it applied', () => {
    const onCatchUp = vi.fn<(seq: number) => void>();
    const store = new BoardStore({ onCatchUp });
    store.setStatus('syncing');
    store.syncDone(7);
    expect(onCatchUp).toHaveBeenCalledWith(0);
    expect(store.getSnapshot().status).toBe('syncing');
    store.page({ events: [], lastSeq: 7, more: false });
    expect(store.getSnapshot()).toMatchObject({ status: 'live', lastSeq: 7 });
  });

  it('keeps staff calls and order answers merged with pushes', () => {
    const { store } = liveStore();
    const order = buildOrder({ status: 'paid' });
    store.receive([
      orderEvent(1, order),
      buildEvent('table.staff_called', 2, { tableId: TABLE_ID, tableLabel: 'T1', kind: 'call' }, '2025-05-01T03:00:59.000Z'),
    ]);
    store.dispatch({ type: 'order', order: { ...order, status: 'accepted' } });
    store.receive([orderEvent(1, order)]);
    expect(store.getSnapshot().state.orders[order.id]?.status).toBe('accepted');
    expect(store.getSnapshot().state.staffCalls).toHaveLength(1);
  });

  it('applies once an event that arrives after a page already moved past its seq', () => {
    const { store } = liveStore();
    const a = buildOrder({ status: 'paid' });
    const b = buildOrder({ status: 'paid' });
    store.receive([orderEvent(2, a)]);
    // The page was read while seq 3 was being published: lastSeq says 3, the events stop at 2.
    store.page({ events: [orderEvent(2, a)], lastSeq: 3, more: false });
    expect(store.lastSeq).toBe(3);
    store.receive([orderEvent(3, b)]);
    store.receive([orderEvent(3, b)]);
    expect(selectToCook(store.getSnapshot().state).map((o) => o.id)).toEqual([a.id, b.id]);
  });

  it('starts from the board snapshot and catches up from its lastSeq only: no ring for history, no step back', () => {
    const onNewPaid = vi.fn<(orders: OrderDto[]) => void>();
    const onCatchUp = vi.fn<(seq: number) => void>();
    const store = new BoardStore({ onNewPaid, onCatchUp });
    const served = buildOrder({ status: 'served' });
    const closedVisitOrder = buildOrder({ status: 'served', visitId: '0190a000-0000-7000-8000-00000000abcd' });
    store.start({
      lastSeq: 40,
      orders: [served, closedVisitOrder],
      visits: [
        {
          id: served.visitId,
          tableId: TABLE_ID,
          tableLabel: 'T1',
          openedAt: served.createdAt,
          closedAt: null,
          orders: [served],
          total: served.total,
        },
      ],
      recentStaffCalls: [
        {
          id: '0190a000-0000-7000-8000-0000000ca11a',
          type: 'table.staff_called',
          storeId: served.storeId,
          aggregateId: TABLE_ID,
          seq: 39,
          occurredAt: new Date().toISOString(),
          payload: { tableId: TABLE_ID, tableLabel: 'T1', kind: 'water' },
        },
      ],
      acknowledgedOrderIds: [],
    });
    expect(store.lastSeq).toBe(40);
    // A guest's call made before the board opened still shows, without a sound.
    expect(store.getSnapshot().state.staffCalls.map((c) => c.kind)).toEqual(['water']);
    expect(store.getSnapshot().status).toBe('connecting');
    expect(selectColumns(store.getSnapshot().state).served.map((o) => o.id)).toEqual([served.id]);

    // The handshake sends lastSeq = 40: the replay brings 41.., and an older event of the snapshot's order,
    // re-applied, moves nothing back.
    store.setStatus('syncing');
    const later = buildOrder({ status: 'paid' });
    store.receive([orderEvent(41, { ...served, status: 'paid', revision: 1 }), orderEvent(42, later)]);
    store.syncDone(42);
    expect(onCatchUp).not.toHaveBeenCalled();
    expect(store.getSnapshot()).toMatchObject({ status: 'live', lastSeq: 42 });
    expect(store.getSnapshot().state.orders[served.id]?.status).toBe('served');
    expect(selectColumns(store.getSnapshot().state).fresh.map((o) => o.id)).toEqual([later.id]);
    expect(onNewPaid).not.toHaveBeenCalled();

    store.receive([orderEvent(43, buildOrder({ status: 'paid' }))]);
    expect(onNewPaid).toHaveBeenCalledTimes(1);
  });

  it('a kitchen snapshot says nothing about closed visits', () => {
    const store = new BoardStore({ viewer: 'kitchen' });
    const paid = buildOrder({ status: 'paid' });
    store.start({ lastSeq: 5, orders: [paid], visits: [], recentStaffCalls: [], acknowledgedOrderIds: [] });
    expect(store.getSnapshot().state.closedVisits).toEqual({});
    expect(selectToCook(store.getSnapshot().state).map((o) => o.id)).toEqual([paid.id]);
  });
});

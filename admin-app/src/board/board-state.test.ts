import { describe, expect, it } from 'vitest';
import { buildEvent, buildOrder, orderEvent, TABLE_ID, VISIT_ID } from '../test/factories';
import {
  boardReducer,
  emptyBoard,
  mergeOrder,
  selectAlarms,
  selectColumns,
  selectTables,
  selectToCook,
  type BoardState,
} from './board-state';

const NOW = '2025-05-01T03:01:00.000Z';
const apply = (state: BoardState, ...events: Parameters<typeof orderEvent>[]): BoardState =>
  boardReducer(state, { type: 'events', events: events.map(([seq, o]) => orderEvent(seq, o)), live: true, now: NOW });

describe('boardReducer', () => {
  it('puts a paid order in the new column and highlights it when live', () => {
    const order = buildOrder({ status: 'paid' });
    const state = apply(emptyBoard, [1, order]);
    expect(selectColumns(state).fresh.map((o) => o.id)).toEqual([order.id]);
    expect(state.fresh[order.id]).toBe(NOW);
  });

  it('does not highlight orders replayed before the first sync', () => {
    const order = buildOrder({ status: 'paid' });
    const state = boardReducer(emptyBoard, { type: 'events', events: [orderEvent(1, order)], live: false, now: NOW });
    expect(selectColumns(state).fresh).toHaveLength(1);
    expect(state.fresh).toEqual({});
  });

  it('never shows a pending-payment order as to cook (I2)', () => {
    const pending = buildOrder({ status: 'pending_payment' });
    const state = apply(emptyBoard, [1, pending]);
    const columns = selectColumns(state);
    expect([...columns.fresh, ...columns.accepted, ...columns.served]).toEqual([]);
    expect(selectToCook(state)).toEqual([]);
    expect(selectTables(state, [{ id: TABLE_ID, label: 'T1' }])[0]).toMatchObject({ orders: [], awaitingPayment: 1, total: 0 });
  });

  it('never shows failed or expired orders as to cook (I2)', () => {
    const failed = buildOrder({ status: 'payment_failed' });
    const expired = buildOrder({ status: 'expired' });
    const state = apply(emptyBoard, [1, failed], [2, expired]);
    expect(selectToCook(state)).toEqual([]);
    expect(selectColumns(state).fresh).toEqual([]);
  });

  it('moves an order through accepted and served', () => {
    const paid = buildOrder({ status: 'paid' });
    const accepted = { ...paid, status: 'accepted' as const, acceptedAt: NOW };
    const served = { ...accepted, status: 'served' as const, servedAt: NOW };
    let state = apply(emptyBoard, [1, paid], [2, accepted]);
    expect(selectColumns(state).accepted.map((o) => o.id)).toEqual([paid.id]);
    expect(state.fresh[paid.id]).toBeUndefined();
    state = apply(state, [3, served]);
    expect(selectColumns(state)).toMatchObject({ fresh: [], accepted: [], served: [{ id: paid.id }] });
    expect(selectToCook(state)).toEqual([]);
  });

  it('never moves an order back when an older version arrives late', () => {
    const paid = buildOrder({ status: 'paid' });
    const served = { ...paid, status: 'served' as const, servedAt: NOW, revision: paid.revision + 2 };
    const state = boardReducer(apply(emptyBoard, [2, served]), { type: 'order', order: paid });
    expect(state.orders[paid.id]?.status).toBe('served');
    expect(mergeOrder(served, paid)).toBe(served);
  });

  it('shows a recall (served → accepted), a newer revision, and line progress of lines_bumped', () => {
    const served = buildOrder({ status: 'served' });
    const recalled = {
      ...served,
      status: 'accepted' as const,
      revision: served.revision + 2,
      lines: served.lines.map((l) => ({ ...l, readyAt: null })),
    };
    const state = apply(emptyBoard, [1, served], [2, recalled]);
    expect(state.orders[served.id]?.status).toBe('accepted');
    expect(selectToCook(state).map((o) => o.id)).toEqual([served.id]);
    const checked = { ...recalled, revision: recalled.revision + 1, lines: recalled.lines.map((l) => ({ ...l, readyAt: NOW })) };
    const next = boardReducer(state, {
      type: 'events',
      live: true,
      now: NOW,
      events: [buildEvent('order.lines_bumped', 3, { order: checked, lineIds: checked.lines.map((l) => l.id), ready: true })],
    });
    expect(next.orders[served.id]?.lines.every((l) => l.readyAt === NOW)).toBe(true);
  });

  it('keeps a refunded order on the table but off the cooking columns', () => {
    const paid = buildOrder({ status: 'paid' });
    const cancelled = { ...paid, status: 'cancelled' as const, cancelledAt: NOW, cancelReason: 'sold out' };
    const state = apply(emptyBoard, [1, paid], [2, cancelled]);
    expect(selectToCook(state)).toEqual([]);
    const [table] = selectTables(state, [{ id: TABLE_ID, label: 'T1' }]);
    expect(table?.orders.map((o) => o.status)).toEqual(['cancelled']);
    expect(table?.total).toBe(0);
  });

  it('sums the visit total of paid orders and forgets the visit once closed', () => {
    const a = buildOrder({ status: 'paid', total: 10000 });
    const b = buildOrder({ status: 'served', total: 5000 });
    let state = apply(emptyBoard, [1, a], [2, b]);
    expect(selectTables(state, [{ id: TABLE_ID, label: 'T1' }])[0]?.total).toBe(15000);
    state = boardReducer(state, {
      type: 'events',
      events: [buildEvent('visit.closed', 3, { visitId: VISIT_ID, tableId: TABLE_ID, tableLabel: 'T1' })],
      live: true,
      now: NOW,
    });
    expect(selectTables(state, [{ id: TABLE_ID, label: 'T1' }])[0]).toMatchObject({ orders: [], total: 0, visitId: null });
    expect(selectColumns(state).served).toEqual([]);
  });

  it('follows a moved order to its new table, and forgets a visit merged into another', () => {
    const order = buildOrder({ status: 'accepted', total: 9000 });
    const NEW_TABLE = '01900000-0000-7000-8000-0000000000b2';
    const NEW_VISIT = '01900000-0000-7000-8000-0000000000c2';
    let state = apply(emptyBoard, [1, order]);
    const moved = { ...order, tableId: NEW_TABLE, tableLabel: 'T2', visitId: NEW_VISIT };
    state = boardReducer(state, {
      type: 'events',
      events: [
        buildEvent('order.moved', 2, { order: moved, fromTableId: TABLE_ID, fromVisitId: VISIT_ID }),
        buildEvent('visit.merged', 3, {
          fromVisitId: VISIT_ID,
          intoVisitId: NEW_VISIT,
          fromTableId: TABLE_ID,
          fromTableLabel: 'T1',
          intoTableId: NEW_TABLE,
          intoTableLabel: 'T2',
        }),
      ],
      live: true,
      now: NOW,
    });
    const [t1, t2] = selectTables(state, [
      { id: TABLE_ID, label: 'T1' },
      { id: NEW_TABLE, label: 'T2' },
    ]);
    expect(t1).toMatchObject({ orders: [], visitId: null });
    expect(t2).toMatchObject({ visitId: NEW_VISIT, total: 9000 });
    expect(selectToCook(state).map((o) => o.tableLabel)).toEqual(['T2']);
    expect(state.closedVisits[VISIT_ID]).toBe(true);
  });

  it('shows a staff call with the table label once, and drops old ones on replay', () => {
    const call = buildEvent('table.staff_called', 1, { tableId: TABLE_ID, tableLabel: 'A-3', kind: 'water' }, NOW);
    const old = buildEvent('table.staff_called', 2, { tableId: TABLE_ID, tableLabel: 'A-3', kind: 'call' }, '2025-05-01T01:00:00.000Z');
    let state = boardReducer(emptyBoard, { type: 'events', events: [call, call, old], live: false, now: NOW });
    expect(state.staffCalls).toEqual([expect.objectContaining({ tableLabel: 'A-3', kind: 'water' })]);
    state = boardReducer(state, { type: 'acknowledged', orderIds: [], staffCallIds: [call.id] });
    expect(state.staffCalls).toEqual([]);
  });

  it('lists new orders oldest first', () => {
    const late = buildOrder({ status: 'paid', paidAt: '2025-05-01T03:05:00.000Z' });
    const early = buildOrder({ status: 'paid', paidAt: '2025-05-01T03:00:30.000Z' });
    const state = apply(emptyBoard, [1, late], [2, early]);
    expect(selectColumns(state).fresh.map((o) => o.id)).toEqual([early.id, late.id]);
  });

  it('remembers the newest catalog version announced, never an older one', () => {
    const changed = (seq: number, version: number) => buildEvent('catalog.changed', seq, { version, menuIds: [] });
    const state = boardReducer(emptyBoard, { type: 'events', events: [changed(1, 4), changed(2, 3)], live: true, now: NOW });
    expect(state.catalogVersion).toBe(4);
  });
});

describe('selectAlarms: ringing until acknowledged', () => {
  it('rings for a paid order nobody took up, never an unpaid one, and stops when any screen acknowledges it or it is accepted', () => {
    const paid = buildOrder({ status: 'paid', paidAt: '2025-05-01T03:00:00.000Z' });
    const other = buildOrder({ status: 'paid', paidAt: '2025-05-01T03:00:10.000Z' });
    const unpaid = buildOrder({ status: 'pending_payment', paidAt: null });
    let state = apply(emptyBoard, [1, paid], [2, other], [3, unpaid]);
    expect(selectAlarms(state).orders.map((o) => o.id)).toEqual([paid.id, other.id]);
    // Another screen acknowledged the first: its event stops it here too.
    state = boardReducer(state, {
      type: 'events',
      events: [buildEvent('alarm.acknowledged', 4, { orderIds: [paid.id], staffCallIds: [], byRole: 'kitchen' })],
      live: true,
      now: NOW,
    });
    expect(selectAlarms(state).orders.map((o) => o.id)).toEqual([other.id]);
    state = apply(state, [5, { ...other, status: 'accepted', revision: other.revision + 1 }]);
    expect(selectAlarms(state).orders).toEqual([]);
  });

  it('starts from the snapshot: orders acknowledged before the screen opened do not ring', () => {
    const paid = buildOrder({ status: 'paid' });
    const waiting = buildOrder({ status: 'paid' });
    const state = boardReducer(emptyBoard, {
      type: 'snapshot',
      orders: [paid, waiting],
      closedVisitIds: [],
      acknowledgedOrderIds: [paid.id],
    });
    expect(selectAlarms(state).orders.map((o) => o.id)).toEqual([waiting.id]);
  });

  it('rings for a staff call until acknowledged, and one acknowledgement ends a call the guest pressed twice', () => {
    const first = buildEvent(
      'table.staff_called',
      1,
      { tableId: TABLE_ID, tableLabel: 'T1', kind: 'request', label: { ko: '물', en: 'Water' } },
      NOW,
    );
    const again = buildEvent(
      'table.staff_called',
      2,
      { tableId: TABLE_ID, tableLabel: 'T1', kind: 'request', label: { ko: '물', en: 'Water' } },
      NOW,
    );
    const plates = buildEvent(
      'table.staff_called',
      3,
      { tableId: TABLE_ID, tableLabel: 'T1', kind: 'request', label: { ko: '앞접시', en: 'Plates' } },
      NOW,
    );
    let state = boardReducer(emptyBoard, { type: 'events', events: [first, again, plates], live: true, now: NOW });
    expect(selectAlarms(state).calls.map((c) => c.label?.ko)).toEqual(['물', '앞접시']);
    expect(selectAlarms(state).calls[0]?.ids).toEqual([first.id, again.id]);
    state = boardReducer(state, {
      type: 'events',
      events: [buildEvent('alarm.acknowledged', 4, { orderIds: [], staffCallIds: [first.id], byRole: 'staff' })],
      live: true,
      now: NOW,
    });
    expect(selectAlarms(state).calls.map((c) => c.label?.ko)).toEqual(['앞접시']);
  });
});

describe('selectColumns: counter payments', () => {
  it('lists unpaid orders awaiting counter payment apart from the cooking columns, even after their visit closed', () => {
    const counter = buildOrder({ status: 'pending_payment', payment: 'counter' });
    const unpaid = buildOrder({ status: 'pending_payment', payment: 'none' });
    const state: BoardState = {
      ...emptyBoard,
      orders: { [counter.id]: counter, [unpaid.id]: unpaid },
      closedVisits: { [counter.visitId]: true },
    };
    const columns = selectColumns(state);
    expect(columns.counter.map((o) => o.id)).toEqual([counter.id]);
    expect([...columns.fresh, ...columns.accepted, ...columns.served]).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { ID, orderDto } from '../testing/fixtures';
import { DOMAIN_EVENT_TYPES, DomainEventSchema, isKitchenEvent, isOrderEvent, ORDER_EVENT_TYPES, type DomainEvent } from './domain-events';

const envelope = { id: ID.other, storeId: ID.store, aggregateId: ID.order, seq: 7, occurredAt: '2026-11-29T10:00:00.000Z' };
const order = orderDto();
const unpaid = orderDto({ status: 'pending_payment', payment: 'none', paidAt: null });

/** One event of every type with every field set, as the relay publishes it. */
const PAYLOADS: { [K in DomainEvent['type']]: Extract<DomainEvent, { type: K }>['payload'] } = {
  'order.placed': { order: unpaid },
  'order.paid': { order, method: 'cash' },
  'order.payment_failed': { order: unpaid, code: 'PAYMENT_DECLINED' },
  'order.counter_requested': { order: { ...unpaid, payment: 'counter' } },
  'order.expired': { order: { ...unpaid, status: 'expired' } },
  'order.accepted': { order: { ...order, status: 'accepted', acceptedAt: '2026-11-29T10:02:00.000Z' } },
  'order.served': { order: { ...order, status: 'served', servedAt: '2026-11-29T10:03:00.000Z' } },
  'order.lines_bumped': { order, lineIds: [ID.line], ready: false },
  'order.cancelled': { order: { ...order, status: 'cancelled', cancelReason: 'spilled' }, reason: 'spilled', refunded: true },
  'order.moved': { order, fromTableId: ID.other, fromVisitId: ID.other },
  'order.split_changed': {
    order: unpaid,
    split: {
      orderId: ID.order,
      total: 30000,
      paid: 15000,
      inFlight: 0,
      remaining: 15000,
      shares: [{ id: ID.other, amount: 15000, status: 'done', claims: ['part:2:0'], mine: true, counter: false }],
    },
  },
  'order.refunded': {
    order: { ...order, refunded: 15000 },
    refund: {
      id: ID.other,
      amount: 15000,
      reason: 'spilled',
      restocked: false,
      lines: [{ lineId: ID.line, qty: 1, amount: 15000 }],
      staffId: ID.other,
      method: 'easy_pay',
      refundedAt: '2026-11-29T10:05:00.000Z',
    },
  },
  'catalog.changed': { version: 3, menuIds: [ID.menu] },
  'stock.changed': { version: 4, menus: [{ menuId: ID.menu, stock: null, soldOut: true }] },
  'visit.closed': { visitId: ID.visit, tableId: ID.table, tableLabel: 'T1', reason: 'idle' },
  'visit.moved': { visitId: ID.visit, fromTableId: ID.table, fromTableLabel: 'T1', toTableId: ID.other, toTableLabel: 'T2' },
  'visit.merged': {
    fromVisitId: ID.visit,
    intoVisitId: ID.other,
    fromTableId: ID.table,
    fromTableLabel: 'T1',
    intoTableId: ID.other,
    intoTableLabel: 'T2',
  },
  'table.staff_called': { tableId: ID.table, tableLabel: 'T1', kind: 'checkout' },
  'staff.sessions_ended': { staffId: ID.other, reason: 'role_changed' },
  'device.revoked': { deviceId: ID.other },
  'alarm.acknowledged': { orderIds: [ID.order], staffCallIds: [ID.other], byRole: 'staff' },
};
const event = <K extends DomainEvent['type']>(type: K, payload = PAYLOADS[type]) => ({ ...envelope, type, payload }) as DomainEvent;

describe('DomainEventSchema (events that crossed a process boundary)', () => {
  it('reads back every event type whole: no field dropped, none changed', () => {
    expect([...DOMAIN_EVENT_TYPES].sort()).toEqual(Object.keys(PAYLOADS).sort());
    for (const type of DOMAIN_EVENT_TYPES) expect(DomainEventSchema.parse(event(type)), type).toEqual(event(type));
  });

  it('refuses an unknown type, a payload of another type, and a seq below 1', () => {
    expect(DomainEventSchema.safeParse({ ...event('order.paid'), type: 'order.teleported' }).success).toBe(false);
    expect(DomainEventSchema.safeParse({ ...event('order.paid'), payload: PAYLOADS['device.revoked'] }).success).toBe(false);
    expect(DomainEventSchema.safeParse({ ...event('device.revoked'), seq: 0 }).success).toBe(false);
    expect(DomainEventSchema.safeParse({ ...event('staff.sessions_ended'), payload: { staffId: ID.other, reason: 'bored' } }).success).toBe(
      false,
    );
  });

  it('accepts the older shapes still in outboxes: order.paid without a method, visit.closed without a reason', () => {
    const paid = event('order.paid', { order });
    expect(DomainEventSchema.parse(paid)).toEqual(paid);
    const closed = event('visit.closed', { visitId: ID.visit, tableId: ID.table, tableLabel: 'T1' });
    expect(DomainEventSchema.parse(closed)).toEqual(closed);
  });
});

describe('isOrderEvent', () => {
  it('is true exactly for the events that carry an order', () => {
    const carrying = DOMAIN_EVENT_TYPES.filter((type) => 'order' in PAYLOADS[type]);
    expect([...ORDER_EVENT_TYPES].sort()).toEqual(carrying.sort());
    for (const type of DOMAIN_EVENT_TYPES) expect(isOrderEvent(event(type)), type).toBe(carrying.includes(type));
  });
});

describe('isKitchenEvent (I2: nothing unpaid reaches a kitchen)', () => {
  it('lets through paid work only', () => {
    // A refund is of a paid order: the kitchen's tile shows what is left to cook.
    const kitchen = [
      'order.paid',
      'order.accepted',
      'order.served',
      'order.lines_bumped',
      'order.refunded',
      'order.cancelled',
      'order.moved',
      'alarm.acknowledged',
    ];
    for (const type of DOMAIN_EVENT_TYPES) expect(isKitchenEvent(event(type)), type).toBe(kitchen.includes(type));
  });

  it('sends an acknowledgement to the kitchen only when it names orders (its staff calls are the floor’s)', () => {
    expect(isKitchenEvent(event('alarm.acknowledged', { orderIds: [], staffCallIds: [ID.other], byRole: 'staff' }))).toBe(false);
  });

  it('keeps the cancel and the move of an unpaid order away from the kitchen', () => {
    expect(isKitchenEvent(event('order.cancelled', { order: { ...unpaid, status: 'cancelled' }, reason: 'left', refunded: false }))).toBe(
      false,
    );
    expect(isKitchenEvent(event('order.moved', { order: unpaid, fromTableId: ID.other, fromVisitId: ID.other }))).toBe(false);
  });
});

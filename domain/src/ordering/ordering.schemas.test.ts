import { describe, expect, it } from 'vitest';
import { ID, orderDto } from '../testing/fixtures';
import {
  CounterSettleSchema,
  IdempotencyKeySchema,
  OrderBumpSchema,
  OrderCancelSchema,
  OrderDtoSchema,
  OrderListQuerySchema,
  OrderPlaceSchema,
  OrderStatusSchema,
  PaymentMethodSchema,
  PaymentStateSchema,
} from './ordering.schemas';
import { StaffCallSchema } from './staff-call.schemas';
import { IDLE_CLOSE_MINUTES, VisitCloseReasonSchema, VisitCloseSchema, VisitSettingsSchema } from './visit.schemas';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('order placement input', () => {
  const line = { menuId: ID.menu, qty: 1 };
  const place = { idempotencyKey: 'key-0001_ab', lines: [line] };

  it('fills a line’s options and note, trims notes, and keeps the cart as sent', () => {
    expect(OrderPlaceSchema.parse({ ...place, note: ' 빨리 ' })).toEqual({
      idempotencyKey: 'key-0001_ab',
      lines: [{ menuId: ID.menu, qty: 1, options: [], note: '' }],
      note: '빨리',
    });
    expect(OrderPlaceSchema.parse({ ...place, lines: [{ ...line, note: ' 덜 맵게 ' }] }).lines[0]?.note).toBe('덜 맵게');
  });

  it('bounds quantities, lines, notes and the key', () => {
    expect(ok(OrderPlaceSchema, { ...place, lines: [{ ...line, qty: 0 }] })).toBe(false);
    expect(ok(OrderPlaceSchema, { ...place, lines: [{ ...line, qty: 99 }] })).toBe(true);
    expect(ok(OrderPlaceSchema, { ...place, lines: [{ ...line, qty: 100 }] })).toBe(false);
    expect(ok(OrderPlaceSchema, { ...place, lines: [] })).toBe(false);
    expect(ok(OrderPlaceSchema, { ...place, lines: Array.from({ length: 31 }, () => line) })).toBe(false);
    expect(ok(OrderPlaceSchema, { ...place, note: 'a'.repeat(201) })).toBe(false);
    expect(ok(OrderPlaceSchema, { ...place, lines: [{ ...line, note: 'a'.repeat(101) }] })).toBe(false);
    expect(ok(OrderPlaceSchema, { ...place, lines: [{ ...line, options: [ID.option, ID.option] }] })).toBe(false);
    expect(ok(OrderPlaceSchema, { ...place, extra: 1 })).toBe(false);
    expect(ok(IdempotencyKeySchema, 'abcdefg')).toBe(false);
    expect(ok(IdempotencyKeySchema, 'abcdefgh')).toBe(true);
    expect(ok(IdempotencyKeySchema, 'a'.repeat(100))).toBe(true);
    expect(ok(IdempotencyKeySchema, 'a'.repeat(101))).toBe(false);
    expect(ok(IdempotencyKeySchema, 'abcd efgh')).toBe(false);
    expect(ok(IdempotencyKeySchema, 'abcdefgh!')).toBe(false);
  });
});

describe('order commands and queries', () => {
  it('bumps a station, some lines or the whole order, never a station and lines at once', () => {
    expect(OrderBumpSchema.parse({})).toEqual({ ready: true });
    expect(OrderBumpSchema.parse({ station: 'bar', ready: false })).toEqual({ station: 'bar', ready: false });
    expect(ok(OrderBumpSchema, { lineIds: [ID.line] })).toBe(true);
    expect(ok(OrderBumpSchema, { lineIds: [] })).toBe(false);
    expect(ok(OrderBumpSchema, { station: 'kitchen', lineIds: [ID.line] })).toBe(false);
  });

  it('cancels with a reason, giving the stock back unless staff say the food was made', () => {
    expect(OrderCancelSchema.parse({ reason: ' 손님 요청 ' })).toEqual({ reason: '손님 요청', restock: true });
    expect(OrderCancelSchema.parse({ reason: '조리 후 취소', restock: false })).toEqual({ reason: '조리 후 취소', restock: false });
    expect(ok(OrderCancelSchema, { reason: '   ' })).toBe(false);
  });

  it('settles at the counter with a counter method, never easy pay', () => {
    for (const method of ['cash', 'card_terminal', 'other']) expect(ok(CounterSettleSchema, { method })).toBe(true);
    expect(ok(CounterSettleSchema, { method: 'easy_pay' })).toBe(false);
    expect(PaymentMethodSchema.options).toEqual(['easy_pay', 'cash', 'card_terminal', 'other']);
  });

  it('lists orders by comma-separated statuses, with a bounded limit', () => {
    expect(OrderListQuerySchema.parse({ status: 'paid,accepted', limit: '20' })).toEqual({ status: ['paid', 'accepted'], limit: 20 });
    expect(OrderListQuerySchema.parse({})).toEqual({ limit: 200 });
    expect(ok(OrderListQuerySchema, { status: 'paid,cooking' })).toBe(false);
    expect(ok(OrderListQuerySchema, { limit: '501' })).toBe(false);
    expect(ok(OrderListQuerySchema, { limit: '0' })).toBe(false);
    expect(ok(OrderListQuerySchema, { since: 'yesterday' })).toBe(false);
  });

  it('takes the fixed staff calls, and a request naming the store preset it is', () => {
    for (const kind of ['water', 'cutlery', 'call', 'checkout']) expect(ok(StaffCallSchema, { kind })).toBe(true);
    expect(ok(StaffCallSchema, { kind: 'request', presetId: ID.other })).toBe(true);
    expect(ok(StaffCallSchema, { kind: 'request' })).toBe(false);
    expect(ok(StaffCallSchema, { kind: 'water', presetId: ID.other })).toBe(false);
    expect(ok(StaffCallSchema, { kind: 'dance' })).toBe(false);
  });
});

describe('the order a client receives', () => {
  it('reads back every status and payment state whole', () => {
    for (const status of OrderStatusSchema.options)
      for (const payment of PaymentStateSchema.options) {
        const order = orderDto({ status, payment });
        expect(OrderDtoSchema.parse(order)).toEqual(order);
      }
    expect(OrderStatusSchema.options).toEqual(['pending_payment', 'paid', 'accepted', 'served', 'payment_failed', 'expired', 'cancelled']);
    expect(PaymentStateSchema.options).toEqual(['none', 'unknown', 'done', 'declined', 'cancelled', 'counter', 'split']);
  });
});

describe('visits', () => {
  it('closes quietly or by force, and bounds the idle rule (or turns it off)', () => {
    expect(ok(VisitCloseSchema, {})).toBe(true);
    expect(ok(VisitCloseSchema, { force: true })).toBe(true);
    expect(VisitCloseReasonSchema.options).toEqual(['staff', 'idle', 'merged']);
    expect(ok(VisitSettingsSchema, { idleCloseMinutes: null })).toBe(true);
    expect(ok(VisitSettingsSchema, { idleCloseMinutes: IDLE_CLOSE_MINUTES.min })).toBe(true);
    expect(ok(VisitSettingsSchema, { idleCloseMinutes: IDLE_CLOSE_MINUTES.min - 1 })).toBe(false);
    expect(ok(VisitSettingsSchema, { idleCloseMinutes: IDLE_CLOSE_MINUTES.max })).toBe(true);
    expect(ok(VisitSettingsSchema, { idleCloseMinutes: IDLE_CLOSE_MINUTES.max + 1 })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { orderDto } from '../testing/fixtures';
import { BusinessDaySettingsSchema, OrderHistoryQuerySchema, paymentMethodOf, PROVIDER_PAYMENT_METHOD } from './history.schemas';
import { DailyCloseQuerySchema } from './daily-close.schemas';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('paymentMethodOf', () => {
  it('is null unpaid, the order’s own method when it has one, else the easy-pay provider', () => {
    expect(paymentMethodOf(orderDto({ paidAt: null }))).toBeNull();
    expect(paymentMethodOf(orderDto())).toBe(PROVIDER_PAYMENT_METHOD);
    expect(PROVIDER_PAYMENT_METHOD).toBe('easy_pay');
    expect(paymentMethodOf({ ...orderDto(), paymentMethod: 'cash' } as never)).toBe('cash');
    expect(paymentMethodOf({ ...orderDto(), paymentMethod: null } as never)).toBe('easy_pay');
  });
});

describe('history queries', () => {
  it('pages by default and splits statuses', () => {
    expect(OrderHistoryQuerySchema.parse({})).toEqual({ page: 1, pageSize: 50 });
    expect(OrderHistoryQuerySchema.parse({ status: 'paid,cancelled', method: ' cash ', page: '2', pageSize: '200' })).toEqual({
      status: ['paid', 'cancelled'],
      method: 'cash',
      page: 2,
      pageSize: 200,
    });
    expect(ok(OrderHistoryQuerySchema, { status: 'paid,lost' })).toBe(false);
    expect(ok(OrderHistoryQuerySchema, { pageSize: '201' })).toBe(false);
    expect(ok(OrderHistoryQuerySchema, { page: '0' })).toBe(false);
    expect(ok(OrderHistoryQuerySchema, { method: ' ' })).toBe(false);
    expect(ok(OrderHistoryQuerySchema, { from: '2026-02-30' })).toBe(false);
    expect(ok(DailyCloseQuerySchema, { day: '2026-11-29' })).toBe(true);
    expect(ok(DailyCloseQuerySchema, { day: 'today' })).toBe(false);
  });

  it('starts a business day at an hour of the day', () => {
    expect(ok(BusinessDaySettingsSchema, { dayStartsAtHour: 0 })).toBe(true);
    expect(ok(BusinessDaySettingsSchema, { dayStartsAtHour: 23 })).toBe(true);
    expect(ok(BusinessDaySettingsSchema, { dayStartsAtHour: 24 })).toBe(false);
    expect(ok(BusinessDaySettingsSchema, { dayStartsAtHour: -1 })).toBe(false);
  });
});

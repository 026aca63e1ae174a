import { describe, expect, it } from 'vitest';
import { buildOrder } from '../test/factories';
import { computeSalesFromOrders, todayIn, zonedMidnight } from './stats-client';

describe('computeSalesFromOrders (fallback)', () => {
  const range = { from: '2025-05-01', to: '2025-05-01' };

  it('counts paid, accepted and served orders and leaves cancelled ones out of net sales', () => {
    const orders = [
      buildOrder({ status: 'paid', total: 10000, paidAt: '2025-05-01T03:10:00.000Z' }),
      buildOrder({ status: 'served', total: 20000, paidAt: '2025-05-01T03:40:00.000Z' }),
      buildOrder({ status: 'cancelled', total: 7000, paidAt: '2025-05-01T04:00:00.000Z' }),
      buildOrder({ status: 'pending_payment', total: 9000 }),
    ];
    const stats = computeSalesFromOrders(orders, null, range, 'Asia/Seoul');
    expect(stats).toMatchObject({ source: 'fallback', netSales: 30000, orders: 2, averageTicket: 15000, cancelledOrders: 1, cancelledAmount: 7000 });
    // 03:10Z is 12:10 in Seoul.
    expect(stats.byHour[12]).toEqual({ hour: 12, sales: 30000, orders: 2 });
    expect(stats.byTable).toEqual([expect.objectContaining({ label: 'T1', sales: 30000, orders: 2 })]);
  });

  it('buckets by the store day, not the UTC day', () => {
    // 2025-04-30T16:00Z is 01:00 on 1 May in Seoul: inside the range; 15:00Z is still 30 April there.
    const orders = [buildOrder({ paidAt: '2025-04-30T16:00:00.000Z' }), buildOrder({ paidAt: '2025-04-30T14:59:00.000Z' })];
    expect(computeSalesFromOrders(orders, null, range, 'Asia/Seoul').orders).toBe(1);
  });

  it('finds midnight in a time zone', () => {
    expect(new Date(zonedMidnight('2025-05-01', 'Asia/Seoul')).toISOString()).toBe('2025-04-30T15:00:00.000Z');
    expect(todayIn('Asia/Seoul', Date.parse('2025-04-30T15:30:00.000Z'))).toBe('2025-05-01');
  });
});

import type { SalesFigures } from '@hiorder/domain/stats/stats.schemas';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../shared/api';
import { loadSalesSummary, salesKpis } from './stats-client';

const figures = (overrides: Partial<SalesFigures> = {}): SalesFigures => ({
  orders: 0,
  refundedOrders: 0,
  items: 0,
  gross: 0,
  refunds: 0,
  net: 0,
  averageTicket: 0,
  ...overrides,
});

describe('salesKpis', () => {
  it('counts refunded orders apart from the orders behind net sales and the average ticket', () => {
    const kpis = salesKpis(figures({ orders: 3, refundedOrders: 1, gross: 40_000, refunds: 10_000, net: 30_000, averageTicket: 15_000 }));
    expect(kpis).toEqual({ netSales: 30_000, keptOrders: 2, averageTicket: 15_000, refundedOrders: 1, refunds: 10_000 });
  });
});

describe('loadSalesSummary', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the read models for the range and refuses an answer that breaks the contract', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(Response.json({ totals: figures() }));
    vi.stubGlobal('fetch', fetch);
    const api = new ApiClient({ token: () => 'token', renew: async () => false });
    await expect(loadSalesSummary(api, { from: '2025-05-01', to: '2025-05-02' })).rejects.toThrow();
    expect(fetch.mock.calls[0]?.[0]).toBe('/api/stats/summary?from=2025-05-01&to=2025-05-02');
  });
});

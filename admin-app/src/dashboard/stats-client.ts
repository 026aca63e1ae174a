import { SalesSummaryDtoSchema, type SalesFigures, type SalesSummaryDto } from '@hiorder/domain/stats/stats.schemas';
import type { ApiClient } from '../shared/api';

/** A range of whole days in the store's time zone, `YYYY-MM-DD`, both ends included. */
export interface SalesRange {
  from: string;
  to: string;
}

/**
 * `GET /api/stats/summary`: the workers' read models, the one source of the dashboard. There is no fallback that
 * recomputes figures from the order list: the server keeps these read models in every mode (in-process
 * processors without Redis, BullMQ workers with it), so a second computation could only disagree with them.
 * Parsed with the domain schema, so a contract drift shows as an error here rather than as wrong figures.
 */
export async function loadSalesSummary(api: ApiClient, range: SalesRange): Promise<SalesSummaryDto> {
  const query = new URLSearchParams({ from: range.from, to: range.to });
  return await api.get(`/api/stats/summary?${query.toString()}`, SalesSummaryDtoSchema);
}

/** The dashboard's headline figures. */
export interface SalesKpis {
  netSales: number;
  /** Paid orders that were not refunded: the ones `averageTicket` is over. */
  keptOrders: number;
  averageTicket: number;
  refundedOrders: number;
  refunds: number;
}

/**
 * Headline figures from a bucket. `orders` of the read model counts refunded orders too (a refund lands in the
 * bucket of the sale it reverses), so the order count shown beside net sales leaves them out, as the average
 * ticket does.
 */
export function salesKpis(totals: SalesFigures): SalesKpis {
  return {
    netSales: totals.net,
    keptOrders: totals.orders - totals.refundedOrders,
    averageTicket: totals.averageTicket,
    refundedOrders: totals.refundedOrders,
    refunds: totals.refunds,
  };
}

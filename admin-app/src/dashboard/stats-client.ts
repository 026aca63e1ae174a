import type { CatalogDto } from '@hiorder/domain/catalog/catalog.schemas';
import { isPaid } from '@hiorder/domain/ordering/order-lifecycle';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { ApiClient } from '../shared/api';

/** A range of whole days in the store's time zone, `YYYY-MM-DD`, both ends included. */
export interface SalesRange {
  from: string;
  to: string;
}

export interface NamedAmount {
  id: string;
  name: { ko: string; en: string };
  sales: number;
  qty: number;
}

/** The figures of the sales dashboard. `source` says whether the workers' read model answered. */
export interface SalesStats {
  source: 'api' | 'fallback';
  netSales: number;
  orders: number;
  averageTicket: number;
  cancelledOrders: number;
  cancelledAmount: number;
  /** 24 buckets in the store's time zone. */
  byHour: { hour: number; sales: number; orders: number }[];
  byMenu: NamedAmount[];
  byCategory: NamedAmount[];
  byTable: { id: string; label: string; sales: number; orders: number }[];
}

export interface StatsClient {
  sales(range: SalesRange, timeZone: string): Promise<SalesStats>;
}

/** Offset of a time zone from UTC at an instant, in ms. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of midnight starting `day` (YYYY-MM-DD) in `timeZone`. */
export function zonedMidnight(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  return guess - zoneOffsetMs(guess, timeZone);
}

/** Today as YYYY-MM-DD in a time zone. */
export function todayIn(timeZone: string, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(now));
}

function hourIn(iso: string, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso))) % 24;
}

/**
 * FALLBACK until the statistics API of the workers issue exists: the dashboard's figures computed in the
 * browser from the order list. Net sales are paid, accepted and served orders; cancelled (refunded) orders
 * are counted apart and never in net sales. Orders are bucketed by `paidAt` in the store's time zone.
 */
export function computeSalesFromOrders(orders: readonly OrderDto[], catalog: Pick<CatalogDto, 'categories'> | null, range: SalesRange, timeZone: string): SalesStats {
  const start = zonedMidnight(range.from, timeZone);
  const end = zonedMidnight(range.to, timeZone) + 24 * 3600 * 1000;
  const inRange = orders.filter((o) => o.paidAt !== null && Date.parse(o.paidAt) >= start && Date.parse(o.paidAt) < end);
  const paid = inRange.filter((o) => isPaid(o.status));
  const cancelled = inRange.filter((o) => o.status === 'cancelled');
  const netSales = paid.reduce((s, o) => s + o.total, 0);

  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, sales: 0, orders: 0 }));
  const menus = new Map<string, NamedAmount>();
  const categories = new Map<string, NamedAmount>();
  const tables = new Map<string, { id: string; label: string; sales: number; orders: number }>();
  const categoryName = new Map((catalog?.categories ?? []).map((c) => [c.id, c.name]));

  for (const order of paid) {
    const bucket = byHour[hourIn(order.paidAt ?? order.createdAt, timeZone)];
    if (bucket) {
      bucket.sales += order.total;
      bucket.orders += 1;
    }
    const table = tables.get(order.tableId) ?? { id: order.tableId, label: order.tableLabel, sales: 0, orders: 0 };
    table.sales += order.total;
    table.orders += 1;
    tables.set(order.tableId, table);
    for (const line of order.lines) {
      const menu = menus.get(line.menuId) ?? { id: line.menuId, name: line.name, sales: 0, qty: 0 };
      menu.sales += line.lineTotal;
      menu.qty += line.qty;
      menus.set(line.menuId, menu);
      const category = categories.get(line.categoryId) ?? { id: line.categoryId, name: categoryName.get(line.categoryId) ?? { ko: '?', en: '?' }, sales: 0, qty: 0 };
      category.sales += line.lineTotal;
      category.qty += line.qty;
      categories.set(line.categoryId, category);
    }
  }
  const bySales = <T extends { sales: number }>(a: T, b: T): number => b.sales - a.sales;
  return {
    source: 'fallback',
    netSales,
    orders: paid.length,
    averageTicket: paid.length > 0 ? Math.round(netSales / paid.length) : 0,
    cancelledOrders: cancelled.length,
    cancelledAmount: cancelled.reduce((s, o) => s + o.total, 0),
    byHour,
    byMenu: [...menus.values()].sort(bySales),
    byCategory: [...categories.values()].sort(bySales),
    byTable: [...tables.values()].sort((a, b) => a.label.localeCompare(b.label, 'ko', { numeric: true })),
  };
}

const PAGE = 500;

/**
 * The dashboard's client. FALLBACK: the statistics endpoints are not in the API yet, so `sales()` reads
 * `GET /api/orders` (paged by creation time) and computes the figures here. When the workers' read models
 * land, only this class changes: the screen depends on `StatsClient` and `SalesStats` alone.
 */
export class OrdersFallbackStatsClient implements StatsClient {
  constructor(private readonly api: ApiClient) {}

  async sales(range: SalesRange, timeZone: string): Promise<SalesStats> {
    const since = new Date(zonedMidnight(range.from, timeZone) - 24 * 3600 * 1000);
    const [orders, catalog] = await Promise.all([this.orders(since), this.api.get<CatalogDto>('/api/admin/catalog').catch(() => null)]);
    return computeSalesFromOrders(orders, catalog, range, timeZone);
  }

  private async orders(since: Date): Promise<OrderDto[]> {
    const seen = new Map<string, OrderDto>();
    let cursor = since.toISOString();
    for (let page = 0; page < 20; page += 1) {
      const query = new URLSearchParams({ status: 'paid,accepted,served,cancelled', since: cursor, limit: String(PAGE) });
      const batch = await this.api.get<OrderDto[]>(`/api/orders?${query.toString()}`);
      const before = seen.size;
      for (const o of batch) seen.set(o.id, o);
      if (batch.length < PAGE || seen.size === before) break;
      cursor = batch.reduce((max, o) => (o.createdAt > max ? o.createdAt : max), cursor);
    }
    return [...seen.values()];
  }
}

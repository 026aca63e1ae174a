import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import { PaymentMethodSchema, type PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import { DomainError } from '@hiorder/domain/shared/errors';
import { DEFAULT_TIME_ZONE, storeToday } from '@hiorder/domain/shared/store-time';
import type { SalesFigures, SalesSummaryDto, StatsRangeQuery } from '@hiorder/domain/stats/stats.schemas';
import { Category } from '../catalog/category.entity';
import type { EntityManager } from '../db/orm';
import { Store } from '../identity/store.entity';
import { salesBucketsBetween, type SalesBucketRow } from './sales-bucket.repository';
import { sqlOf } from '../db/direct-sql';

type Counters = Pick<SalesBucketRow, 'orders' | 'items' | 'gross' | 'refundedOrders' | 'refundedItems' | 'refunds'>;

const zero = (): Counters => ({ orders: 0, items: 0, gross: 0, refundedOrders: 0, refundedItems: 0, refunds: 0 });

function addInto(target: Counters, row: Counters): void {
  target.orders += row.orders;
  target.items += row.items;
  target.gross += row.gross;
  target.refundedOrders += row.refundedOrders;
  target.refundedItems += row.refundedItems;
  target.refunds += row.refunds;
}

/** The presented figures of summed counters (see `SalesFiguresSchema`). */
export function presentFigures(c: Counters): SalesFigures {
  const net = c.gross - c.refunds;
  const kept = c.orders - c.refundedOrders;
  return {
    orders: c.orders,
    refundedOrders: c.refundedOrders,
    items: c.items - c.refundedItems,
    gross: c.gross,
    refunds: c.refunds,
    net,
    averageTicket: kept > 0 ? Math.round(net / kept) : 0,
  };
}

/**
 * The sales dashboard of the actor's store for a range of store-local days (default today), from the
 * statistics read model only (category names from the catalog). Throws `NOT_FOUND` when the store is gone.
 */
export async function readSalesSummary(em: EntityManager, actor: Actor, query: StatsRangeQuery, now: Date): Promise<SalesSummaryDto> {
  const store = await em.findOne(Store, { id: actor.storeId }, { fields: ['timeZone'] });
  if (!store) throw new DomainError('NOT_FOUND', 'No such store.');
  const timeZone = store.timeZone || DEFAULT_TIME_ZONE;
  const from = query.from ?? storeToday(now, timeZone);
  const to = query.to ?? (query.from ? from : storeToday(now, timeZone));
  const rows = await salesBucketsBetween(sqlOf(em), actor.storeId, from, to);

  const totals = zero();
  const days = new Map<string, Counters>();
  const hours = Array.from({ length: 24 }, zero);
  const menus = new Map<string, Counters & { name: { ko: string; en: string } }>();
  const categories = new Map<string, Counters>();
  const tables = new Map<string, Counters & { label: string }>();
  const methods = new Map<PaymentMethod, Counters>();
  for (const row of rows) {
    switch (row.dimension) {
      case 'day': {
        addInto(totals, row);
        const day = days.get(row.day) ?? zero();
        addInto(day, row);
        days.set(row.day, day);
        break;
      }
      case 'hour': {
        const hour = hours[Number(row.bucketKey)];
        if (hour) addInto(hour, row);
        break;
      }
      case 'menu': {
        const menu = menus.get(row.bucketKey) ?? { ...zero(), name: { ko: row.labelKo, en: row.labelEn } };
        addInto(menu, row);
        menus.set(row.bucketKey, menu);
        break;
      }
      case 'category': {
        const category = categories.get(row.bucketKey) ?? zero();
        addInto(category, row);
        categories.set(row.bucketKey, category);
        break;
      }
      case 'table': {
        const table = tables.get(row.bucketKey) ?? { ...zero(), label: row.labelKo };
        addInto(table, row);
        tables.set(row.bucketKey, table);
        break;
      }
      case 'method': {
        const parsed = PaymentMethodSchema.safeParse(row.bucketKey);
        if (!parsed.success) break;
        const method = methods.get(parsed.data) ?? zero();
        addInto(method, row);
        methods.set(parsed.data, method);
        break;
      }
    }
  }
  const categoryNames = new Map(
    (await em.find(Category, { store: actor.storeId }, { fields: ['nameKo', 'nameEn'] })).map((c) => [
      c.id,
      { ko: c.nameKo, en: c.nameEn },
    ]),
  );
  const byNet = <T extends { net: number }>(a: T, b: T) => b.net - a.net;
  return {
    storeId: actor.storeId,
    timeZone,
    from,
    to,
    totals: presentFigures(totals),
    byDay: eachDay(from, to).map((day) => ({ day, ...presentFigures(days.get(day) ?? zero()) })),
    byHour: hours.map((c, hour) => ({ hour, ...presentFigures(c) })),
    byMenu: [...menus].map(([menuId, m]) => ({ menuId, name: m.name, ...presentFigures(m) })).sort(byNet),
    byCategory: [...categories]
      .map(([categoryId, c]) => ({ categoryId, name: categoryNames.get(categoryId) ?? { ko: '', en: '' }, ...presentFigures(c) }))
      .sort(byNet),
    byTable: [...tables]
      .map(([tableId, t]) => ({ tableId, label: t.label, ...presentFigures(t) }))
      .sort((a, b) => a.label.localeCompare(b.label, 'ko', { numeric: true })),
    byMethod: PaymentMethodSchema.options.map((method) => {
      const m = methods.get(method) ?? zero();
      return { method, orders: m.orders, gross: m.gross, refunds: m.refunds, net: m.gross - m.refunds };
    }),
  };
}

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

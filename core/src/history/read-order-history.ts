import type { BusinessDaySettings, OrderHistoryPage, OrderHistoryQuery, OrderHistoryRow } from '@hiorder/domain/history/history.schemas';
import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import { businessDayStart, DEFAULT_TIME_ZONE, nextDay } from '@hiorder/domain/shared/store-time';
import { DomainError } from '@hiorder/domain/shared/errors';
import { sqlOf, type SqlSession } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';
import { Store } from '../identity/store.entity';
import { storeCalendar } from '../identity/store.repository';
import { openVisitId } from '../ordering/order.repository';
import { searchOrderHistory, type HistoryFilter } from './order-history.repository';

/** Rows of one CSV export at most: a year of a busy store; beyond, narrow the days. */
export const CSV_ROW_LIMIT = 50_000;

/**
 * The filter an actor may run (I7): staff and admins their store, optionally one table; a tablet its own table's
 * current visit only, whatever it asks. Days are business days of the store (its time zone and day start).
 */
async function filterFor(sql: SqlSession, actor: Actor, query: OrderHistoryQuery): Promise<HistoryFilter | null> {
  if (actor.role === 'kitchen') throw new DomainError('FORBIDDEN', 'Kitchen displays have no order history.');
  const calendar = (await storeCalendar(sql, actor.storeId)) ?? { timeZone: DEFAULT_TIME_ZONE, dayStartsAtHour: 0 };
  const filter: HistoryFilter = {
    storeId: actor.storeId,
    ...(query.from ? { from: businessDayStart(query.from, calendar.dayStartsAtHour, calendar.timeZone) } : {}),
    ...(query.to ? { to: businessDayStart(nextDay(query.to), calendar.dayStartsAtHour, calendar.timeZone) } : {}),
    ...(query.tableId ? { tableId: query.tableId } : {}),
    ...(query.status ? { statuses: query.status } : {}),
    ...(query.method ? { method: query.method } : {}),
  };
  if (actor.role !== 'table') return filter;
  const visitId = await openVisitId(sql, actor.tableId);
  return visitId ? { ...filter, tableId: actor.tableId, visitId } : null;
}

/** A page of the order history (read model), newest first. Throws `FORBIDDEN` for a kitchen display. */
export async function readOrderHistory(em: EntityManager, actor: Actor, query: OrderHistoryQuery): Promise<OrderHistoryPage> {
  const sql = sqlOf(em);
  const filter = await filterFor(sql, actor, query);
  const page = { page: query.page, pageSize: query.pageSize };
  if (!filter) return { rows: [], total: 0, ...page };
  const found = await searchOrderHistory(sql, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { ...found, ...page };
}

const CSV_HEADER = [
  '주문번호 Order',
  '테이블 Table',
  '상태 Status',
  '결제수단 Method',
  '금액 Total',
  '환불 Refunded',
  '메뉴 Items',
  '수량 Qty',
  '주문시각 Placed',
  '결제시각 Paid',
  '취소시각 Cancelled',
];

/**
 * The same search as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Korean as mojibake),
 * CRLF line ends, every field quoted, times in the store's zone, at most `CSV_ROW_LIMIT` rows.
 */
export async function exportOrderHistoryCsv(em: EntityManager, actor: Actor, query: OrderHistoryQuery): Promise<string> {
  const sql = sqlOf(em);
  const filter = await filterFor(sql, actor, query);
  const calendar = (await storeCalendar(sql, actor.storeId)) ?? { timeZone: DEFAULT_TIME_ZONE, dayStartsAtHour: 0 };
  const rows = filter ? (await searchOrderHistory(sql, filter, { limit: CSV_ROW_LIMIT, offset: 0 })).rows : [];
  const local = localTimeFormatter(calendar.timeZone);
  const at = (value: string | null) => (value ? local(new Date(value)) : '');
  const line = (row: OrderHistoryRow) => [
    row.shortCode,
    row.tableLabel,
    row.status,
    row.paymentMethod ?? '',
    row.total,
    row.refunded,
    row.items,
    row.itemCount,
    at(row.createdAt),
    at(row.paidAt),
    at(row.cancelledAt),
  ];
  return `\uFEFF${[CSV_HEADER, ...rows.map(line)].map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** A quoted CSV field; a leading `=`, `+`, `-` or `@` is defused so Excel never runs a menu name as a formula. */
function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

function localTimeFormatter(timeZone: string): (d: Date) => string {
  const format = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (d) => format.format(d);
}

/** The store's business day setting. */
export async function readBusinessDaySettings(em: EntityManager, actor: Actor): Promise<BusinessDaySettings> {
  const calendar = await storeCalendar(sqlOf(em), actor.storeId);
  return { dayStartsAtHour: calendar?.dayStartsAtHour ?? 0 };
}

/** An admin sets the hour the store's business day starts (history days, daily close). Throws `NOT_FOUND`. */
export async function updateBusinessDaySettings(
  ctx: { em: EntityManager; actor: Actor },
  input: BusinessDaySettings,
): Promise<BusinessDaySettings> {
  return ctx.em.transactional(async (em) => {
    const store = await em.findOne(Store, { id: ctx.actor.storeId });
    if (!store) throw new DomainError('NOT_FOUND', 'No such store.');
    store.businessDayStartHour = input.dayStartsAtHour;
    return { dayStartsAtHour: input.dayStartsAtHour };
  });
}

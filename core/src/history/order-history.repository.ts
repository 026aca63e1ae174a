import type { OrderHistoryRow } from '@hiorder/domain/history/history.schemas';
import type { OrderStatus } from '@hiorder/domain/ordering/ordering.schemas';
import type { SqlSession } from '../db/direct-sql';
import { fromDbTime, placeholders } from '../db/sql';

/** A search of the history read model; instants are already the business days' bounds. */
export interface HistoryFilter {
  storeId: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  tableId?: string;
  visitId?: string;
  statuses?: readonly OrderStatus[];
  method?: string;
}

function whereOf(filter: HistoryFilter): { sql: string; params: unknown[] } {
  const parts = ['store_id = ?'];
  const params: unknown[] = [filter.storeId];
  const add = (clause: string, ...values: unknown[]) => {
    parts.push(clause);
    params.push(...values);
  };
  if (filter.from) add('created_at >= ?', filter.from);
  if (filter.to) add('created_at < ?', filter.to);
  if (filter.tableId) add('table_id = ?', filter.tableId);
  if (filter.visitId) add('visit_id = ?', filter.visitId);
  if (filter.statuses && filter.statuses.length > 0) add(`status in (${placeholders(filter.statuses.length)})`, ...filter.statuses);
  if (filter.method) add('payment_method = ?', filter.method);
  return { sql: parts.join(' and '), params };
}

interface HistoryDbRow {
  order_id: string;
  short_code: string;
  table_id: string;
  table_label: string;
  visit_id: string;
  status: OrderStatus;
  payment_method: string | null;
  total: number | string;
  refunded: number | string;
  items: string;
  item_count: number | string;
  created_at: unknown;
  paid_at: unknown;
  cancelled_at: unknown;
}

const iso = (value: unknown): string | null => (value === null || value === undefined ? null : fromDbTime(value).toISOString());

/** One page of matching orders, newest first, and how many match in all. */
export async function searchOrderHistory(
  sql: SqlSession,
  filter: HistoryFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: OrderHistoryRow[]; total: number }> {
  const where = whereOf(filter);
  const [count] = await sql.all<{ n: number | string }>(`select count(*) as n from order_history where ${where.sql}`, where.params);
  const rows = await sql.all<HistoryDbRow>(
    `select order_id, short_code, table_id, table_label, visit_id, status, payment_method, total, refunded, items, item_count, created_at, paid_at, cancelled_at
       from order_history where ${where.sql} order by created_at desc, order_id desc limit ? offset ?`,
    [...where.params, page.limit, page.offset],
  );
  return {
    total: Number(count?.n ?? 0),
    rows: rows.map((r) => ({
      orderId: r.order_id,
      shortCode: r.short_code,
      tableId: r.table_id,
      tableLabel: r.table_label,
      visitId: r.visit_id,
      status: r.status,
      paymentMethod: r.payment_method,
      total: Number(r.total),
      refunded: Number(r.refunded),
      items: r.items,
      itemCount: Number(r.item_count),
      createdAt: iso(r.created_at) as string,
      paidAt: iso(r.paid_at),
      cancelledAt: iso(r.cancelled_at),
    })),
  };
}

import type { SqlSession } from '../db/direct-sql';
import type { SalesBucket, SalesDimension } from './sales-bucket.entity';

/** Named queries over `sales_bucket`. Raw SQL lives here and only here. */

export type SalesDelta = Pick<
  SalesBucket,
  'day' | 'dimension' | 'bucketKey' | 'labelKo' | 'labelEn' | 'orders' | 'items' | 'gross' | 'refundedOrders' | 'refundedItems' | 'refunds'
>;

const COUNTERS = ['orders', 'items', 'gross', 'refunded_orders', 'refunded_items', 'refunds'] as const;

/** The order buckets are locked in (day, dimension, key): sort a batch's deltas with it before chunking them. */
export function compareSalesDeltas(a: SalesDelta, b: SalesDelta): number {
  return a.day !== b.day
    ? a.day.localeCompare(b.day)
    : a.dimension !== b.dimension
      ? a.dimension.localeCompare(b.dimension)
      : a.bucketKey.localeCompare(b.bucketKey);
}

/**
 * Adds the deltas to their buckets in one statement (`insert … on conflict do update`, on both databases).
 * Rows are sorted so that concurrent workers lock buckets in the same order and never deadlock. Deltas must
 * have distinct keys (PostgreSQL refuses to touch a row twice in one statement).
 */
export async function addToSalesBuckets(sql: SqlSession, storeId: string, deltas: readonly SalesDelta[], now: Date): Promise<void> {
  if (deltas.length === 0) return;
  const sorted = [...deltas].sort(compareSalesDeltas);
  const values: unknown[] = [];
  for (const d of sorted) {
    values.push(
      storeId,
      d.day,
      d.dimension,
      d.bucketKey,
      d.labelKo,
      d.labelEn,
      d.orders,
      d.items,
      d.gross,
      d.refundedOrders,
      d.refundedItems,
      d.refunds,
      now,
    );
  }
  const row = `(${Array.from({ length: 13 }, () => '?').join(', ')})`;
  await sql.run(
    `insert into sales_bucket (store_id, day, dimension, bucket_key, label_ko, label_en, ${COUNTERS.join(', ')}, updated_at)
     values ${sorted.map(() => row).join(', ')}
     on conflict (store_id, day, dimension, bucket_key) do update set
       ${COUNTERS.map((c) => `${c} = sales_bucket.${c} + excluded.${c}`).join(', ')},
       label_ko = case when excluded.label_ko <> '' then excluded.label_ko else sales_bucket.label_ko end,
       label_en = case when excluded.label_en <> '' then excluded.label_en else sales_bucket.label_en end,
       updated_at = excluded.updated_at`,
    values,
  );
}

export interface SalesBucketRow extends SalesDelta {
  dimension: SalesDimension;
}

/** Every bucket of a store between two store-local days, both included. */
export async function salesBucketsBetween(sql: SqlSession, storeId: string, from: string, to: string): Promise<SalesBucketRow[]> {
  const rows = await sql.all<Record<string, unknown>>(
    `select day, dimension, bucket_key, label_ko, label_en, ${COUNTERS.join(', ')} from sales_bucket
      where store_id = ? and day >= ? and day <= ?`,
    [storeId, from, to],
  );
  return rows.map((r) => ({
    day: String(r.day),
    dimension: String(r.dimension) as SalesDimension,
    bucketKey: String(r.bucket_key),
    labelKo: String(r.label_ko),
    labelEn: String(r.label_en),
    orders: Number(r.orders),
    items: Number(r.items),
    gross: Number(r.gross),
    refundedOrders: Number(r.refunded_orders),
    refundedItems: Number(r.refunded_items),
    refunds: Number(r.refunds),
  }));
}

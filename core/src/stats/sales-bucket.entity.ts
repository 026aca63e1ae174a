import { EntitySchema } from '@mikro-orm/core';

/**
 * What a sales bucket sums over: a whole day, an hour of the day, a menu, a category, a table, or how it was paid
 * (`method`: easy_pay, cash, card_terminal, other — sales only; refunds are not split by method).
 */
export type SalesDimension = 'day' | 'hour' | 'menu' | 'category' | 'table' | 'method';

/**
 * The statistics read model: running sums of a store's sales for one store-local day and one bucket of a
 * dimension (`bucketKey`: '' for the day, '00'..'23' for an hour, else the menu, category or table id). Kept
 * by `stats.processor.ts` with additive upserts only, so events may be applied in any order; read by the
 * dashboard API. Labels are the latest names seen in events (categories are named from the catalog on read).
 */
export class SalesBucket {
  storeId!: string;
  day!: string;
  dimension!: SalesDimension;
  bucketKey!: string;
  labelKo!: string;
  labelEn!: string;
  orders!: number;
  items!: number;
  gross!: number;
  refundedOrders!: number;
  refundedItems!: number;
  refunds!: number;
  updatedAt!: Date;
}

export const SalesBucketSchema = new EntitySchema<SalesBucket>({
  class: SalesBucket,
  tableName: 'sales_bucket',
  properties: {
    storeId: { type: 'uuid', primary: true },
    day: { type: 'string', length: 10, primary: true },
    dimension: { type: 'string', length: 10, primary: true },
    bucketKey: { type: 'string', length: 40, primary: true },
    labelKo: { type: 'string', length: 80, default: '' },
    labelEn: { type: 'string', length: 80, default: '' },
    orders: { type: 'integer', default: 0 },
    items: { type: 'integer', default: 0 },
    gross: { type: 'integer', default: 0 },
    refundedOrders: { type: 'integer', default: 0 },
    refundedItems: { type: 'integer', default: 0 },
    refunds: { type: 'integer', default: 0 },
    updatedAt: { type: 'datetime' },
  },
});

import { EntitySchema } from '@mikro-orm/core';

/**
 * The order history read model (CQRS): one row per order with what the history screen, its CSV export and the
 * daily close read — table, status, payment method, amounts, the lines as text — kept by
 * `order-history.processor.ts` from the order events, never written by a command. Rows are plain ids (no
 * relations): it is a projection, rebuilt from events, not part of the ordering aggregate.
 */
export class OrderHistoryEntry {
  orderId!: string;
  storeId!: string;
  tableId!: string;
  tableLabel!: string;
  visitId!: string;
  shortCode!: string;
  status!: string;
  paymentMethod!: string | null;
  total!: number;
  refunded!: number;
  items!: string;
  itemCount!: number;
  createdAt!: Date;
  paidAt!: Date | null;
  cancelledAt!: Date | null;
  /** The store seq of the last event applied: an older event arriving late never overwrites a newer state. */
  lastSeq!: number;
}

export const OrderHistoryEntrySchema = new EntitySchema<OrderHistoryEntry>({
  class: OrderHistoryEntry,
  tableName: 'order_history',
  properties: {
    orderId: { type: 'uuid', primary: true },
    storeId: { type: 'uuid' },
    tableId: { type: 'uuid' },
    tableLabel: { type: 'string', length: 40 },
    visitId: { type: 'uuid' },
    shortCode: { type: 'string', length: 12 },
    status: { type: 'string', length: 20 },
    paymentMethod: { type: 'string', length: 30, nullable: true },
    total: { type: 'integer' },
    refunded: { type: 'integer', default: 0 },
    items: { type: 'string', length: 1000 },
    itemCount: { type: 'integer' },
    createdAt: { type: 'datetime' },
    paidAt: { type: 'datetime', nullable: true },
    cancelledAt: { type: 'datetime', nullable: true },
    lastSeq: { type: 'integer' },
  },
  indexes: [
    { properties: ['storeId', 'createdAt'] },
    { properties: ['storeId', 'tableId', 'createdAt'] },
    { properties: ['storeId', 'paidAt'] },
  ],
});

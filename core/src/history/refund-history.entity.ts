import { EntitySchema } from '@mikro-orm/core';

/**
 * Read model of the daily close: one row per refund — a partial refund (`order.refunded`, keyed by the refund's id)
 * or the refund of a whole-order cancel (`order.cancelled` with `refunded`, keyed by the order's id) — with its
 * amount, payment method and time, so refunds are counted on the day and by the method they happened. Kept by
 * `order-history.processor.ts`; an event applied twice inserts nothing (primary key).
 */
export class RefundHistoryEntry {
  refundId!: string;
  storeId!: string;
  orderId!: string;
  amount!: number;
  paymentMethod!: string;
  refundedAt!: Date;
}

export const RefundHistoryEntrySchema = new EntitySchema<RefundHistoryEntry>({
  class: RefundHistoryEntry,
  tableName: 'refund_history',
  properties: {
    refundId: { type: 'uuid', primary: true },
    storeId: { type: 'uuid' },
    orderId: { type: 'uuid' },
    amount: { type: 'integer' },
    paymentMethod: { type: 'string', length: 30 },
    refundedAt: { type: 'datetime' },
  },
  indexes: [{ properties: ['storeId', 'refundedAt'] }],
});

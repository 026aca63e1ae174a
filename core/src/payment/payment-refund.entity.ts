import { EntitySchema, type Ref } from '@mikro-orm/core';
import type { PaymentMethod } from '@hiorder/domain/ordering/ordering.schemas';
import { Store } from '../identity/store.entity';
import { Order } from '../ordering/order.entity';

/**
 * The saga record of one partial refund, as `payment` is of a payment: `requested` is written before the provider
 * is called (a crash after it is found by reconciliation), `unknown` when its answer was lost (timeout, 5xx),
 * `done` once the order carries it, `failed` when the provider refused it (nothing refunded). `(order,
 * idempotencyKey)` is unique: a staff retry of the same refund finds this row and never refunds twice. While one
 * is `requested` or `unknown` the order's payment is `refunding`, so a second refund or a cancel waits for it.
 */
export type RefundStatus = 'requested' | 'unknown' | 'done' | 'failed';

export interface RefundLine {
  lineId: string;
  qty: number;
  amount: number;
}

export class PaymentRefund {
  id!: string;
  store!: Ref<Store>;
  order!: Ref<Order>;
  idempotencyKey!: string;
  amount!: number;
  reason!: string;
  restock!: boolean;
  lines!: RefundLine[];
  method!: PaymentMethod;
  staffId!: string | null;
  status!: RefundStatus;
  failureCode!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  refundedAt!: Date | null;
}

export const PaymentRefundSchema = new EntitySchema<PaymentRefund>({
  class: PaymentRefund,
  tableName: 'payment_refund',
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    order: { kind: 'm:1', entity: () => Order, ref: true },
    idempotencyKey: { type: 'string', length: 100 },
    amount: { type: 'integer' },
    reason: { type: 'string', length: 200 },
    restock: { type: 'boolean' },
    lines: { type: 'json' },
    method: { type: 'string', length: 20 },
    staffId: { type: 'uuid', nullable: true },
    status: { type: 'string', length: 12, index: true },
    failureCode: { type: 'string', length: 60, nullable: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    refundedAt: { type: 'datetime', nullable: true },
  },
  uniques: [{ properties: ['order', 'idempotencyKey'] }],
});

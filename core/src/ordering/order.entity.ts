import { Collection, EntitySchema, OptionalProps, type Ref } from '@mikro-orm/core';
import type { OrderRefundDto, OrderStatus, PaymentMethod, PaymentState } from '@hiorder/domain/ordering/ordering.schemas';
import { Device } from '../identity/device.entity';
import { DiningTable } from '../identity/dining-table.entity';
import { Store } from '../identity/store.entity';
import { OrderLine } from './order-line.entity';
import { Visit } from './visit.entity';

/**
 * A placed order. Status changes go through the guarded updates of `order.repository.ts` (`WHERE status IN
 * (...)`), so two settlements racing (payment answer vs reconciliation vs expiry) can't both win.
 * `(device, idempotencyKey)` is unique: one key, at most one order (I3).
 */
export class Order {
  [OptionalProps]?: 'refundedAmount' | 'refunds';
  id!: string;
  store!: Ref<Store>;
  table!: Ref<DiningTable>;
  tableLabel!: string;
  visit!: Ref<Visit>;
  device!: Ref<Device>;
  idempotencyKey!: string;
  /** `requestFingerprint` of the placement: a key sent again with another cart is refused, not replayed. */
  requestHash!: string | null;
  status!: OrderStatus;
  paymentState!: PaymentState;
  total!: number;
  note!: string;
  lines = new Collection<OrderLine>(this);
  createdAt!: Date;
  expiresAt!: Date;
  paidAt!: Date | null;
  /** How it was paid, set with `paidAt` (easy pay, or staff's counter method); kept after a refund. */
  paymentMethod!: PaymentMethod | null;
  acceptedAt!: Date | null;
  servedAt!: Date | null;
  cancelledAt!: Date | null;
  cancelReason!: string | null;
  /** Sum of the partial refunds made (the lines' `refundedQty` say which). */
  refundedAmount!: number;
  /** The partial refunds, oldest first, as the order keeps them (history for the guest and staff). */
  refunds!: OrderRefundDto[];
  /** +1 on every change (status, line progress): clients keep the version with the higher revision. */
  revision!: number;
  updatedAt!: Date;
}

export const OrderSchema = new EntitySchema<Order>({
  class: Order,
  tableName: 'orders',
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    table: { kind: 'm:1', entity: () => DiningTable, ref: true },
    tableLabel: { type: 'string', length: 40 },
    visit: { kind: 'm:1', entity: () => Visit, ref: true },
    device: { kind: 'm:1', entity: () => Device, ref: true },
    idempotencyKey: { type: 'string', length: 100 },
    requestHash: { type: 'string', length: 64, nullable: true },
    status: { type: 'string', length: 20 },
    paymentState: { type: 'string', length: 12, default: 'none' },
    total: { type: 'integer' },
    note: { type: 'string', length: 200, default: '' },
    lines: { kind: '1:m', entity: () => OrderLine, mappedBy: 'order', orderBy: { position: 'asc' } },
    createdAt: { type: 'datetime' },
    expiresAt: { type: 'datetime' },
    paidAt: { type: 'datetime', nullable: true },
    paymentMethod: { type: 'string', length: 20, nullable: true },
    acceptedAt: { type: 'datetime', nullable: true },
    servedAt: { type: 'datetime', nullable: true },
    cancelledAt: { type: 'datetime', nullable: true },
    cancelReason: { type: 'string', length: 200, nullable: true },
    refundedAmount: { type: 'integer', default: 0, onCreate: () => 0 },
    refunds: { type: 'json', default: '[]', onCreate: () => [] },
    revision: { type: 'integer', default: 0 },
    updatedAt: { type: 'datetime' },
  },
  uniques: [{ properties: ['device', 'idempotencyKey'] }],
  indexes: [{ properties: ['store', 'createdAt'] }, { properties: ['status', 'expiresAt'] }],
});

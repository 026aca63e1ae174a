import { EntitySchema, type Ref } from '@mikro-orm/core';
import type { ShareStatus } from '@hiorder/domain/payment/bill-split';
import { Device } from '../../identity/device.entity';
import { Store } from '../../identity/store.entity';
import { Order } from '../../ordering/order.entity';

/**
 * One guest's share of a split bill: its own payment with the provider, whose provider order id is the share's id
 * (made by the phone). Never without its order (foreign key, created in the transaction that checks the order).
 * `confirming` is written before the confirm call leaves the process; `unknown` when its answer was lost —
 * reconciliation asks the provider by the share's id. `refunding` is the compensation's intent, written in the
 * transaction that expires or cancels the order, finished (`refunded`) by the split-bills job.
 */
export class PaymentShare {
  id!: string;
  store!: Ref<Store>;
  order!: Ref<Order>;
  /** Who paid it (a phone or the tablet); null for the rest taken by staff at the counter. */
  device!: Ref<Device> | null;
  amount!: number;
  /** `part:<parts>:<index>`, `line:<id>`… joined by spaces; empty for a share of the rest. */
  claims!: string;
  paymentKey!: string;
  status!: ShareStatus;
  providerStatus!: string | null;
  failureCode!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  approvedAt!: Date | null;
  refundedAt!: Date | null;
}

export const PaymentShareSchema = new EntitySchema<PaymentShare>({
  class: PaymentShare,
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    order: { kind: 'm:1', entity: () => Order, ref: true, index: true },
    device: { kind: 'm:1', entity: () => Device, ref: true, nullable: true },
    amount: { type: 'integer' },
    claims: { type: 'text', default: '' },
    paymentKey: { type: 'string', length: 200, unique: true },
    status: { type: 'string', length: 12, index: true },
    providerStatus: { type: 'string', length: 30, nullable: true },
    failureCode: { type: 'string', length: 60, nullable: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    approvedAt: { type: 'datetime', nullable: true },
    refundedAt: { type: 'datetime', nullable: true },
  },
});

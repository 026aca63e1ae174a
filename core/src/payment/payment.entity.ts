import { EntitySchema, type Ref } from '@mikro-orm/core';
import { Store } from '../identity/store.entity';
import { Order } from '../ordering/order.entity';

/**
 * Our record of an order's payment with the provider. `confirming` is written before the confirm call leaves
 * the process, so a crash in between is found by reconciliation; `unknown` means the provider's answer was
 * lost (timeout, 5xx). One payment per order (unique), so a payment is never confirmed for two orders (I4).
 */
/**
 * `cancelling`: a staff refund of the whole order is on its way to the provider (a crash there is finished by
 * reconciliation); `refunding`: a partial refund is (its `payment_refund` row says which).
 */
export type PaymentStatus = 'confirming' | 'unknown' | 'done' | 'declined' | 'cancelling' | 'cancelled' | 'refunding';

export class Payment {
  id!: string;
  store!: Ref<Store>;
  order!: Ref<Order>;
  paymentKey!: string;
  amount!: number;
  status!: PaymentStatus;
  providerStatus!: string | null;
  failureCode!: string | null;
  attempts!: number;
  createdAt!: Date;
  updatedAt!: Date;
  approvedAt!: Date | null;
  cancelledAt!: Date | null;
  /**
   * Staff's stock choice for the whole-order cancel this row is `cancelling` for (false: the food was cooked, its
   * stock stays out), kept so reconciliation finishing a crashed cancel applies the same choice; null otherwise.
   */
  cancelRestock!: boolean | null;
}

export const PaymentSchema = new EntitySchema<Payment>({
  class: Payment,
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    order: { kind: 'm:1', entity: () => Order, ref: true, unique: true },
    paymentKey: { type: 'string', length: 200 },
    amount: { type: 'integer' },
    status: { type: 'string', length: 12, index: true },
    providerStatus: { type: 'string', length: 30, nullable: true },
    failureCode: { type: 'string', length: 60, nullable: true },
    attempts: { type: 'integer', default: 0 },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
    approvedAt: { type: 'datetime', nullable: true },
    cancelledAt: { type: 'datetime', nullable: true },
    cancelRestock: { type: 'boolean', nullable: true },
  },
});

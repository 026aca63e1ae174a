import { EntitySchema, type Ref } from '@mikro-orm/core';
import { Store } from '../../identity/store.entity';
import { Order } from '../../ordering/order.entity';

/**
 * The split of one order's bill between phones: the one row every share of the order reserves against. `reserved`
 * is the sum of shares being charged or charged, `paid` the sum charged; a share reserves with a conditional
 * update (`reserved + amount <= total`), so concurrent phones can never be charged more than the total, and the
 * split closes (expiry, cancel, paid) only when nothing is in flight (`reserved = paid`). `open` → `closed`.
 */
export class BillSplit {
  order!: Ref<Order>;
  store!: Ref<Store>;
  total!: number;
  reserved!: number;
  paid!: number;
  state!: 'open' | 'closed';
  createdAt!: Date;
  updatedAt!: Date;
}

export const BillSplitSchema = new EntitySchema<BillSplit>({
  class: BillSplit,
  properties: {
    order: { kind: '1:1', entity: () => Order, ref: true, primary: true, owner: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    total: { type: 'integer' },
    reserved: { type: 'integer', default: 0 },
    paid: { type: 'integer', default: 0 },
    state: { type: 'string', length: 8, default: 'open' },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

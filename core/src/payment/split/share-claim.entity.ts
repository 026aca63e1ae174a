import { EntitySchema, type Ref } from '@mikro-orm/core';
import { Order } from '../../ordering/order.entity';
import { PaymentShare } from './payment-share.entity';

/**
 * A part or line of a split bill held by a share being charged or charged: `(order, claim)` is unique, so two
 * phones paying the same part at once can't both hold it (SHARE_ALREADY_PAID). Deleted when its share is declined.
 */
export class ShareClaim {
  order!: Ref<Order>;
  claim!: string;
  share!: Ref<PaymentShare>;
}

export const ShareClaimSchema = new EntitySchema<ShareClaim>({
  class: ShareClaim,
  properties: {
    order: { kind: 'm:1', entity: () => Order, ref: true, primary: true },
    claim: { type: 'string', length: 60, primary: true },
    share: { kind: 'm:1', entity: () => PaymentShare, ref: true, deleteRule: 'cascade' },
  },
});

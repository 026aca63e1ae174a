import { EntitySchema } from '@mikro-orm/core';

/**
 * The distinct menus a visit has paid for so far, as the recommendations processor has counted them. Its row
 * is also the lock that serialises two orders of one visit being counted at once (each new menu pairs with
 * every menu already in the basket exactly once).
 */
export class VisitBasket {
  visitId!: string;
  storeId!: string;
  menuIds!: string[];
  updatedAt!: Date;
}

export const VisitBasketSchema = new EntitySchema<VisitBasket>({
  class: VisitBasket,
  tableName: 'visit_basket',
  properties: {
    visitId: { type: 'uuid', primary: true },
    storeId: { type: 'uuid' },
    menuIds: { type: 'json' },
    updatedAt: { type: 'datetime' },
  },
});

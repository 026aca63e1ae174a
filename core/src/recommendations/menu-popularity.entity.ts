import { EntitySchema } from '@mikro-orm/core';

/**
 * "Popular now" read model: for each menu and store-local hour of the day, the quantity ordered, decayed with
 * time. `score` is kept relative to a fixed epoch (see `decayedWeight` in `recommendation-scoring.ts`), so
 * adding an order is a plain addition: events commute and need no read-modify-write.
 */
export class MenuPopularity {
  storeId!: string;
  menuId!: string;
  hourOfDay!: number;
  score!: number;
  updatedAt!: Date;
}

export const MenuPopularitySchema = new EntitySchema<MenuPopularity>({
  class: MenuPopularity,
  tableName: 'menu_popularity',
  properties: {
    storeId: { type: 'uuid', primary: true },
    menuId: { type: 'uuid', primary: true },
    hourOfDay: { type: 'integer', primary: true },
    score: { type: 'double', default: 0 },
    updatedAt: { type: 'datetime' },
  },
});

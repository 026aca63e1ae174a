import { EntitySchema } from '@mikro-orm/core';

/**
 * "Goes well with" read model: in how many visits (paid orders of one table occupancy, the basket) `menuId`
 * and `otherMenuId` were both ordered. Kept in both directions; the diagonal (`menuId = otherMenuId`) counts
 * the visits that ordered the menu at all, the denominator of the cosine score.
 */
export class MenuPairing {
  storeId!: string;
  menuId!: string;
  otherMenuId!: string;
  visits!: number;
}

export const MenuPairingSchema = new EntitySchema<MenuPairing>({
  class: MenuPairing,
  tableName: 'menu_pairing',
  properties: {
    storeId: { type: 'uuid', primary: true },
    menuId: { type: 'uuid', primary: true },
    otherMenuId: { type: 'uuid', primary: true },
    visits: { type: 'integer', default: 0 },
  },
});

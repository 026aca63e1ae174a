import { EntitySchema, type Ref } from '@mikro-orm/core';
import type { LocalizedText } from '@hiorder/domain/shared/locale';
import { OptionGroup } from './option-group.entity';

/**
 * One choice of an option group, with the won it adds to a line and its own sold-out flag. `storeId` is kept on
 * the row so placement can scope the lookup by store in one query (an option id of another store is unknown).
 */
export class MenuOption {
  id!: string;
  group!: Ref<OptionGroup>;
  storeId!: string;
  name!: LocalizedText;
  priceDelta!: number;
  soldOut!: boolean;
  position!: number;
}

export const MenuOptionSchema = new EntitySchema<MenuOption>({
  class: MenuOption,
  tableName: 'menu_option',
  properties: {
    id: { type: 'uuid', primary: true },
    group: { kind: 'm:1', entity: () => OptionGroup, ref: true, index: true },
    storeId: { type: 'uuid', index: true },
    name: { type: 'json' },
    priceDelta: { type: 'integer', default: 0 },
    soldOut: { type: 'boolean', default: false },
    position: { type: 'integer', default: 0 },
  },
});

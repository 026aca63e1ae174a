import { EntitySchema, type Ref } from '@mikro-orm/core';
import type { LocalizedText } from '@hiorder/domain/shared/locale';
import { Store } from '../identity/store.entity';

/**
 * A store's option group (맵기 단계, 사리 추가…), shared by every menu that lists its id. Names are one JSON
 * object per language, so a language added later needs no migration. Its options are `MenuOption` rows.
 */
export class OptionGroup {
  id!: string;
  store!: Ref<Store>;
  name!: LocalizedText;
  minChoices!: number;
  maxChoices!: number;
  deletedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export const OptionGroupSchema = new EntitySchema<OptionGroup>({
  class: OptionGroup,
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true, index: true },
    name: { type: 'json' },
    minChoices: { type: 'integer', default: 0 },
    maxChoices: { type: 'integer', default: 1 },
    deletedAt: { type: 'datetime', nullable: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

import { EntitySchema, type Ref } from '@mikro-orm/core';
import type { Station } from '@hiorder/domain/catalog/catalog.schemas';
import { Store } from '../identity/store.entity';

export class Category {
  id!: string;
  store!: Ref<Store>;
  nameKo!: string;
  nameEn!: string;
  position!: number;
  station!: Station;
  createdAt!: Date;
}

export const CategorySchema = new EntitySchema<Category>({
  class: Category,
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    nameKo: { type: 'string', length: 80 },
    nameEn: { type: 'string', length: 80, default: '' },
    position: { type: 'integer', default: 0 },
    station: { type: 'string', length: 10, default: 'kitchen' },
    createdAt: { type: 'datetime' },
  },
});

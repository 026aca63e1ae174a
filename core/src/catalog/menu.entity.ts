import { EntitySchema, OptionalProps, type Ref } from '@mikro-orm/core';
import type { Course } from '@hiorder/domain/catalog/catalog.schemas';
import { NO_LABELS, type MenuLabels } from '@hiorder/domain/catalog/menu-labels';
import { Store } from '../identity/store.entity';
import { Category } from './category.entity';

/**
 * A dish or drink. `stock` is changed only by conditional SQL in `menu.repository.ts` (never through the unit
 * of work), so concurrent orders can't oversell. Deleting keeps the row (`deletedAt`): order lines refer to it.
 */
export class Menu {
  /** Has a default, so factories and seeds written before options need not name it. */
  [OptionalProps]?: 'optionGroupIds' | 'labels';
  id!: string;
  store!: Ref<Store>;
  category!: Ref<Category>;
  nameKo!: string;
  nameEn!: string;
  descriptionKo!: string;
  descriptionEn!: string;
  price!: number;
  photoFile!: string | null;
  course!: Course;
  stock!: number | null;
  limitPerVisit!: number | null;
  soldOut!: boolean;
  hidden!: boolean;
  recommended!: boolean;
  position!: number;
  /** Ids of the store's option groups offered with this menu, in order. */
  optionGroupIds!: string[];
  /** Origin, allergens, spiciness, new/best (one JSON object: labels grow without migrations). */
  labels!: MenuLabels;
  deletedAt!: Date | null;
  createdAt!: Date;
  updatedAt!: Date;
}

export const MenuSchema = new EntitySchema<Menu>({
  class: Menu,
  properties: {
    id: { type: 'uuid', primary: true },
    store: { kind: 'm:1', entity: () => Store, ref: true },
    category: { kind: 'm:1', entity: () => Category, ref: true },
    nameKo: { type: 'string', length: 80 },
    nameEn: { type: 'string', length: 80, default: '' },
    descriptionKo: { type: 'text', default: '' },
    descriptionEn: { type: 'text', default: '' },
    price: { type: 'integer' },
    photoFile: { type: 'string', length: 120, nullable: true },
    course: { type: 'string', length: 10 },
    stock: { type: 'integer', nullable: true },
    limitPerVisit: { type: 'integer', nullable: true },
    soldOut: { type: 'boolean', default: false },
    hidden: { type: 'boolean', default: false },
    recommended: { type: 'boolean', default: false },
    position: { type: 'integer', default: 0 },
    optionGroupIds: { type: 'json', default: '[]', onCreate: () => [] },
    labels: { type: 'json', default: '{}', onCreate: () => ({ ...NO_LABELS }) },
    deletedAt: { type: 'datetime', nullable: true },
    createdAt: { type: 'datetime' },
    updatedAt: { type: 'datetime' },
  },
});

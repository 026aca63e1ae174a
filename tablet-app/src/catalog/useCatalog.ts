import type { CategoryDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import { useLiveQuery } from 'dexie-react-hooks';
import { db, readCatalogMeta, type CatalogMeta } from '../db/db';

export interface CatalogView {
  categories: CategoryDto[];
  menus: MenuDto[];
  optionGroups: OptionGroupDto[];
  meta: CatalogMeta | null;
}

/** The catalog as Dexie holds it; undefined while IndexedDB is being read. */
export function useCatalog(): CatalogView | undefined {
  return useLiveQuery(async () => {
    const [categories, menus, optionGroups, meta] = await Promise.all([
      db.categories.orderBy('position').toArray(),
      db.menus.orderBy('position').toArray(),
      db.optionGroups.toArray(),
      readCatalogMeta(),
    ]);
    return { categories, menus, optionGroups, meta };
  });
}

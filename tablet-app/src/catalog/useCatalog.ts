import type { CategoryDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { useLiveQuery } from 'dexie-react-hooks';
import { db, readCatalogMeta, type CatalogMeta } from '../db/db';

export interface CatalogView {
  categories: CategoryDto[];
  menus: MenuDto[];
  meta: CatalogMeta | null;
}

/** The catalog as Dexie holds it; undefined while IndexedDB is being read. */
export function useCatalog(): CatalogView | undefined {
  return useLiveQuery(async () => {
    const [categories, menus, meta] = await Promise.all([
      db.categories.orderBy('position').toArray(),
      db.menus.orderBy('position').toArray(),
      readCatalogMeta(),
    ]);
    return { categories, menus, meta };
  });
}

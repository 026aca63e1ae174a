import type { CatalogDto } from '@hiorder/domain/catalog/catalog.schemas';
import { db, readCatalogMeta, type CatalogMeta } from '../db/db';

/**
 * The catalog's one write path. The whole catalog is replaced in one transaction, so a reader never sees
 * the menus of one version with the categories of another.
 */
export async function replaceCatalog(catalog: CatalogDto, now: number): Promise<void> {
  await db.transaction('rw', [db.categories, db.menus, db.optionGroups, db.kv], async () => {
    await db.categories.clear();
    await db.menus.clear();
    await db.optionGroups.clear();
    await db.optionGroups.bulkPut(catalog.optionGroups);
    await db.categories.bulkPut(catalog.categories);
    await db.menus.bulkPut(catalog.menus.filter((m) => !m.hidden));
    await db.kv.put({ key: 'staffCallPresets', value: catalog.staffCallPresets });
    const meta: CatalogMeta = { storeId: catalog.storeId, version: catalog.version, syncedAt: now };
    await db.kv.put({ key: 'catalog', value: meta });
    await db.kv.put({ key: 'attract', value: catalog.attract });
  });
}

export interface StockChange {
  version: number;
  menus: { menuId: string; stock: number | null; soldOut: boolean }[];
}

/**
 * What to do with a `stock:changed` push given the version we hold: stale pushes are dropped; the next
 * version (or the same one: orders move stock without a catalog edit) is applied in place; a push from
 * further ahead is applied and then followed by a full sync, since we missed something in between.
 */
export type StockPlan = 'ignore' | 'apply' | 'apply_then_sync';

export function planStockChange(localVersion: number | null, change: Pick<StockChange, 'version'>): StockPlan {
  if (localVersion === null) return 'apply_then_sync';
  if (change.version < localVersion) return 'ignore';
  if (change.version <= localVersion + 1) return 'apply';
  return 'apply_then_sync';
}

/** Applies a stock push; returns whether a full catalog sync should follow. */
export async function applyStockChange(change: StockChange): Promise<{ needsSync: boolean }> {
  return db.transaction('rw', db.menus, db.kv, async () => {
    const meta = await readCatalogMeta();
    const plan = planStockChange(meta?.version ?? null, change);
    if (plan === 'ignore') return { needsSync: false };
    for (const m of change.menus) await db.menus.update(m.menuId, { stock: m.stock, soldOut: m.soldOut });
    if (plan === 'apply' && meta && change.version > meta.version) {
      await db.kv.put({ key: 'catalog', value: { ...meta, version: change.version } satisfies CatalogMeta });
    }
    return { needsSync: plan === 'apply_then_sync' };
  });
}

export async function clearCatalog(): Promise<void> {
  await db.transaction('rw', [db.categories, db.menus, db.optionGroups, db.kv], async () => {
    await db.categories.clear();
    await db.menus.clear();
    await db.optionGroups.clear();
    await db.kv.delete('catalog');
    await db.kv.delete('attract');
    await db.kv.delete('staffCallPresets');
  });
}

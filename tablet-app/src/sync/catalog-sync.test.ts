import { DEFAULT_ATTRACT_SCREEN, type AttractScreen } from '@hiorder/domain/catalog/attract-screen';
import type { CatalogSyncDto } from '@hiorder/domain/catalog/catalog.schemas';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyStockChange, planStockChange } from '../catalog/actions';
import { db, readAttractScreen, readCatalogMeta } from '../db/db';
import { buildCatalog, buildMenu, resetDb } from '../test/fixtures';
import { syncCatalog } from './catalog-sync';

const bulgogi = buildMenu({ stock: 10 });
const secret = buildMenu({ hidden: true });

describe('syncCatalog', () => {
  beforeEach(resetDb);

  it('downloads the whole catalog on first start and keeps its version', async () => {
    const asked: (number | undefined)[] = [];
    const result = await syncCatalog(async (since) => {
      asked.push(since);
      return { changed: true, version: 3, catalog: buildCatalog(3, [bulgogi, secret]) };
    });
    expect(asked).toEqual([undefined]);
    expect(result).toEqual({ kind: 'updated', version: 3 });
    expect((await readCatalogMeta())?.version).toBe(3);
    expect(await db.menus.toArray()).toEqual([bulgogi]);
  });

  it('keeps the owner’s attract screen with the catalog, so an offline tablet still shows it', async () => {
    expect(await readAttractScreen()).toEqual(DEFAULT_ATTRACT_SCREEN);
    const attract: AttractScreen = {
      enabled: true,
      idleSeconds: 30,
      title: { ko: '봄맞이', en: 'Spring' },
      message: { ko: '', en: '' },
      slides: [{ kind: 'menu', menuId: bulgogi.id }],
    };
    await syncCatalog(async () => ({ changed: true, version: 4, catalog: { ...buildCatalog(4, [bulgogi]), attract } }));
    expect(await readAttractScreen()).toEqual(attract);
    await syncCatalog(async () => ({
      changed: true,
      version: 5,
      catalog: { ...buildCatalog(5, [bulgogi]), attract: { ...attract, enabled: false } },
    }));
    expect((await readAttractScreen()).enabled).toBe(false);
  });

  it('sends the version it holds and keeps its data when nothing changed', async () => {
    await syncCatalog(async () => ({ changed: true, version: 3, catalog: buildCatalog(3, [bulgogi]) }));
    const asked: (number | undefined)[] = [];
    const result = await syncCatalog(async (since): Promise<CatalogSyncDto> => {
      asked.push(since);
      return { changed: false, version: 3 };
    });
    expect(asked).toEqual([3]);
    expect(result.kind).toBe('unchanged');
    expect(await db.menus.count()).toBe(1);
  });

  it('replaces the catalog when the version moved', async () => {
    await syncCatalog(async () => ({ changed: true, version: 3, catalog: buildCatalog(3, [bulgogi]) }));
    const renamed = { ...bulgogi, name: { ko: '소불고기', en: 'Beef bulgogi' } };
    await syncCatalog(async () => ({ changed: true, version: 4, catalog: buildCatalog(4, [renamed]) }));
    expect((await db.menus.get(bulgogi.id))?.name.ko).toBe('소불고기');
    expect((await readCatalogMeta())?.version).toBe(4);
  });

  it('ignores an answer older than what it holds', async () => {
    await syncCatalog(async () => ({ changed: true, version: 5, catalog: buildCatalog(5, [bulgogi]) }));
    await syncCatalog(async () => ({ changed: true, version: 4, catalog: buildCatalog(4, []) }));
    expect((await readCatalogMeta())?.version).toBe(5);
    expect(await db.menus.count()).toBe(1);
  });
});

describe('stock pushes', () => {
  beforeEach(resetDb);

  it('plans by version: stale ignored, next applied, a gap triggers a full sync', () => {
    expect(planStockChange(5, { version: 4 })).toBe('ignore');
    expect(planStockChange(5, { version: 5 })).toBe('apply');
    expect(planStockChange(5, { version: 6 })).toBe('apply');
    expect(planStockChange(5, { version: 8 })).toBe('apply_then_sync');
    expect(planStockChange(null, { version: 1 })).toBe('apply_then_sync');
  });

  it('applies stock and sold-out in place and moves the version', async () => {
    await syncCatalog(async () => ({ changed: true, version: 5, catalog: buildCatalog(5, [bulgogi]) }));
    const { needsSync } = await applyStockChange({ version: 6, menus: [{ menuId: bulgogi.id, stock: 0, soldOut: true }] });
    expect(needsSync).toBe(false);
    expect(await db.menus.get(bulgogi.id)).toMatchObject({ stock: 0, soldOut: true });
    expect((await readCatalogMeta())?.version).toBe(6);
  });
});

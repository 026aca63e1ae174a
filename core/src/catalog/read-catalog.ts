import { sqlOf } from '../db/direct-sql';
import type { CatalogDto, CatalogSyncDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { EntityManager } from '../db/orm';
import { readAttractScreen } from './attract-screen';
import { catalogVersion } from './catalog.repository';
import { presentCategory, presentMenu } from './catalog.presenter';
import { Category } from './category.entity';
import { Menu } from './menu.entity';
import { listOptionGroups } from './option-group-commands';
import { Store } from '../identity/store.entity';
import { presetsOf } from '../ordering/staff-call-presets';

/**
 * The store's catalog at its current version. Guests (tablets, kitchens) never see hidden menus; staff do.
 * Deleted menus are gone for everyone.
 */
export async function readCatalog(em: EntityManager, actor: Actor): Promise<CatalogDto> {
  const storeId = actor.storeId;
  const includeHidden = actor.kind === 'staff';
  const [version, attract, store, categories, menus] = await Promise.all([
    catalogVersion(sqlOf(em), storeId),
    readAttractScreen(em, storeId),
    em.findOneOrFail(Store, { id: storeId }, { fields: ['staffCallPresets'] }),
    em.find(Category, { store: storeId }, { orderBy: { position: 'asc' } }),
    em.find(Menu, { store: storeId, deletedAt: null, ...(includeHidden ? {} : { hidden: false }) }, { orderBy: { position: 'asc' } }),
  ]);
  // Guests get the groups their menus offer; staff every live group (the editor attaches them to menus).
  const groupIds = includeHidden ? undefined : [...new Set(menus.flatMap((m) => m.optionGroupIds))];
  const optionGroups = await listOptionGroups(em, storeId, groupIds);
  return {
    storeId,
    version,
    categories: categories.map(presentCategory),
    menus: menus.map(presentMenu),
    optionGroups,
    attract,
    staffCallPresets: presetsOf(store),
  };
}

/** `GET /api/catalog?since=N`: nothing to download when the tablet is up to date. */
export async function syncCatalog(em: EntityManager, actor: Actor, since: number | undefined): Promise<CatalogSyncDto> {
  const version = await catalogVersion(sqlOf(em), actor.storeId);
  if (since !== undefined && since === version) return { changed: false, version };
  return { changed: true, version, catalog: await readCatalog(em, actor) };
}

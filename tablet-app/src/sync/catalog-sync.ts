import { CatalogSyncDtoSchema, type CatalogSyncDto } from '@hiorder/domain/catalog/catalog.schemas';
import { readCatalogMeta } from '../db/db';
import { replaceCatalog } from '../catalog/actions';
import { warmAttractImages } from '../catalog/attract';
import { setSyncStatus } from './status';

/** Asks the server for the catalog past `since` (socket `catalog:sync` or `GET /api/catalog?since=`). */
export type CatalogFetcher = (since: number | undefined) => Promise<CatalogSyncDto>;

export type CatalogSyncResult = { kind: 'unchanged'; version: number } | { kind: 'updated'; version: number };

/**
 * Pulls the catalog by version: we send what we hold, the server answers `changed: false` (nothing to
 * download) or the whole catalog at its version, which replaces ours in one transaction. An answer older than
 * what we hold (a slow reply racing a newer one) is ignored.
 */
export async function syncCatalog(fetcher: CatalogFetcher, now: () => number = Date.now): Promise<CatalogSyncResult> {
  setSyncStatus({ catalog: 'syncing' });
  try {
    const meta = await readCatalogMeta();
    const answer = CatalogSyncDtoSchema.parse(await fetcher(meta?.version));
    if (!answer.changed) {
      setSyncStatus({ catalog: 'idle', catalogCheckedAt: now() });
      return { kind: 'unchanged', version: answer.version };
    }
    const current = await readCatalogMeta();
    if (current && current.storeId === answer.catalog.storeId && current.version > answer.catalog.version) {
      setSyncStatus({ catalog: 'idle', catalogCheckedAt: now() });
      return { kind: 'unchanged', version: current.version };
    }
    await replaceCatalog(answer.catalog, now());
    warmAttractImages(answer.catalog.attract, answer.catalog.menus);
    setSyncStatus({ catalog: 'idle', catalogCheckedAt: now() });
    return { kind: 'updated', version: answer.catalog.version };
  } catch (err) {
    setSyncStatus({ catalog: 'failed' });
    throw err;
  }
}

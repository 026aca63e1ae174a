import type { SqlSession } from '../db/direct-sql';
import type { EntityManager } from '../db/orm';

/** Bumps the store's catalog version (every catalog change does) and returns the new one. */
export async function bumpCatalogVersion(em: EntityManager, storeId: string): Promise<number> {
  const rows = await em.execute<{ catalog_version: number }[]>(
    'update store set catalog_version = catalog_version + 1 where id = ? returning catalog_version',
    [storeId],
  );
  return Number(rows[0]?.catalog_version);
}

export async function catalogVersion(sql: SqlSession, storeId: string): Promise<number> {
  const rows = await sql.all<{ catalog_version: number }>('select catalog_version from store where id = ?', [storeId]);
  return Number(rows[0]?.catalog_version ?? 0);
}

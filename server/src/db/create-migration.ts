/**
 * Generates the next migration for both databases from the entities: `pnpm --filter @hiorder/server
 * migration:create`. Needs a scratch PostgreSQL (MIGRATION_PG_URL, default the local `test` database) to diff
 * against; the SQLite one is diffed against a temporary file. Then add the new class to each `index.ts`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { ormConfig } from './orm.config';

const pgBase = process.env.MIGRATION_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const initial = process.argv.includes('--initial');

for (const url of [`sqlite://${join(mkdtempSync(join(tmpdir(), 'hiorder-mig-')), 'scratch.db')}`, pgBase]) {
  const orm = await MikroORM.init(ormConfig({ databaseUrl: url }));
  if (url.startsWith('postgres')) {
    await orm.em.getConnection().execute('drop schema if exists hiorder_migration_scratch cascade');
  }
  await orm.getMigrator().up();
  const result = await orm.getMigrator().createMigration(undefined, false, initial);
  console.log(url.split(':')[0], result.fileName || '(no changes)');
  await orm.close();
}

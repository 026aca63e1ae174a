/**
 * Generates the next migration for both databases from the entities: `pnpm --filter @hiorder/server
 * migration:create`. Diffs against a temporary SQLite file and a throwaway PostgreSQL database (PG_ADMIN_URL). Then add the new class to each `index.ts`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { createTestDatabase } from '../testing/test-database';
import { ormConfig } from './orm.config';

const initial = process.argv.includes('--initial');
// A throwaway PostgreSQL database (created and dropped here), so the diff starts from the migrations only.
const scratchPg = await createTestDatabase('postgres');

for (const url of [`sqlite://${join(mkdtempSync(join(tmpdir(), 'hiorder-mig-')), 'scratch.db')}`, scratchPg.url]) {
  const orm = await MikroORM.init(await ormConfig({ databaseUrl: url }));
  await orm.getMigrator().up();
  const result = await orm.getMigrator().createMigration(undefined, false, initial);
  process.stdout.write(`${url.split(':')[0]} ${result.fileName || '(no changes)'}\n`);
  await orm.close();
}
await scratchPg.drop();

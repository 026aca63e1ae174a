import { openDatabase } from '@hiorder/core/db';
import { loadEnv } from './env';
import { createLogger } from '@hiorder/core/logger';
import { seedDemoStore } from '@hiorder/core/seed';

/**
 * `pnpm --filter @hiorder/server migrate`: applies pending migrations and exits. Run once per deploy (the compose
 * `migrate` service, the Kubernetes Job) while the server instances start with `MIGRATE_ON_START=false`, so
 * several instances never race on the schema. With `SEED_DEMO=true` it also seeds the demo store here, once,
 * instead of in every instance.
 */
const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);
try {
  const orm = await openDatabase({ databaseUrl: env.DATABASE_URL, poolSize: 1, migrate: false });
  const migrator = orm.getMigrator();
  const pending = (await migrator.getPendingMigrations()).map((m) => m.name);
  await migrator.up();
  logger.info({ applied: pending }, pending.length ? 'migrations applied' : 'schema already up to date');
  if (env.SEED_DEMO === 'true') {
    const seed = await seedDemoStore(orm, new Date(), env.SEED_ADMIN_PASSWORD);
    // Shown once, like the embedded start's banner: the passwords are stored only as hashes.
    if (seed)
      process.stdout.write(
        `demo store seeded. admin: "${seed.adminUsername}" / "${seed.adminPassword}", staff: "${seed.staffUsername}" / "${seed.staffPassword}"\n`,
      );
  }
  await orm.close();
  process.exit(0);
} catch (err) {
  logger.fatal({ err }, 'migration failed');
  process.exit(1);
}

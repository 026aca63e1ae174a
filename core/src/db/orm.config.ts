import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AnyEntity, EntitySchema, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { SERVER_ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

export type DatabaseKind = 'sqlite' | 'postgresql';

export function databaseKind(url: string): DatabaseKind {
  return url.startsWith('sqlite://') ? 'sqlite' : 'postgresql';
}

/** `sqlite://./data/hiorder.db` → an absolute file path (its folder is created). */
export function sqlitePath(url: string): string {
  const path = resolve(url.slice('sqlite://'.length));
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

export interface OrmConfigInput {
  databaseUrl: string;
  poolSize?: number;
  debug?: boolean;
  /** Entities of other deployables sharing the database (the workers' read models). */
  extraEntities?: EntitySchema<AnyEntity>[];
}

/**
 * MikroORM options for either database. Migrations are listed statically (no file globbing), one list per
 * database, so they run the same under tsx, vitest and a bundled build. Only the driver in use is loaded: the
 * PostgreSQL one costs an embedded server memory it would never use, and the other way round.
 */
export async function ormConfig({ databaseUrl, poolSize = 8, debug = false, extraEntities = [] }: OrmConfigInput): Promise<Options> {
  const kind = databaseKind(databaseUrl);
  const common = {
    entities: [...SERVER_ENTITIES, ...extraEntities],
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    debug,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    implicitTransactions: false,
    migrations: {
      tableName: 'mikro_orm_migrations',
      transactional: true,
      silent: true,
      snapshot: false,
      emit: 'ts' as const,
      migrationsList: kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS,
      path: resolve(import.meta.dirname, 'migrations', kind),
      pathTs: resolve(import.meta.dirname, 'migrations', kind),
    },
  };
  if (kind === 'sqlite') {
    return {
      ...common,
      driver: (await import('@mikro-orm/better-sqlite')).BetterSqliteDriver,
      dbName: sqlitePath(databaseUrl),
      pool: {
        min: 1,
        max: 1,
        // WAL lets readers run beside the writer; NORMAL does not fsync each commit (a process crash loses
        // nothing, a power cut may lose the last commits), busy_timeout waits for a second process's lock.
        afterCreate: (conn: { pragma: (s: string) => unknown }, done: (err: Error | null, conn: unknown) => void) => {
          conn.pragma('journal_mode = WAL');
          conn.pragma('synchronous = NORMAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          // Checkpoint every ~40 MB of WAL instead of every 4 MB: a hot page (an index, the outbox) rewritten by many
          // commits is copied to the database once per checkpoint, and the checkpoint's fsync comes 10× less often.
          conn.pragma('wal_autocheckpoint = 10000');
          conn.pragma('journal_size_limit = 67108864');
          done(null, conn);
        },
      },
    } as Options;
  }
  return {
    ...common,
    driver: (await import('@mikro-orm/postgresql')).PostgreSqlDriver,
    clientUrl: databaseUrl,
    pool: { min: 1, max: poolSize },
  } as Options;
}

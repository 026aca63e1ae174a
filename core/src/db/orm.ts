import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { ormConfig, type OrmConfigInput } from './orm.config';

export type { EntityManager };

/** Opens the database and brings its schema up to date (migrations are idempotent and run at every start). */
export async function openDatabase(input: OrmConfigInput & { migrate?: boolean }): Promise<MikroORM> {
  const orm = await MikroORM.init(await ormConfig(input));
  if (input.migrate !== false) await orm.getMigrator().up();
  return orm;
}

/** A fresh entity manager for one use case (never the global one). */
export function forkEm(orm: MikroORM): EntityManager {
  return orm.em.fork() as EntityManager;
}

import { DomainError } from '@hiorder/domain/shared/errors';
import type { EntityManager } from '../db/orm';
import { recordEvent } from '../outbox/record-event';
import { bumpCatalogVersion } from './catalog.repository';
import { Category } from './category.entity';
import type { CommandContext } from '../command-context';

/** A category of the actor's store, or `NOT_FOUND` (also for another store's: ids of others are not confirmed). */
export async function loadCategory(em: EntityManager, ctx: CommandContext, id: string): Promise<Category> {
  const category = await em.findOne(Category, { id, store: ctx.actor.storeId });
  if (!category) throw new DomainError('NOT_FOUND', 'No such category in this store.');
  return category;
}

/** Bumps the store's catalog version and records `catalog.changed`, so tablets pull the new catalog. */
export async function recordCatalogChanged(em: EntityManager, ctx: CommandContext, menuIds: string[]): Promise<void> {
  const version = await bumpCatalogVersion(em, ctx.actor.storeId);
  recordEvent(em, {
    type: 'catalog.changed',
    storeId: ctx.actor.storeId,
    aggregateId: ctx.actor.storeId,
    payload: { version, menuIds },
    now: ctx.now,
  });
}

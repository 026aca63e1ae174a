import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import type { VisitSettings } from '@hiorder/domain/ordering/visit.schemas';
import type { EntityManager } from '../db/orm';
import { Store } from '../identity/store.entity';

/** The store's visit settings (the idle rule). */
export async function readVisitSettings(em: EntityManager, actor: Actor): Promise<VisitSettings> {
  const store = await em.findOneOrFail(Store, { id: actor.storeId }, { fields: ['visitIdleCloseMinutes'] });
  return { idleCloseMinutes: store.visitIdleCloseMinutes ?? null };
}

/**
 * An admin sets the idle rule: after how many minutes without activity a visit whose orders are all served or
 * closed ends by itself (null: never). The next run of the scheduled job applies it. Throws `NOT_FOUND`.
 */
export async function updateVisitSettings(ctx: { em: EntityManager; actor: Actor }, input: VisitSettings): Promise<VisitSettings> {
  return ctx.em.transactional(async (em) => {
    const store = await em.findOneOrFail(Store, { id: ctx.actor.storeId });
    store.visitIdleCloseMinutes = input.idleCloseMinutes;
    return { idleCloseMinutes: store.visitIdleCloseMinutes };
  });
}

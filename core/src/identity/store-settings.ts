import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import { STORE_SETTINGS_DEFAULTS, type StoreSettings } from '@hiorder/domain/identity/store.schemas';
import type { EntityManager } from '../db/orm';
import { Store } from './store.entity';

/** The store's settings as the admin app shows them: the columns, and the JSON settings over their defaults. */
export function storeSettingsOf(store: Store): StoreSettings {
  return {
    name: store.name,
    timeZone: store.timeZone,
    ...STORE_SETTINGS_DEFAULTS,
    ...store.settings,
    languages: [...(store.settings.languages ?? STORE_SETTINGS_DEFAULTS.languages)],
  };
}

/** The settings of the caller's store. Throws `NOT_FOUND` (a store deleted under a live token). */
export async function readStoreSettings(ctx: { em: EntityManager; actor: Actor }): Promise<StoreSettings> {
  return storeSettingsOf(await ctx.em.findOneOrFail(Store, { id: ctx.actor.storeId }));
}

/**
 * An admin changes the store's settings (the whole set at once, as the settings page saves it). Apps read the name
 * when they load (no push: a renamed store is not urgent). Throws `NOT_FOUND`.
 */
export async function updateStoreSettings(ctx: { em: EntityManager; actor: Actor }, input: StoreSettings): Promise<StoreSettings> {
  return ctx.em.transactional(async (em) => {
    const store = await em.findOneOrFail(Store, { id: ctx.actor.storeId });
    const { name, timeZone, ...settings } = input;
    store.name = name;
    store.timeZone = timeZone;
    store.settings = settings;
    return storeSettingsOf(store);
  });
}

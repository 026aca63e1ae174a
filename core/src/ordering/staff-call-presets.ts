import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import {
  DEFAULT_STAFF_CALL_PRESETS,
  type StaffCallPreset,
  type StaffCallPresetsDto,
  type StaffCallPresetsUpdate,
} from '@hiorder/domain/ordering/staff-call.schemas';
import { newId } from '@hiorder/domain/shared/ids';
import { bumpCatalogVersion } from '../catalog/catalog.repository';
import type { EntityManager } from '../db/orm';
import { Store } from '../identity/store.entity';
import { recordEvent } from '../outbox/record-event';
import type { CommandContext } from '../command-context';

/** A store's staff-call presets: the owner's list, or the defaults while it was never edited. */
export function presetsOf(store: Pick<Store, 'staffCallPresets'>): StaffCallPreset[] {
  return store.staffCallPresets ?? [...DEFAULT_STAFF_CALL_PRESETS];
}

/** The store's staff-call presets (what the tablet's call sheet offers). Throws `NOT_FOUND`. */
export async function readStaffCallPresets(em: EntityManager, actor: Actor): Promise<StaffCallPresetsDto> {
  const store = await em.findOneOrFail(Store, { id: actor.storeId }, { fields: ['staffCallPresets'] });
  return { presets: presetsOf(store) };
}

/**
 * The owner sets the tablet's staff-call buttons (the whole list, in order; a preset without an id is new). They
 * travel with the catalog, so the catalog version moves on and `catalog.changed` brings them to every tablet.
 * A call already made keeps the label it was made with. Throws `NOT_FOUND`.
 */
export async function updateStaffCallPresets(ctx: CommandContext, input: StaffCallPresetsUpdate): Promise<StaffCallPresetsDto> {
  return ctx.em.transactional(async (em) => {
    const store = await em.findOneOrFail(Store, { id: ctx.actor.storeId });
    const presets = input.presets.map((p) => ({ id: p.id ?? newId(), name: { ko: p.name.ko, en: p.name.en } }));
    store.staffCallPresets = presets;
    const version = await bumpCatalogVersion(em, store.id);
    recordEvent(em, { type: 'catalog.changed', storeId: store.id, aggregateId: store.id, payload: { version, menuIds: [] }, now: ctx.now });
    return { presets };
  });
}

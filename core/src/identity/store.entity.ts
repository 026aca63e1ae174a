import type { AttractScreen } from '@hiorder/domain/catalog/attract-screen';
import type { StaffCallPreset } from '@hiorder/domain/ordering/staff-call.schemas';
import { EntitySchema, type Opt } from '@mikro-orm/core';
import type { StoreSettings } from '@hiorder/domain/identity/store.schemas';

/** The settings kept in the store's `settings` JSON (they grow without migrations; missing keys read as defaults). */
export type StoreExtraSettings = Omit<StoreSettings, 'name' | 'timeZone'>;

/** A restaurant. Every other row belongs to one store, and every query is scoped by it. */
export class Store {
  id!: string;
  slug!: string;
  name!: string;
  timeZone!: string;
  /** Bumped on every catalog change; tablets sync by it. */
  catalogVersion!: number;
  /** The last outbox `seq` given to an event of this store (by the relay). */
  lastEventSeq!: number;
  /** Close a visit by itself after this many idle minutes once every order is served or closed; null: never. */
  visitIdleCloseMinutes!: number | null;
  /** The store-local hour a business day starts (0: midnight); the history's days and the daily close use it. */
  businessDayStartHour!: Opt<number>;
  /** Currency, languages, hours, receipt footer, staff sold-out permission (`storeSettingsOf` fills defaults). */
  settings!: Opt<Partial<StoreExtraSettings>>;
  /** What an idle tablet shows (the owner's attract screen); null until the owner sets it (the default applies). */
  attractScreen!: Opt<AttractScreen | null>;
  /** The tablet's staff-call buttons as the owner set them; null: never edited (the domain's defaults). */
  staffCallPresets!: Opt<StaffCallPreset[] | null>;
  createdAt!: Date;
}

export const StoreSchema = new EntitySchema<Store>({
  class: Store,
  properties: {
    id: { type: 'uuid', primary: true },
    slug: { type: 'string', length: 60, unique: true },
    name: { type: 'string', length: 120 },
    timeZone: { type: 'string', length: 60 },
    catalogVersion: { type: 'integer', default: 1 },
    lastEventSeq: { type: 'integer', default: 0 },
    visitIdleCloseMinutes: { type: 'integer', nullable: true },
    businessDayStartHour: { type: 'integer', default: 0 },
    settings: { type: 'json', default: '{}', onCreate: () => ({}) },
    attractScreen: { type: 'json', nullable: true },
    staffCallPresets: { type: 'json', nullable: true },
    createdAt: { type: 'datetime' },
  },
});

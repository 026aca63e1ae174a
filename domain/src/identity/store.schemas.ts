import { z } from 'zod';
import { LIMITS } from '../shared/limits';
import { StaffCreateSchema } from './identity.schemas';

/** The languages a store may offer its guests (menu data and the tablet). Korean is always offered. */
export const StoreLanguageSchema = z.enum(['ko', 'en', 'zh', 'ja']);
export type StoreLanguage = z.infer<typeof StoreLanguageSchema>;

/**
 * The store's currency. Money is integer won everywhere (amounts, the payment provider, statistics), so KRW is
 * the only value accepted; the field is recorded so a store says what its amounts are.
 */
export const CurrencySchema = z.enum(['KRW']);
export type Currency = z.infer<typeof CurrencySchema>;

/** An IANA time zone this runtime knows ("Asia/Seoul"); statistics, history days and hours use it. */
export const TimeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'an IANA time zone, like Asia/Seoul');

/** A local time of day, "HH:MM" (24 h). */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 11:30');

/**
 * Opening hours in the store's zone, and an optional break (브레이크 타임). `closesAt` earlier than `opensAt`
 * means the store closes after midnight. A break is both times or neither, and lies within the opening hours.
 */
export const BusinessHoursSchema = z
  .strictObject({
    opensAt: TimeOfDaySchema,
    closesAt: TimeOfDaySchema,
    breakStartsAt: TimeOfDaySchema.nullable().default(null),
    breakEndsAt: TimeOfDaySchema.nullable().default(null),
  })
  .refine((h) => h.opensAt !== h.closesAt, { message: 'opening and closing times must differ', path: ['closesAt'] })
  .refine((h) => (h.breakStartsAt === null) === (h.breakEndsAt === null), {
    message: 'a break needs a start and an end',
    path: ['breakEndsAt'],
  })
  .refine((h) => h.breakStartsAt === null || h.breakEndsAt === null || h.breakStartsAt < h.breakEndsAt, {
    message: 'a break ends after it starts',
    path: ['breakEndsAt'],
  });
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

const LanguagesSchema = z
  .array(StoreLanguageSchema)
  .min(1)
  .max(StoreLanguageSchema.options.length)
  .refine((langs) => langs.includes('ko'), 'Korean is always offered')
  .refine((langs) => new Set(langs).size === langs.length, 'each language once');

/**
 * The store's own settings (`GET`/`PUT /api/store/settings`, admin): its name, zone, currency, languages, hours, the
 * footer printed under every bill, and whether staff (not only admins) may mark a menu sold out from the board and
 * the kitchen display.
 */
export const StoreSettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.maxNameLength),
  timeZone: TimeZoneSchema,
  currency: CurrencySchema,
  languages: LanguagesSchema,
  hours: BusinessHoursSchema.nullable(),
  receiptFooter: z.string().trim().max(LIMITS.maxReceiptFooterLength),
  staffMaySetSoldOut: z.boolean(),
});
export type StoreSettings = z.infer<typeof StoreSettingsSchema>;

/** What a store starts with when setup or an older row says nothing else. */
export const STORE_SETTINGS_DEFAULTS = {
  currency: 'KRW',
  languages: ['ko', 'en'],
  hours: null,
  receiptFooter: '',
  staffMaySetSoldOut: true,
} as const satisfies Omit<StoreSettings, 'name' | 'timeZone'>;

/** `GET /api/setup`: whether this server still waits for its first store (then the admin app shows the setup page). */
export const SetupStatusDtoSchema = z.object({ needed: z.boolean() });
export type SetupStatusDto = z.infer<typeof SetupStatusDtoSchema>;

/** How many tables a new store may start with (more are added on the tables page). */
export const SETUP_TABLES = { min: 1, max: 200 } as const;

/**
 * `POST /api/setup`: the first start without the demo. The owner names the store and its zone, currency, hours and
 * languages, creates the first admin account and the tables ("1" … "n"). `token` is the setup token the start banner
 * prints in the setup link: an open port on a fresh server does not let anyone on the network claim it.
 */
export const StoreSetupSchema = z.strictObject({
  token: z.string().min(16).max(200),
  store: StoreSettingsSchema.pick({ name: true, timeZone: true, currency: true, languages: true, hours: true }),
  admin: StaffCreateSchema.omit({ role: true }),
  tables: z.number().int().min(SETUP_TABLES.min).max(SETUP_TABLES.max),
});
export type StoreSetup = z.infer<typeof StoreSetupSchema>;

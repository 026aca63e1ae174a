import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { LIMITS } from '../shared/limits';
import { LocalizedLongTextSchema, LocalizedTextSchema } from '../shared/locale';
import { WonSchema } from '../shared/money';
import { AttractScreenSchema, DEFAULT_ATTRACT_SCREEN } from './attract-screen';
import { MenuLabelsSchema, NO_LABELS } from './menu-labels';
import { OptionGroupDtoSchema } from './menu-options';
import { DEFAULT_STAFF_CALL_PRESETS, StaffCallPresetSchema } from '../ordering/staff-call.schemas';

/** `main` dishes unlock `side` dishes (rule 2); `other` (drinks, desserts) is free of that rule. */
export const CourseSchema = z.enum(['main', 'side', 'other']);
export type Course = z.infer<typeof CourseSchema>;

/** Where a category is prepared, so a kitchen display can show only its station. */
export const StationSchema = z.enum(['kitchen', 'bar']);
export type Station = z.infer<typeof StationSchema>;

export const CategoryDtoSchema = z.object({
  id: IdSchema,
  name: z.object({ ko: z.string(), en: z.string() }),
  position: z.number().int(),
  station: StationSchema,
});
export type CategoryDto = z.infer<typeof CategoryDtoSchema>;

export const MenuDtoSchema = z.object({
  id: IdSchema,
  categoryId: IdSchema,
  name: z.object({ ko: z.string(), en: z.string() }),
  description: z.object({ ko: z.string(), en: z.string() }),
  price: WonSchema,
  photoUrl: z.string().nullable(),
  course: CourseSchema,
  /** Portions left, or null when the menu is not counted. */
  stock: z.number().int().min(0).nullable(),
  /** At most this many per visit (event and discount menus), or null. */
  limitPerVisit: z.number().int().min(1).nullable(),
  soldOut: z.boolean(),
  hidden: z.boolean(),
  /** Picked by the owner: shown as "recommended" and used when the store has no order history yet. */
  recommended: z.boolean(),
  position: z.number().int(),
  /** The store's option groups offered with this menu, in the order the guest sees them. */
  optionGroupIds: z.array(IdSchema).default([]),
  labels: MenuLabelsSchema.default(NO_LABELS),
});
export type MenuDto = z.infer<typeof MenuDtoSchema>;

/** The whole catalog of a store at one version: what a tablet keeps in IndexedDB. Hidden menus are left out. */
export const CatalogDtoSchema = z.object({
  storeId: IdSchema,
  version: z.number().int(),
  categories: z.array(CategoryDtoSchema),
  menus: z.array(MenuDtoSchema),
  /** Every option group a listed menu refers to (groups are shared between menus, so they are listed once). */
  optionGroups: z.array(OptionGroupDtoSchema).default([]),
  /** The store's attract screen (what an idle tablet shows), kept offline with the menus it features. */
  attract: AttractScreenSchema.default(DEFAULT_ATTRACT_SCREEN),
  /**
   * The buttons of the tablet's staff-call sheet (the store's presets). Kept with the catalog so an offline tablet
   * has them and an owner's edit reaches every tablet with the catalog's version. Absent from a catalog a tablet
   * cached before presets existed: the defaults.
   */
  staffCallPresets: z.array(StaffCallPresetSchema).default(() => [...DEFAULT_STAFF_CALL_PRESETS]),
});
export type CatalogDto = z.infer<typeof CatalogDtoSchema>;

/** `GET /api/catalog?since=N`: the tablet sends the version it has; unchanged → no body to download. */
export const CatalogQuerySchema = z.strictObject({
  since: z.coerce.number().int().min(0).optional(),
});
export type CatalogQuery = z.infer<typeof CatalogQuerySchema>;

export const CatalogSyncDtoSchema = z.discriminatedUnion('changed', [
  z.object({ changed: z.literal(false), version: z.number().int() }),
  z.object({ changed: z.literal(true), version: z.number().int(), catalog: CatalogDtoSchema }),
]);
export type CatalogSyncDto = z.infer<typeof CatalogSyncDtoSchema>;

export const CategoryCreateSchema = z.strictObject({
  name: LocalizedTextSchema,
  station: StationSchema.default('kitchen'),
});
export type CategoryCreate = z.infer<typeof CategoryCreateSchema>;

export const CategoryUpdateSchema = z.strictObject({
  name: LocalizedTextSchema.optional(),
  station: StationSchema.optional(),
});
export type CategoryUpdate = z.infer<typeof CategoryUpdateSchema>;

/** The full new order of a store's categories (or of one category's menus). */
export const ReorderSchema = z.strictObject({
  ids: z.array(IdSchema).min(1).max(500),
});
export type Reorder = z.infer<typeof ReorderSchema>;

const OptionGroupIdsSchema = z
  .array(IdSchema)
  .max(LIMITS.maxOptionGroupsPerMenu)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'a group is attached twice' });

const StockSchema = z.number().int().min(0).max(1_000_000).nullable();
const LimitSchema = z.number().int().min(1).max(LIMITS.maxQtyPerLine).nullable();

export const MenuCreateSchema = z.strictObject({
  categoryId: IdSchema,
  name: LocalizedTextSchema,
  description: LocalizedLongTextSchema.default({ ko: '', en: '' }),
  price: WonSchema,
  course: CourseSchema,
  stock: StockSchema.default(null),
  limitPerVisit: LimitSchema.default(null),
  soldOut: z.boolean().default(false),
  hidden: z.boolean().default(false),
  recommended: z.boolean().default(false),
  optionGroupIds: OptionGroupIdsSchema.default([]),
  labels: MenuLabelsSchema.default(NO_LABELS),
});
export type MenuCreate = z.infer<typeof MenuCreateSchema>;

export const MenuUpdateSchema = z.strictObject({
  categoryId: IdSchema.optional(),
  name: LocalizedTextSchema.optional(),
  description: LocalizedLongTextSchema.optional(),
  price: WonSchema.optional(),
  course: CourseSchema.optional(),
  stock: StockSchema.optional(),
  limitPerVisit: LimitSchema.optional(),
  soldOut: z.boolean().optional(),
  hidden: z.boolean().optional(),
  recommended: z.boolean().optional(),
  optionGroupIds: OptionGroupIdsSchema.optional(),
  labels: MenuLabelsSchema.optional(),
});
export type MenuUpdate = z.infer<typeof MenuUpdateSchema>;

/** Whether a guest can order this menu at all right now (stock aside). */
export function isOrderable(menu: Pick<MenuDto, 'soldOut' | 'hidden' | 'stock'>): boolean {
  return !menu.soldOut && !menu.hidden && (menu.stock === null || menu.stock > 0);
}

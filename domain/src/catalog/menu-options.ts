import { z } from 'zod';
import { IdSchema } from '../shared/ids';
import { LIMITS } from '../shared/limits';
import { LocalizedTextSchema } from '../shared/locale';
import { WonSchema } from '../shared/money';

/**
 * Option groups of menus (맵기 단계, 사리 추가, 곱빼기, size): a group belongs to the store and can be attached to
 * several menus; a guest picks between `minChoices` and `maxChoices` of its options per order line. A group is
 * required when `minChoices >= 1` (the one source of "required": no separate flag that could disagree).
 * An option adds `priceDelta` won to the line's unit price and can be sold out on its own.
 */

const LocalizedNameSchema = z.object({ ko: z.string(), en: z.string() });

export const MenuOptionDtoSchema = z.object({
  id: IdSchema,
  name: LocalizedNameSchema,
  priceDelta: WonSchema,
  soldOut: z.boolean(),
});
export type MenuOptionDto = z.infer<typeof MenuOptionDtoSchema>;

export const OptionGroupDtoSchema = z.object({
  id: IdSchema,
  name: LocalizedNameSchema,
  minChoices: z.number().int().min(0),
  maxChoices: z.number().int().min(1),
  options: z.array(MenuOptionDtoSchema),
});
export type OptionGroupDto = z.infer<typeof OptionGroupDtoSchema>;

/** A group the guest must choose from. */
export function isRequiredGroup(group: Pick<OptionGroupDto, 'minChoices'>): boolean {
  return group.minChoices >= 1;
}

const OptionInputSchema = z.strictObject({
  /** Present for an option that already exists (kept, renamed, repriced); absent for a new one. */
  id: IdSchema.optional(),
  name: LocalizedTextSchema,
  priceDelta: WonSchema,
  soldOut: z.boolean().default(false),
});

/**
 * `POST /api/option-groups` and `PUT /api/option-groups/:groupId`: the whole group with its options in their
 * order. Options left out of a `PUT` are removed (order lines keep their snapshot, so history is unaffected).
 */
export const OptionGroupInputSchema = z
  .strictObject({
    name: LocalizedTextSchema,
    minChoices: z.number().int().min(0).max(LIMITS.maxOptionsPerGroup),
    maxChoices: z.number().int().min(1).max(LIMITS.maxOptionsPerGroup),
    options: z.array(OptionInputSchema).min(1).max(LIMITS.maxOptionsPerGroup),
  })
  .refine((g) => g.minChoices <= g.maxChoices, { message: 'minChoices must not exceed maxChoices', path: ['minChoices'] })
  .refine((g) => g.minChoices <= g.options.length, {
    message: 'a group cannot require more choices than it has options',
    path: ['minChoices'],
  })
  .refine((g) => new Set(g.options.filter((o) => o.id).map((o) => o.id)).size === g.options.filter((o) => o.id).length, {
    message: 'an option id appears twice',
    path: ['options'],
  });
export type OptionGroupInput = z.infer<typeof OptionGroupInputSchema>;

/** Staff mark one option sold out (or back) from the board, the kitchen or the menu editor. */
export const OptionSoldOutSchema = z.strictObject({ soldOut: z.boolean() });
export type OptionSoldOut = z.infer<typeof OptionSoldOutSchema>;

/** The chosen options of an order line, by id; each at most once. */
export const ChosenOptionIdsSchema = z
  .array(IdSchema)
  .max(LIMITS.maxOptionsPerLine)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'an option is chosen twice' });

/**
 * What an order line keeps of each chosen option at placement (rule 4's snapshot): names and price as they were,
 * so a later rename, reprice or removal never changes a past order, a ticket or the statistics.
 */
export const ChosenOptionSchema = z.object({
  groupId: IdSchema,
  groupName: LocalizedNameSchema,
  optionId: IdSchema,
  name: LocalizedNameSchema,
  priceDelta: WonSchema,
});
export type ChosenOption = z.infer<typeof ChosenOptionSchema>;

/**
 * The identity of a cart line: the same menu with the same options and note is one line (its quantity grows);
 * different options or notes make different lines, on the tablet and in the order.
 */
export function cartLineKey(menuId: string, optionIds: readonly string[], note = ''): string {
  return [menuId, [...optionIds].sort().join('+'), note.trim()].join('|');
}

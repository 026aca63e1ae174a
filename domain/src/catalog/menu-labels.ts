import { z } from 'zod';
import { LIMITS } from '../shared/limits';

/**
 * The allergens Korean food labelling names (식품 등의 표시기준, 알레르기 유발물질 표시 대상: 19 items), in the
 * order of the regulation. Defined once: the server validates against it, the editor offers it, the tablet shows it.
 */
// Stryker disable StringLiteral: the allergens' display names are text for people (checked on the tablet and editor
// screenshots); their keys, the list's length and its use in the schema are tested.
export const ALLERGENS = {
  egg: { ko: '알류', en: 'Egg' },
  milk: { ko: '우유', en: 'Milk' },
  buckwheat: { ko: '메밀', en: 'Buckwheat' },
  peanut: { ko: '땅콩', en: 'Peanut' },
  soybean: { ko: '대두', en: 'Soybean' },
  wheat: { ko: '밀', en: 'Wheat' },
  mackerel: { ko: '고등어', en: 'Mackerel' },
  crab: { ko: '게', en: 'Crab' },
  shrimp: { ko: '새우', en: 'Shrimp' },
  pork: { ko: '돼지고기', en: 'Pork' },
  peach: { ko: '복숭아', en: 'Peach' },
  tomato: { ko: '토마토', en: 'Tomato' },
  sulfites: { ko: '아황산류', en: 'Sulfites' },
  walnut: { ko: '호두', en: 'Walnut' },
  chicken: { ko: '닭고기', en: 'Chicken' },
  beef: { ko: '쇠고기', en: 'Beef' },
  squid: { ko: '오징어', en: 'Squid' },
  shellfish: { ko: '조개류(굴, 전복, 홍합 포함)', en: 'Shellfish (oyster, abalone, mussel)' },
  pine_nut: { ko: '잣', en: 'Pine nut' },
} as const;
// Stryker restore StringLiteral
export type Allergen = keyof typeof ALLERGENS;
export const AllergenSchema = z.enum(Object.keys(ALLERGENS) as [Allergen, ...Allergen[]]);

/** 0 (not spicy) to 3 (very spicy). */
export const SPICY_MAX = 3;

/**
 * What a menu tells a guest beyond its name: origin (원산지, legally required for meat, rice and kimchi), the
 * allergens it contains, how spicy it is, and the owner's "new" and "best" marks.
 */
export const MenuLabelsSchema = z.strictObject({
  origin: z.string().trim().max(LIMITS.maxOriginLength).default(''),
  allergens: z
    .array(AllergenSchema)
    .max(Object.keys(ALLERGENS).length)
    .refine((a) => new Set(a).size === a.length, { message: 'an allergen is listed twice' })
    .default([]),
  spicy: z.number().int().min(0).max(SPICY_MAX).default(0),
  isNew: z.boolean().default(false),
  best: z.boolean().default(false),
});
export type MenuLabels = z.infer<typeof MenuLabelsSchema>;

export const NO_LABELS: MenuLabels = { origin: '', allergens: [], spicy: 0, isNew: false, best: false };

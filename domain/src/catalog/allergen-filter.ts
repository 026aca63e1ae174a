import { ALLERGENS, type Allergen } from './menu-labels';

/**
 * The guest's "no allergen X" filter on the tablet. A dish is set aside when it is labelled with any allergen the
 * guest avoids; a dish labelled with none is shown (the filter can only go by the store's labels, which the tablet
 * says next to it). Pure, so the tablet runs it on the catalog it holds, offline as online.
 */

/** The allergens of `labels` the guest avoids, in the regulation's order (as the tablet names them). */
export function avoidedAllergensIn(labels: { allergens: readonly Allergen[] }, avoid: Iterable<Allergen>): Allergen[] {
  const avoided = new Set(avoid);
  if (avoided.size === 0) return [];
  return ALLERGEN_ORDER.filter((a) => avoided.has(a) && labels.allergens.includes(a));
}

/** Splits dishes into those the guest can see and those set aside for the allergens they avoid (order kept). */
export function filterByAllergens<T extends { labels: { allergens: readonly Allergen[] } }>(
  menus: readonly T[],
  avoid: Iterable<Allergen>,
): { shown: T[]; setAside: T[] } {
  const avoided = [...avoid];
  const shown: T[] = [];
  const setAside: T[] = [];
  for (const m of menus) (avoidedAllergensIn(m.labels, avoided).length > 0 ? setAside : shown).push(m);
  return { shown, setAside };
}

const ALLERGEN_ORDER = Object.keys(ALLERGENS) as Allergen[];

/**
 * A kept avoid-list (the tablet's session storage) read back: unknown names and repeats are dropped, the
 * regulation's order restored, anything else reads as no filter. Never throws: a bad value only loses the filter.
 */
export function parseAvoidList(value: unknown): Allergen[] {
  if (!Array.isArray(value)) return [];
  const kept = new Set<unknown>(value);
  return ALLERGEN_ORDER.filter((a) => kept.has(a));
}

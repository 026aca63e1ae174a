import { isOrderable, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';

/**
 * Recommendation rows. The workers' recommendations API is not there yet, so both rows fall back on what
 * the owner marked `recommended`; when it lands, `RecommendationSource` gets an API-backed implementation and
 * the components stay as they are.
 */
export interface RecommendationSource {
  popularNow(menus: readonly MenuDto[]): MenuDto[];
  goesWellWith(menus: readonly MenuDto[], cartMenuIds: ReadonlySet<string>): MenuDto[];
}

export const ownerPicks: RecommendationSource = {
  popularNow(menus) {
    return menus.filter((m) => m.recommended && isOrderable(m)).slice(0, 8);
  },
  goesWellWith(menus, cartMenuIds) {
    if (cartMenuIds.size === 0) return [];
    const inCart = menus.filter((m) => cartMenuIds.has(m.id));
    const hasMain = inCart.some((m) => m.course === 'main');
    const hasDrink = inCart.some((m) => m.course === 'other');
    return menus
      .filter((m) => !cartMenuIds.has(m.id) && isOrderable(m))
      .filter((m) => (hasMain && m.course === 'side') || (!hasDrink && m.course === 'other' && m.recommended) || (!hasMain && m.course === 'main' && m.recommended))
      .sort((a, b) => Number(b.recommended) - Number(a.recommended) || a.position - b.position)
      .slice(0, 6);
  },
};

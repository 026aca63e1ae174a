import { isOrderable, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';

/**
 * The offline fallback of the recommendation rows (see `useRecommendations`): what the owner marked
 * `recommended`, and for "goes well with" the sides of a main in the cart or a recommended drink.
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
      .filter(
        (m) =>
          (hasMain && m.course === 'side') ||
          (!hasDrink && m.course === 'other' && m.recommended) ||
          (!hasMain && m.course === 'main' && m.recommended),
      )
      .sort((a, b) => Number(b.recommended) - Number(a.recommended) || a.position - b.position)
      .slice(0, 6);
  },
};

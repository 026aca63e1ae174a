import { isOrderable } from '@hiorder/domain/catalog/catalog.schemas';
import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import { RECOMMENDATION_LIST_SIZE, type RecommendationsDto } from '@hiorder/domain/recommendations/recommendations.schemas';
import { DEFAULT_TIME_ZONE, storeLocalTime } from '@hiorder/domain/shared/store-time';
import { Menu } from '../catalog/menu.entity';
import type { EntityManager } from '../db/orm';
import { Store } from '../identity/store.entity';
import { hourAffinity, MIN_POPULARITY, pairScore, scoreAt } from './recommendation-scoring';
import { menuPairingsOf, menuPopularityOf } from './recommendations.repository';
import { sqlOf } from '../db/direct-sql';

/**
 * "Popular now" and "goes well with" the cart (`cartMenuIds`) for the actor's store, from the recommendation
 * read models. Only orderable menus are listed (not sold out, hidden, deleted or out of stock); an empty list
 * falls back to the menus the owner flagged `recommended`, in menu order. Throws nothing of its own.
 */
export async function readRecommendations(
  em: EntityManager,
  actor: Actor,
  cartMenuIds: readonly string[],
  now: Date,
): Promise<RecommendationsDto> {
  const storeId = actor.storeId;
  const [store, menus] = await Promise.all([
    em.findOne(Store, { id: storeId }, { fields: ['timeZone'] }),
    em.find(
      Menu,
      { store: storeId, deletedAt: null },
      { fields: ['soldOut', 'hidden', 'stock', 'recommended', 'position'], orderBy: { position: 'asc' } },
    ),
  ]);
  const orderable = new Map(menus.filter((m) => isOrderable(m)).map((m) => [m.id, m]));
  const picks = [...orderable.values()].filter((m) => m.recommended).map((m) => m.id);
  const cart = new Set(cartMenuIds);
  const top = (scores: Map<string, number>, exclude: ReadonlySet<string>) =>
    [...scores]
      .filter(([id, score]) => score > 0 && orderable.has(id) && !exclude.has(id))
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, RECOMMENDATION_LIST_SIZE)
      .map(([id]) => id);

  const { hour } = storeLocalTime(now, store?.timeZone ?? DEFAULT_TIME_ZONE);
  const popularity = new Map<string, number>();
  const itemsNow = new Map<string, number>();
  for (const row of await menuPopularityOf(sqlOf(em), storeId)) {
    const worth = scoreAt(row.score, now);
    itemsNow.set(row.menuId, (itemsNow.get(row.menuId) ?? 0) + worth);
    popularity.set(row.menuId, (popularity.get(row.menuId) ?? 0) + worth * hourAffinity(row.hourOfDay, hour));
  }
  for (const [menuId, items] of itemsNow) if (items < MIN_POPULARITY) popularity.delete(menuId);
  const popular = top(popularity, new Set());

  const pairing = new Map<string, number>();
  const { shared, visitsOf } = await menuPairingsOf(sqlOf(em), storeId, [...cart]);
  for (const row of shared) {
    const score = pairScore(row.visits, visitsOf.get(row.menuId) ?? 0, visitsOf.get(row.otherMenuId) ?? 0);
    if (score > 0) pairing.set(row.otherMenuId, (pairing.get(row.otherMenuId) ?? 0) + score);
  }
  const pairsWith = top(pairing, cart);

  const fallback = (exclude: ReadonlySet<string>) => picks.filter((id) => !exclude.has(id)).slice(0, RECOMMENDATION_LIST_SIZE);
  return {
    popular: popular.length > 0 ? popular : fallback(new Set()),
    pairsWith: pairsWith.length > 0 ? pairsWith : fallback(cart),
  };
}

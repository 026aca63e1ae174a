import { isOrderable, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { RecommendationsDtoSchema, type RecommendationsDto } from '@hiorder/domain/recommendations/recommendations.schemas';
import { useEffect, useMemo, useState } from 'react';
import { apiFetch } from '../sync/api';
import { useSyncStatus } from '../sync/status';
import { ownerPicks } from './recommendations';

export interface RecommendationRows {
  popular: MenuDto[];
  pairsWith: MenuDto[];
}

/**
 * "Popular now" and "goes well with" from the workers' read models (`GET /api/recommendations`), refreshed
 * when the cart changes and on `recommendations:updated`. Offline, or before the first answer, the owner's
 * `recommended` menus stand in, so the rows never go empty because of the network.
 */
export function useRecommendations(token: string, menus: readonly MenuDto[], cartMenuIds: ReadonlySet<string>): RecommendationRows {
  const { connection, recommendationsRev } = useSyncStatus();
  const [answer, setAnswer] = useState<RecommendationsDto | null>(null);
  const cartKey = [...cartMenuIds].sort().join(',');

  useEffect(() => {
    if (connection !== 'online') return;
    const controller = new AbortController();
    const query = cartKey ? `?menuIds=${encodeURIComponent(cartKey)}` : '';
    apiFetch(`/api/recommendations${query}`, { token, timeoutMs: 5_000 })
      .then((json) => {
        if (!controller.signal.aborted) setAnswer(RecommendationsDtoSchema.parse(json));
      })
      .catch(() => {
        // Older server or a hiccup: the fallback below stays.
      });
    return () => controller.abort();
  }, [token, cartKey, connection, recommendationsRev]);

  return useMemo(() => {
    const byId = new Map(menus.map((m) => [m.id, m]));
    const resolve = (ids: readonly string[]) =>
      ids.map((id) => byId.get(id)).filter((m): m is MenuDto => m !== undefined && isOrderable(m) && !cartMenuIds.has(m.id));
    const popular = answer ? resolve(answer.popular) : [];
    const pairsWith = answer ? resolve(answer.pairsWith) : [];
    return {
      popular: popular.length > 0 ? popular : ownerPicks.popularNow(menus),
      pairsWith: answer && pairsWith.length > 0 ? pairsWith : ownerPicks.goesWellWith(menus, cartMenuIds),
    };
  }, [answer, menus, cartMenuIds]);
}

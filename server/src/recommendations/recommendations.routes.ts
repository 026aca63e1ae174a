import { RecommendationsDtoSchema, RecommendationsQuerySchema } from '@hiorder/domain/recommendations/recommendations.schemas';
import type { AppDeps } from '../app-deps';
import type { ApiRouter } from '../http/api-router';
import { readRecommendations } from '@hiorder/core/recommendations';

/** Recommendations for the tablet's menu and cart, read from the models `recommendations.processor.ts` keeps. */
export function recommendationsRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/api/recommendations',
      summary: '"Popular now" and "goes well with" the cart (menuIds=a,b)',
      tag: 'recommendations',
      roles: ['table', 'admin', 'staff'],
      query: RecommendationsQuerySchema,
      response: RecommendationsDtoSchema,
    },
    ({ em, actor, query }) => readRecommendations(em, actor, query.menuIds, deps.now()),
  );
}

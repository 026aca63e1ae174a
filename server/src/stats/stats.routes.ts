import { SalesSummaryDtoSchema, StatsRangeQuerySchema } from '@hiorder/domain/stats/stats.schemas';
import type { AppDeps } from '../app-deps';
import type { ApiRouter } from '../http/api-router';
import { readSalesSummary } from '@hiorder/core/stats';

/** The sales dashboard API: reads the statistics read model kept by `stats.processor.ts`. */
export function statsRoutes(api: ApiRouter, deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/api/stats/summary',
      summary: 'Sales of store-local days: totals, by day, hour, menu, category and table',
      tag: 'stats',
      roles: ['admin', 'staff'],
      query: StatsRangeQuerySchema,
      response: SalesSummaryDtoSchema,
    },
    ({ em, actor, query }) => readSalesSummary(em, actor, query, deps.now()),
  );
}

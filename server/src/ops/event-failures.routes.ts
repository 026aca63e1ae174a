import { EventFailuresQuerySchema, EventFailuresSchema } from '@hiorder/domain/events/event-failure.schemas';
import { sqlOf } from '@hiorder/core/db';
import { eventFailuresOf } from '@hiorder/core/outbox';
import type { AppDeps } from '../app-deps';
import type { ApiRouter } from '../http/api-router';

/**
 * Poison events the workers set aside (`event_failure`: a processor threw on them `EVENT_MAX_ATTEMPTS` times), the
 * store's own, newest first: the operations view beside bull-board's failed jobs and the `hiorder_event_failures`
 * gauge. Admins only, like the queue dashboard.
 */
export function eventFailuresRoutes(api: ApiRouter, _deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/api/ops/event-failures',
      summary: "Events set aside by the workers after their processor kept failing (the store's own, newest first)",
      tag: 'ops',
      roles: ['admin'],
      query: EventFailuresQuerySchema,
      response: EventFailuresSchema,
    },
    async ({ em, actor, query }) => ({ failures: await eventFailuresOf(sqlOf(em), actor.storeId, query.limit) }),
  );
}

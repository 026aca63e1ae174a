import { isKitchenEvent } from '@hiorder/domain/events/domain-events';
import { LIMITS } from '@hiorder/domain/shared/limits';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import type { ApiRouter } from '../http/api-router';
import { eventsSince } from '@hiorder/core/outbox';
import { sqlOf } from '@hiorder/core/db';

const EventsQuery = z.strictObject({ since: z.coerce.number().int().min(0).default(0) });

export function realtimeRoutes(api: ApiRouter, _deps: AppDeps): void {
  api.route(
    {
      method: 'get',
      path: '/api/events',
      summary: "The store's events after a seq (catch-up without a socket); kitchens get kitchen events only",
      tag: 'realtime',
      roles: ['admin', 'staff', 'kitchen'],
      query: EventsQuery,
      response: z.object({ events: z.array(z.unknown()), lastSeq: z.number(), more: z.boolean() }),
    },
    async ({ em, actor, query }) => {
      const page = await eventsSince(sqlOf(em), actor.storeId, query.since, LIMITS.maxEventsPerCatchUp);
      return actor.role === 'kitchen' ? { ...page, events: page.events.filter(isKitchenEvent) } : page;
    },
  );
}

import { rootSql } from '@hiorder/core/db';
import { eventsSince } from '@hiorder/core/outbox';
import { isKitchenEvent } from '@hiorder/domain/events/domain-events';
import type { Actor } from '@hiorder/domain/identity/identity.schemas';
import { EventsSinceSchema, type EventsPage } from '@hiorder/domain/realtime/realtime';
import { LIMITS } from '@hiorder/domain/shared/limits';
import type { AppDeps } from '../app-deps';
import { handleWithAck } from './socket-ack';
import type { StaffSocket } from './socket-types';

/**
 * A board's or kitchen display's catch-up by the store's `seq` (I8): `events:since` answers a page after a seq,
 * and `replayMissed` sends everything after the handshake's `lastSeq`, then `sync:done`. Kitchen displays see
 * kitchen events only (I2: never an unpaid order).
 */
export function registerCatchUpHandlers(socket: StaffSocket, deps: AppDeps, actor: Actor): { replayMissed(): Promise<void> } {
  const kitchenOnly = actor.role === 'kitchen';
  const rawPage = (lastSeq: number) => eventsSince(rootSql(deps.orm), actor.storeId, lastSeq, LIMITS.maxEventsPerCatchUp);
  const visible = (result: EventsPage): EventsPage => (kitchenOnly ? { ...result, events: result.events.filter(isKitchenEvent) } : result);
  socket.on(
    'events:since',
    handleWithAck(deps.logger, EventsSinceSchema, async (input) => visible(await rawPage(input.lastSeq))),
  );
  return {
    async replayMissed() {
      let lastSeq = (socket.handshake.auth as { lastSeq?: number }).lastSeq ?? 0;
      for (;;) {
        const result = await rawPage(lastSeq);
        for (const event of visible(result).events) socket.emit('store:event', event);
        const last = result.events.at(-1);
        if (!result.more || !last) {
          socket.emit('sync:done', { lastSeq: Math.max(lastSeq, result.lastSeq) });
          return;
        }
        lastSeq = last.seq;
      }
    },
  };
}

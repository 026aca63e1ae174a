import { storeRoom } from '@hiorder/domain/realtime/realtime';
import type { RealtimeServer } from './realtime-server';
import { PushThrottle } from './push-throttle';
import { tabletsRoom } from './rooms';

/**
 * Tells sockets that a read model moved: `stats:updated` to the store's staff, `recommendations:updated` to its
 * tablets. Throttled per store and kind (PushThrottle): the first change is pushed at once, later ones at most
 * once per interval, so a busy dinner doesn't flood the dashboards.
 */
export function createReadModelPush(realtime: RealtimeServer, intervals: { statsMs: number; recommendationsMs: number }) {
  const stats = new PushThrottle<null>(intervals.statsMs, (storeId) =>
    realtime.staff.to(storeRoom(storeId)).emit('stats:updated', { storeId }),
  );
  const recommendations = new PushThrottle<null>(intervals.recommendationsMs, (storeId) =>
    realtime.tablet.to(tabletsRoom(storeId)).emit('recommendations:updated', { storeId }),
  );
  return {
    /** A processor applied an event of this store (processor names `stats`, `recommendations`). */
    applied(storeId: string, processorName: string): void {
      if (processorName === 'stats') stats.push(storeId, null);
      else if (processorName === 'recommendations') recommendations.push(storeId, null);
    },
    close(): void {
      stats.close();
      recommendations.close();
    },
  };
}

export type ReadModelPush = ReturnType<typeof createReadModelPush>;

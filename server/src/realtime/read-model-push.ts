import { storeRoom } from '@hiorder/domain/realtime/realtime';
import type { RealtimeServer } from './realtime-server';
import { tabletsRoom } from './rooms';

/**
 * Tells sockets that a read model moved: `stats:updated` to the store's staff, `recommendations:updated` to its
 * tablets. Throttled per store and kind: the first change is pushed at once, later ones at most once per
 * `intervalMs` (a trailing push carries the last of a burst), so a busy dinner doesn't flood the dashboards.
 */
export function createReadModelPush(realtime: RealtimeServer, intervals: { statsMs: number; recommendationsMs: number }) {
  const lastSent = new Map<string, number>();
  const pending = new Map<string, NodeJS.Timeout>();
  const send = (kind: 'stats' | 'recommendations', storeId: string) => {
    if (kind === 'stats') realtime.staff.to(storeRoom(storeId)).emit('stats:updated', { storeId });
    else realtime.tablet.to(tabletsRoom(storeId)).emit('recommendations:updated', { storeId });
  };
  return {
    /** A processor applied an event of this store (processor names `stats`, `recommendations`). */
    applied(storeId: string, processorName: string): void {
      if (processorName !== 'stats' && processorName !== 'recommendations') return;
      const kind = processorName;
      const key = `${kind}:${storeId}`;
      if (pending.has(key)) return;
      const interval = kind === 'stats' ? intervals.statsMs : intervals.recommendationsMs;
      const wait = (lastSent.get(key) ?? 0) + interval - Date.now();
      if (wait <= 0) {
        lastSent.set(key, Date.now());
        send(kind, storeId);
        return;
      }
      const timer = setTimeout(() => {
        pending.delete(key);
        lastSent.set(key, Date.now());
        send(kind, storeId);
      }, wait);
      timer.unref();
      pending.set(key, timer);
    },
    close(): void {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}

export type ReadModelPush = ReturnType<typeof createReadModelPush>;

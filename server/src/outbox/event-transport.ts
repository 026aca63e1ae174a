import type { MikroORM } from '@mikro-orm/core';
import type { Env } from '../env';
import type { Logger } from '@hiorder/core/logger';
import { createReadModelPush } from '../realtime/read-model-push';
import type { RealtimeServer } from '../realtime/realtime-server';
import type { BullmqPublisher } from '@hiorder/core/outbox/bullmq';
import { inProcessPublisher, type AppliedListener, type OutboxRelay, EVENT_PROCESSORS } from '@hiorder/core/outbox';

/**
 * How committed events reach the processors. Embedded (no `REDIS_URL`): in this process, through the relay.
 * With `REDIS_URL`: to BullMQ, for `pnpm workers`; this server only listens for completions to push
 * `stats:updated` / `recommendations:updated`. Made in two steps because the queue exists before the app
 * (bull-board mounts it) and the sockets after.
 */
export interface EventTransport {
  /** `onApplied` also hears which processor applied an event in this process (embedded mode only). */
  attach(input: { orm: MikroORM; relay: OutboxRelay; realtime: RealtimeServer; onApplied?: AppliedListener }): void;
  close(): Promise<void>;
}

export async function createEventTransport(env: Env, logger: Logger): Promise<EventTransport> {
  // Loaded only with Redis: BullMQ and its dependencies cost the embedded server ~30 MB it would never use.
  const bullmq = env.REDIS_URL ? await import('@hiorder/core/outbox/bullmq') : null;
  const redis: BullmqPublisher | null =
    bullmq && env.REDIS_URL
      ? bullmq.bullmqPublisher({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX, logger: logger.child({ module: 'event-queue' }) })
      : null;
  const closers: (() => Promise<void> | void)[] = [];
  return {
    attach({ orm, relay, realtime, onApplied }) {
      const push = createReadModelPush(realtime, {
        statsMs: env.STATS_PUSH_INTERVAL_MS,
        recommendationsMs: env.RECOMMENDATIONS_PUSH_INTERVAL_MS,
      });
      closers.push(() => push.close());
      if (bullmq && redis && env.REDIS_URL) {
        relay.addPublisher(redis);
        const watcher = bullmq.watchAppliedEvents({ redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX, logger, onApplied: push.applied });
        closers.push(() => watcher.close());
      } else {
        relay.addPublisher(
          inProcessPublisher(orm, EVENT_PROCESSORS, (storeId, processorName) => {
            push.applied(storeId, processorName);
            onApplied?.(storeId, processorName);
          }),
        );
      }
    },
    async close() {
      for (const close of closers) await close();
      await redis?.close();
    },
  };
}

import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { KoaAdapter } from '@bull-board/koa';
import { Queue } from 'bullmq';
import type { Context, Next } from 'koa';
import type { AppDeps } from '../app-deps';
import { EVENTS_QUEUE, redisOptions, SCHEDULED_QUEUE } from '@hiorder/core/outbox';
import { QUEUE_DASHBOARD_PATH } from './queue-dashboard';

/**
 * bull-board itself, over read-only views of the events and scheduled queues with their own connections, so the
 * dashboard neither waits on nor slows the relay's publisher. Imported by `createQueueDashboard` only with Redis.
 */
export function openQueueBoard(
  deps: AppDeps,
  redisUrl: string,
): { serve(ctx: Context, next: Next): Promise<unknown>; close(): Promise<void> } {
  const prefix = deps.env.QUEUE_PREFIX;
  const queues = [EVENTS_QUEUE, SCHEDULED_QUEUE].map(
    (name) => new Queue(name, { connection: { ...redisOptions(redisUrl), enableOfflineQueue: false, maxRetriesPerRequest: 1 }, prefix }),
  );
  const log = deps.logger.child({ module: 'queue-dashboard' });
  let lastError = 0;
  for (const queue of queues) {
    queue.on('error', (err) => {
      // ioredis reports every failed reconnect: once a minute is enough.
      if (Date.now() - lastError > 60_000) log.warn({ err: err.message }, 'queue dashboard: Redis unreachable');
      lastError = Date.now();
    });
  }
  const adapter = new KoaAdapter();
  adapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: adapter });
  const board = adapter.registerPlugin();
  return {
    serve: (ctx, next) => board(ctx, next),
    async close() {
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}

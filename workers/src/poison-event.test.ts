import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { Menu } from '@hiorder/core/catalog';
import type { SqlSession } from '@hiorder/core/db';
import { type EventProcessor, EVENTS_QUEUE, redisOptions, EVENT_PROCESSORS } from '@hiorder/core/outbox';
import { buildStore, createTestApp, http, pairTablet, type StoreFixture, type TestApp } from '@hiorder/server/testing/test-app';
import { Queue, type Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorker } from './event-worker';
import { placeAndPay, recountToday, todaysTotals } from './testing/paid-orders';
import { historyRows, recountHistory } from './testing/read-models';
import { ensureRedisRunning, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from './testing/redis';

/**
 * A poison event (its processor throws on it every time) must not block its batch or the later ones: after
 * `maxAttempts` tries it is set aside in `event_failure`, the rest is applied, bull-board shows the job failed,
 * `/metrics` counts it and the ops route lists it.
 */
describe('a poison event', () => {
  const prefix = uniqueQueuePrefix('poison');
  const METRICS_TOKEN = 'scrape-me-0123456789abcdef';
  let app: TestApp;
  let store: StoreFixture;
  let worker: Worker | null = null;
  let queue: Queue | null = null;

  beforeAll(async () => {
    await ensureRedisRunning();
    app = await createTestApp({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, METRICS_TOKEN, OUTBOX_REDELIVER_AFTER_MS: '1000' });
    store = await buildStore(app, { bulgogi: { price: 15000, stock: 100 }, cola: { price: 2000, course: 'other' } });
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await app?.close();
  });

  /** `stats` throws on any paid order holding 7 colas: a bug that no retry fixes. */
  const POISON_QTY = 7;
  const isPoison = (event: DomainEvent) => 'order' in event.payload && event.payload.order.lines.some((l) => l.qty === POISON_QTY);
  const processors: EventProcessor[] = EVENT_PROCESSORS.map((p) =>
    p.name !== 'stats'
      ? p
      : {
          name: p.name,
          handles: p.handles,
          async handle(event: DomainEvent, ctx: { sql: SqlSession }) {
            if (isPoison(event)) throw new Error('seven colas break the bucket');
            await p.handle(event, ctx);
          },
          async handleBatch(events: readonly DomainEvent[], ctx: { sql: SqlSession }) {
            if (events.some(isPoison)) throw new Error('seven colas break the bucket');
            await p.handleBatch?.(events, ctx);
          },
        },
  );

  it('is set aside after its tries; the rest of its batch and later batches are applied; metric, route and bull-board show it', async () => {
    const tablet = await pairTablet(app, store, store.tableIds[0] as string);
    const bulgogi = (store.menus.bulgogi as Menu).id;
    const cola = (store.menus.cola as Menu).id;
    // Queued before the worker starts, so the poison order shares its batch with good ones.
    await placeAndPay(app, tablet, [{ menuId: bulgogi, qty: 2 }]);
    const poisonOrder = await placeAndPay(app, tablet, [{ menuId: cola, qty: POISON_QTY }]);
    await placeAndPay(app, tablet, [{ menuId: bulgogi, qty: 1 }]);
    await app.server.app.deps.relay.flush();
    worker = createEventWorker({
      orm: app.server.orm,
      redisUrl: TEST_REDIS_URL,
      prefix,
      concurrency: 2,
      processors,
      logger: pino({ level: 'silent' }),
      maxAttempts: 2,
    });
    const failures = await waitFor(
      async () => {
        const res = await http(app, 'GET', '/api/ops/event-failures', store.adminToken);
        return res.status === 200 && res.body.failures.length > 0
          ? (res.body.failures as { processor: string; eventType: string; attempts: number; error: string }[])
          : null;
      },
      120_000,
      'the poison event to be set aside',
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ processor: 'stats', eventType: 'order.paid', attempts: 2, error: 'seven colas break the bucket' });

    // A later batch goes on, and the good orders are all counted: the recount without the poison order.
    await placeAndPay(app, tablet, [{ menuId: cola, qty: 1 }]);
    await app.server.app.deps.relay.flush();
    const recount = await recountToday(app, store);
    expect(recount.orders).toBe(4);
    await waitFor(
      async () => {
        const totals = await todaysTotals(app, store);
        return totals.orders === 3 && totals.gross === recount.gross - POISON_QTY * 2000;
      },
      120_000,
      'the statistics to hold every order but the poison one',
    );
    // Other processors applied the poison event itself: the history has every order, the poison one included.
    await waitFor(
      async () => (await historyRows(app, store)).join() === (await recountHistory(app, store)).join(),
      60_000,
      'the history to equal the orders',
    );
    expect((await historyRows(app, store)).some((row) => row.startsWith(poisonOrder))).toBe(true);

    // Shown where operations look: bull-board's failed jobs, the gauge, and not to another store's admin.
    queue = new Queue(EVENTS_QUEUE, { connection: redisOptions(TEST_REDIS_URL), prefix });
    const failed = await queue.getFailed();
    expect(failed.some((job) => (job.failedReason ?? '').includes('set aside 1 poison event'))).toBe(true);
    const metrics = await http(app, 'GET', '/metrics', undefined, undefined, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect(String(metrics.body)).toMatch(/hiorder_event_failures 1\b/);
    const other = await buildStore(app, { rice: { price: 1000 } });
    expect((await http(app, 'GET', '/api/ops/event-failures', other.adminToken)).body).toEqual({ failures: [] });
    expect((await http(app, 'GET', '/api/ops/event-failures', store.staffToken)).status).toBe(403);
    // The sweeper (1 s here) does not forward a set-aside event again: its row stays as it was.
    const after = await http(app, 'GET', '/api/ops/event-failures', store.adminToken);
    expect(after.body.failures).toHaveLength(1);
  }, 420_000);
});

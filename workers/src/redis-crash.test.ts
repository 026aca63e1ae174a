import type { Menu } from '@hiorder/core/catalog';
import { EVENTS_QUEUE, redisOptions, EVENT_PROCESSORS } from '@hiorder/core/outbox';
import { buildStore, pairTablet, type StoreFixture, createTestCore, type TestCore } from '@hiorder/core/testing';
import { Queue, type Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorker, jobEvents } from './event-worker';
import { placeAndPay, recountToday, todaysTotals } from './testing/paid-orders';
import { historyRows, popularity, recountHistory, recountPopularity, samePopularity } from './testing/read-models';
import { ensureRedisRunning, killRedis, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from './testing/redis';

/**
 * Delivery ends at the consumer: jobs that die with Redis's memory (SIGKILL of a Redis without persistence) are
 * forwarded again by the outbox sweeper, and the read models end equal to a recount from the orders table.
 * Run with the exclusive services lock (it kills the shared Redis).
 */
describe('Redis killed with SIGKILL while events are queued, restarted empty', () => {
  const prefix = uniqueQueuePrefix('redis-crash');
  const logger = pino({ level: 'silent' });
  let core: TestCore;
  let store: StoreFixture;
  let tablet: string;
  let bulgogi: string;
  let cola: string;
  let worker: Worker | null = null;
  let queue: Queue | null = null;

  beforeAll(async () => {
    await ensureRedisRunning();
    core = await createTestCore({ redisUrl: TEST_REDIS_URL, queuePrefix: prefix, redeliverAfterMs: 1000 });
    store = await buildStore(core, { bulgogi: { price: 15000, stock: 100 }, cola: { price: 2000, course: 'other' } });
    bulgogi = (store.menus.bulgogi as Menu).id;
    cola = (store.menus.cola as Menu).id;
    tablet = await pairTablet(core, store, store.tableIds[0] as string);
  });
  afterAll(async () => {
    await ensureRedisRunning();
    await worker?.close();
    await queue?.close();
    await core?.close();
  });

  const jobsWaiting = async (): Promise<number> => {
    queue ??= new Queue(EVENTS_QUEUE, { connection: { ...redisOptions(TEST_REDIS_URL), maxRetriesPerRequest: 1 }, prefix });
    queue.on('error', () => undefined);
    // Jobs carry batches of events: count the events in the waiting jobs.
    const jobs = await queue.getWaiting();
    return jobs.reduce((n, job) => n + jobEvents(job.data).length, 0);
  };

  it('forwards the lost events again; stats, history and recommendations equal a recount from the orders', async () => {
    // What the relay reports as forwarded again (the server counts it as hiorder_outbox_redelivered_events_total:
    // server/src/http/http-edges.test.ts holds that wiring).
    let resent = 0;
    core.relay.onRedelivered = (count) => {
      resent += count;
    };
    // No worker yet: the events wait as jobs in Redis's memory only.
    await placeAndPay(core, tablet, [{ menuId: bulgogi, qty: 2 }]);
    await placeAndPay(core, tablet, [
      { menuId: bulgogi, qty: 1 },
      { menuId: cola, qty: 2 },
    ]);
    await placeAndPay(core, tablet, [{ menuId: cola, qty: 1 }]);
    await core.relay.flush();
    const forwarded = await core
      .em()
      .getConnection()
      .execute<{ type: string }[]>('select type from outbox_event where store_id = ? and forwarded_at is not null and applied_at is null', [
        store.storeId,
      ]);
    expect(forwarded.length).toBeGreaterThan(0);
    expect(await jobsWaiting()).toBe(forwarded.length);
    // Those a processor handles must be sent again; the others are only marked applied.
    const lostEvents = forwarded.filter((e) => EVENT_PROCESSORS.some((p) => (p.handles as readonly string[]).includes(e.type))).length;
    expect(lostEvents).toBeGreaterThan(0);

    await killRedis();
    await ensureRedisRunning();
    expect(await waitFor(async () => (await jobsWaiting()) === 0 && 'empty', 10_000, 'the restarted Redis to answer')).toBe('empty');

    worker = createEventWorker({
      orm: core.orm,
      redisUrl: TEST_REDIS_URL,
      prefix,
      concurrency: 4,
      processors: EVENT_PROCESSORS,
      logger,
    });
    await waitFor(
      async () => {
        const [totals, recount] = await Promise.all([todaysTotals(core, store), recountToday(core, store)]);
        return totals.orders === 3 && totals.orders === recount.orders && totals.gross === recount.gross;
      },
      60_000,
      'the statistics to equal the recount (the sweeper re-forwarding the lost events)',
    );
    expect(await todaysTotals(core, store)).toMatchObject({ orders: 3, gross: 51000 });
    await waitFor(
      async () => (await historyRows(core, store)).join() === (await recountHistory(core, store)).join(),
      30_000,
      'the history to equal the orders',
    );
    expect(await historyRows(core, store)).toEqual(await recountHistory(core, store));
    await waitFor(
      async () => samePopularity(await popularity(core, store), await recountPopularity(core, store)),
      30_000,
      'the popularity to equal the recount',
    );

    // Every lost event went out again, was reported, and is marked applied once its processors applied it.
    expect(resent).toBe(lostEvents);
    await waitFor(
      async () => {
        const rows = await core
          .em()
          .getConnection()
          .execute<{ n: number }[]>('select count(*) as n from outbox_event where store_id = ? and applied_at is null', [store.storeId]);
        return Number(rows[0]?.n) === 0;
      },
      30_000,
      'every event to be marked applied',
    );
  });
});

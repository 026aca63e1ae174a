import type { Menu } from '@hiorder/core/catalog';
import { sqlOf } from '@hiorder/core/db';
import { outboxBacklog, EVENT_PROCESSORS, ProcessedEvent, eventsSince } from '@hiorder/core/outbox';
import { bullmqPublisher } from '@hiorder/core/outbox/bullmq';
import { buildStore, pairTablet, type StoreFixture, createTestCore, type TestCore } from '@hiorder/core/testing';
import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorker } from './event-worker';
import { placeAndPay, recountToday, todaysTotals } from './testing/paid-orders';
import { ensureRedisRunning, stopRedis, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from './testing/redis';

describe('events through BullMQ', () => {
  const prefix = uniqueQueuePrefix('events');
  const logger = pino({ level: 'silent' });
  let core: TestCore;
  let store: StoreFixture;
  let tablet: string;
  let worker: Worker;
  let bulgogi: string;

  beforeAll(async () => {
    await ensureRedisRunning();
    core = await createTestCore({ redisUrl: TEST_REDIS_URL, queuePrefix: prefix });
    store = await buildStore(core, { bulgogi: { price: 15000, stock: 100 }, cola: { price: 2000, course: 'other' } });
    bulgogi = (store.menus.bulgogi as Menu).id;
    tablet = await pairTablet(core, store, store.tableIds[0] as string);
    worker = createEventWorker({
      orm: core.orm,
      redisUrl: TEST_REDIS_URL,
      prefix,
      concurrency: 4,
      processors: EVENT_PROCESSORS,
      logger,
    });
  });
  afterAll(async () => {
    await ensureRedisRunning();
    await worker?.close();
    await core?.close();
  });

  const statsMatchRecount = async () => {
    const [totals, recount] = await Promise.all([todaysTotals(core, store), recountToday(core, store)]);
    return totals.orders === recount.orders && totals.gross === recount.gross && recount.orders > 0 ? { totals, recount } : null;
  };

  it('applies paid orders from the queue: the statistics equal a recount from the orders table', async () => {
    await placeAndPay(core, tablet, [{ menuId: bulgogi, qty: 2 }]);
    await placeAndPay(core, tablet, [{ menuId: bulgogi, qty: 1 }]);
    await core.relay.flush();
    const { totals } = await waitFor(statsMatchRecount, 20_000, 'statistics to match the recount');
    expect(totals).toMatchObject({ orders: 2, gross: 45000 });
  });

  it('publishing the same events twice changes nothing, also once their jobs are gone from Redis', async () => {
    const before = await todaysTotals(core, store);
    const events = (await eventsSince(sqlOf(core.em()), store.storeId, 0, 1000)).events;
    const publisher = bullmqPublisher({ redisUrl: TEST_REDIS_URL, prefix, logger });
    try {
      // Same job ids while the jobs are kept: BullMQ ignores them; other cuts of the same events are applied once.
      await publisher.publish(events);
      // A batch of events every processor already applied, as a job Redis never saw: it runs and applies nothing.
      const paid = events.filter((e) => e.type === 'order.paid');
      expect(paid).toHaveLength(2);
      await publisher.publish(paid);
      const jobId = `${paid[0]?.id}_${paid[1]?.id}_2`;
      const rerun = await waitFor(
        async () => {
          const job = await publisher.queue.getJob(jobId);
          return job?.finishedOn ? job : null;
        },
        20_000,
        'the re-published batch to finish',
      );
      expect(rerun.returnvalue).toEqual({ applied: [] });
    } finally {
      await publisher.close();
    }
    expect(await todaysTotals(core, store)).toEqual(before);
    expect(await core.em().count(ProcessedEvent, { consumer: 'stats' })).toBe(2);
  });

  it('keeps taking and paying orders with Redis stopped; the events wait in the outbox and are all applied once Redis is back', async () => {
    stopRedis();
    try {
      // Placements and payments never touch Redis.
      for (let i = 0; i < 3; i++) await placeAndPay(core, tablet, [{ menuId: bulgogi, qty: 1 }]);
      // The live side (sockets) still goes out; the durable side (BullMQ) waits in the outbox.
      await core.relay.flush();
      expect((await outboxBacklog(sqlOf(core.em()))).count).toBeGreaterThan(0);
      const waiting = await core
        .em()
        .getConnection()
        .execute<{ live: number; durable: number }[]>(
          'select sum(case when published_at is null then 1 else 0 end) as live, sum(case when forwarded_at is null then 1 else 0 end) as durable from outbox_event',
        );
      expect(Number(waiting[0]?.live)).toBe(0);
      expect(Number(waiting[0]?.durable)).toBeGreaterThan(0);
      expect((await recountToday(core, store)).orders).toBe(5);
      expect((await todaysTotals(core, store)).orders).toBe(2);
    } finally {
      await ensureRedisRunning();
    }
    // The relay's poll retries on its own; the worker reconnects on its own.
    await waitFor(async () => (await outboxBacklog(sqlOf(core.em()))).count === 0, 30_000, 'the outbox to drain');
    const { totals } = await waitFor(
      async () => {
        const match = await statsMatchRecount();
        return match && match.totals.orders === 5 ? match : null;
      },
      30_000,
      'statistics to catch up',
    );
    expect(totals).toMatchObject({ orders: 5, gross: 90000 });
    expect(await core.em().count(ProcessedEvent, { consumer: 'stats' })).toBe(5);
  });
});

import type { DomainEvent } from '@hiorder/domain/events/domain-events';
import type { Menu } from '@hiorder/core/catalog';
import { sqlOf, type SqlSession } from '@hiorder/core/db';
import {
  type EventProcessor,
  EVENTS_QUEUE,
  eventFailureCount,
  eventFailuresOf,
  redisOptions,
  EVENT_PROCESSORS,
} from '@hiorder/core/outbox';
import { buildStore, createTestCore, pairTablet, type StoreFixture, type TestCore } from '@hiorder/core/testing';
import { Queue, type Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorker } from './event-worker';
import { placeAndPay, recountToday, todaysTotals } from './testing/paid-orders';
import { historyRows, recountHistory } from './testing/read-models';
import { ensureRedisRunning, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from './testing/redis';

/**
 * A poison event (its processor throws on it every time) must not block its batch or the later ones: after
 * `maxAttempts` tries it is set aside in `event_failure`, the rest is applied, bull-board shows the job failed, and
 * the reads behind `/metrics` and the ops route count and list it (their HTTP side: `server/src/ops/event-failures.test.ts`).
 */
describe('a poison event', () => {
  const prefix = uniqueQueuePrefix('poison');
  let core: TestCore;
  let store: StoreFixture;
  let worker: Worker | null = null;
  let queue: Queue | null = null;

  beforeAll(async () => {
    await ensureRedisRunning();
    core = await createTestCore({ redisUrl: TEST_REDIS_URL, queuePrefix: prefix, redeliverAfterMs: 1000 });
    store = await buildStore(core, { bulgogi: { price: 15000, stock: 100 }, cola: { price: 2000, course: 'other' } });
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await core?.close();
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

  it('is set aside after its tries; the rest of its batch and later batches are applied; bull-board and the reads behind the gauge and the ops route show it', async () => {
    const tablet = await pairTablet(core, store, store.tableIds[0] as string);
    const bulgogi = (store.menus.bulgogi as Menu).id;
    const cola = (store.menus.cola as Menu).id;
    // Queued before the worker starts, so the poison order shares its batch with good ones.
    await placeAndPay(core, tablet, [{ menuId: bulgogi, qty: 2 }]);
    const poisonOrder = await placeAndPay(core, tablet, [{ menuId: cola, qty: POISON_QTY }]);
    await placeAndPay(core, tablet, [{ menuId: bulgogi, qty: 1 }]);
    await core.relay.flush();
    worker = createEventWorker({
      orm: core.orm,
      redisUrl: TEST_REDIS_URL,
      prefix,
      concurrency: 2,
      processors,
      logger: pino({ level: 'silent' }),
      maxAttempts: 2,
    });
    const failures = await waitFor(
      async () => {
        const listed = await eventFailuresOf(sqlOf(core.em()), store.storeId, 50);
        return listed.length > 0 ? listed : null;
      },
      120_000,
      'the poison event to be set aside',
    );
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ processor: 'stats', eventType: 'order.paid', attempts: 2, error: 'seven colas break the bucket' });

    // A later batch goes on, and the good orders are all counted: the recount without the poison order.
    await placeAndPay(core, tablet, [{ menuId: cola, qty: 1 }]);
    await core.relay.flush();
    const recount = await recountToday(core, store);
    expect(recount.orders).toBe(4);
    await waitFor(
      async () => {
        const totals = await todaysTotals(core, store);
        return totals.orders === 3 && totals.gross === recount.gross - POISON_QTY * 2000;
      },
      120_000,
      'the statistics to hold every order but the poison one',
    );
    // Other processors applied the poison event itself: the history has every order, the poison one included.
    await waitFor(
      async () => (await historyRows(core, store)).join() === (await recountHistory(core, store)).join(),
      60_000,
      'the history to equal the orders',
    );
    expect((await historyRows(core, store)).some((row) => row.startsWith(poisonOrder))).toBe(true);

    // Shown where operations look: bull-board's failed jobs, the gauge, and not to another store's admin.
    queue = new Queue(EVENTS_QUEUE, { connection: redisOptions(TEST_REDIS_URL), prefix });
    const failed = await queue.getFailed();
    expect(failed.some((job) => (job.failedReason ?? '').includes('set aside 1 poison event'))).toBe(true);
    expect(await eventFailureCount(sqlOf(core.em()))).toBe(1);
    const other = await buildStore(core, { rice: { price: 1000 } });
    expect(await eventFailuresOf(sqlOf(core.em()), other.storeId, 50)).toEqual([]);
    // The sweeper (1 s here) does not forward a set-aside event again: its row stays as it was.
    expect(await eventFailuresOf(sqlOf(core.em()), store.storeId, 50)).toHaveLength(1);
  }, 420_000);
});

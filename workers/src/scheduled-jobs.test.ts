import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { Menu } from '@hiorder/core/catalog';
import { redisOptions, SCHEDULED_QUEUE } from '@hiorder/core/outbox';
import { SCHEDULED_JOB_NAMES } from '@hiorder/core/scheduling';
import { Order } from '@hiorder/core/ordering';
import {
  authorizeCard,
  buildStore,
  createTestApp,
  http,
  idemKey,
  pairTablet,
  type StoreFixture,
  type TestApp,
} from '@hiorder/server/testing/test-app';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJob, scheduleRepeatableJobs } from './scheduled-jobs';
import { ensureRedisRunning, TEST_REDIS_URL, uniqueQueuePrefix } from './testing/redis';

describe('scheduled jobs', () => {
  let app: TestApp;
  let store: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    app = await createTestApp({ PAYMENT_BREAKER_FAILURES: '1000' });
    store = await buildStore(app, { bulgogi: { price: 15000, stock: 20 } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
  });
  afterAll(() => app.close());

  const stock = async () => (await app.em().findOneOrFail(Menu, { id: (store.menus.bulgogi as Menu).id })).stock;
  const place = async (qty: number) => {
    const res = await http(app, 'POST', '/api/orders', tablet, {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.bulgogi as Menu).id, qty }],
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; total: number };
  };

  it('expiry and reconciliation, each run twice at once, release every stock once', async () => {
    const deps = { orm: app.server.orm, gateway: app.server.app.deps.gateway, logger: pino({ level: 'silent' }) };
    const unpaid = [await place(2), await place(3)];
    // A payment whose answer never came: unknown, later aborted by the provider, so reconciliation fails the
    // attempt, and the order, past its reservation, expires at once.
    const hanging = await place(4);
    const paymentKey = await authorizeCard(app, hanging.id, hanging.total, SANDBOX_CARDS.timeout);
    expect((await http(app, 'POST', `/api/orders/${hanging.id}/pay`, tablet, { paymentKey })).status).toBe(202);
    expect(await stock()).toBe(20 - 9);
    await new Promise((r) => setTimeout(r, 900)); // the sandbox gives up on the hanging payment

    const later = new Date(Date.now() + 3600_000);
    const runs = await Promise.all([
      runScheduledJob('expire-orders', deps, later),
      runScheduledJob('expire-orders', deps, later),
      runScheduledJob('reconcile-payments', deps, later),
      runScheduledJob('reconcile-payments', deps, later),
    ]);
    expect((runs[0]?.expired ?? 0) + (runs[1]?.expired ?? 0)).toBe(2);
    expect(await stock()).toBe(20);
    const statuses = await app.em().find(Order, { id: { $in: [...unpaid.map((o) => o.id), hanging.id] } });
    expect(statuses.map((o) => o.status).sort()).toEqual(['expired', 'expired', 'expired']);
    // A third round finds nothing to do and leaves the stock alone.
    await runScheduledJob('expire-orders', deps, later);
    await runScheduledJob('reconcile-payments', deps, later);
    expect(await stock()).toBe(20);
  });

  it('registers one schedule per job however many workers start', async () => {
    await ensureRedisRunning();
    const prefix = uniqueQueuePrefix('sched');
    await scheduleRepeatableJobs({ redisUrl: TEST_REDIS_URL, prefix, everyMs: 15_000 });
    await scheduleRepeatableJobs({ redisUrl: TEST_REDIS_URL, prefix, everyMs: 15_000 });
    const queue = new Queue(SCHEDULED_QUEUE, { connection: redisOptions(TEST_REDIS_URL), prefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      // Exactly one scheduler per job of the one list, however many workers registered them.
      expect(schedulers.map((s) => s.name).sort()).toEqual([...SCHEDULED_JOB_NAMES].sort());
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});

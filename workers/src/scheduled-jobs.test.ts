import { OrderPaySchema, SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { Menu } from '@hiorder/core/catalog';
import { redisOptions, SCHEDULED_QUEUE } from '@hiorder/core/outbox';
import { SCHEDULED_JOB_NAMES } from '@hiorder/core/scheduling';
import { Order } from '@hiorder/core/ordering';
import { payOrder } from '@hiorder/core/payment';
import {
  buildStore,
  pairTablet,
  type StoreFixture,
  authorizeInSandbox,
  createTestCore,
  tableActorOf,
  type TestCore,
} from '@hiorder/core/testing';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScheduledJob, scheduleRepeatableJobs } from './scheduled-jobs';
import { place as placeAs } from './testing/paid-orders';
import { ensureRedisRunning, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from './testing/redis';

describe('scheduled jobs', () => {
  let core: TestCore;
  let store: StoreFixture;
  let tablet: string;

  beforeAll(async () => {
    // The sandbox's timeout card hangs 800 ms, past the 400 ms the gateway waits: the payment's answer is lost.
    core = await createTestCore({ payment: { PAYMENT_TIMEOUT_MS: '400', PAYMENT_BREAKER_FAILURES: '1000' }, sandboxHangMs: 800 });
    store = await buildStore(core, { bulgogi: { price: 15000, stock: 20 } });
    tablet = await pairTablet(core, store, store.tableIds[0] as string);
  });
  afterAll(() => core.close());

  const stock = async () => (await core.em().findOneOrFail(Menu, { id: (store.menus.bulgogi as Menu).id })).stock;
  const place = (qty: number) => placeAs(core, tablet, [{ menuId: (store.menus.bulgogi as Menu).id, qty }]);

  it('expiry and reconciliation, each run twice at once, release every stock once', async () => {
    const deps = { orm: core.orm, gateway: core.gateway, logger: pino({ level: 'silent' }) };
    const unpaid = [await place(2), await place(3)];
    // A payment whose answer never came: unknown, later aborted by the provider, so reconciliation fails the
    // attempt, and the order, past its reservation, expires at once.
    const hanging = await place(4);
    const paymentKey = await authorizeInSandbox(core.sandboxUrl, hanging.id, hanging.total, SANDBOX_CARDS.timeout);
    const pay = payOrder(
      { em: core.em(), actor: await tableActorOf(core, tablet), clock: () => new Date(), gateway: core.gateway },
      OrderPaySchema.parse({ orderId: hanging.id, paymentKey }),
    );
    // PAYMENT_PENDING: what the pay route answers as 202.
    await expect(pay).rejects.toMatchObject({ code: 'PAYMENT_PENDING' });
    expect(await stock()).toBe(20 - 9);
    // The sandbox gives up on the hanging payment (ABORTED) after its hang time: wait until it says so.
    await waitFor(
      async () => {
        const seen = await core.gateway.lookupByOrderId(hanging.id);
        return seen.kind === 'found' && seen.payment?.status === 'ABORTED';
      },
      20_000,
      'the sandbox to abort the hanging payment',
    );

    const later = new Date(Date.now() + 3600_000);
    const runs = await Promise.all([
      runScheduledJob('expire-orders', deps, later),
      runScheduledJob('expire-orders', deps, later),
      runScheduledJob('reconcile-payments', deps, later),
      runScheduledJob('reconcile-payments', deps, later),
    ]);
    expect((runs[0]?.expired ?? 0) + (runs[1]?.expired ?? 0)).toBe(2);
    expect(await stock()).toBe(20);
    const statuses = await core.em().find(Order, { id: { $in: [...unpaid.map((o) => o.id), hanging.id] } });
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

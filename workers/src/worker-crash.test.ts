import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Menu } from '@hiorder/core/catalog';
import { EVENT_PROCESSORS } from '@hiorder/core/outbox';
import { buildStore, createTestCore, pairTablet, type StoreFixture, type TestCore } from '@hiorder/core/testing';
import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorker } from './event-worker';
import { placeAndPay, recountToday, todaysTotals } from './testing/paid-orders';
import { popularity, recountPopularity, samePopularity } from './testing/read-models';
import { ensureRedisRunning, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from './testing/redis';

describe('a worker killed half-way through a batch', () => {
  const prefix = uniqueQueuePrefix('crash');
  let core: TestCore;
  let store: StoreFixture;
  let child: ChildProcess | null = null;
  let rescuer: Worker | null = null;

  beforeAll(async () => {
    await ensureRedisRunning();
    core = await createTestCore({ redisUrl: TEST_REDIS_URL, queuePrefix: prefix });
    store = await buildStore(core, { bulgogi: { price: 15000 }, cola: { price: 2000, course: 'other' } });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rescuer?.close();
    await core?.close();
  });

  /** `(processor, event)` markers of these events, per processor. */
  const markers = async (eventIds: readonly string[]): Promise<Map<string, number>> => {
    const rows = await core
      .em()
      .getConnection()
      .execute<{ consumer: string; n: number }[]>(
        `select consumer, count(*) as n from processed_event where event_id in (${eventIds.map(() => '?').join(', ')}) group by consumer`,
        [...eventIds],
      );
    return new Map(rows.map((r) => [r.consumer, Number(r.n)]));
  };

  it('is retried by another worker: the processors that committed skip it, the others apply it, every event once', async () => {
    // Queued before any worker runs, so the child's first paid batch is one the relay cut from these orders.
    const tablet = await pairTablet(core, store, store.tableIds[0] as string);
    const bulgogi = (store.menus.bulgogi as Menu).id;
    const cola = (store.menus.cola as Menu).id;
    await placeAndPay(core, tablet, [{ menuId: bulgogi, qty: 2 }]);
    await placeAndPay(core, tablet, [
      { menuId: bulgogi, qty: 1 },
      { menuId: cola, qty: 3 },
    ]);
    await placeAndPay(core, tablet, [{ menuId: cola, qty: 1 }]);
    await core.relay.flush();

    const lines: string[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'testing/slow-worker-child.ts')], {
      env: { ...process.env, DATABASE_URL: core.db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, SLOW_MS: '60000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    // Bounds against hanging only: the child compiles its TypeScript at start, slow on a loaded box.
    await waitFor(async () => lines.includes('ready'), 180_000, 'the child worker to start');
    const stalled = (
      await waitFor(async () => lines.find((l) => l.startsWith('applying ')), 120_000, 'the child to be half-way through a batch')
    )
      .slice('applying '.length)
      .split(',');

    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    // Half-way: `stats` committed its part of the batch, `recommendations` (killed mid-transaction) nothing.
    const killed = await markers(stalled);
    expect(killed.get('stats')).toBe(stalled.length);
    expect(killed.get('recommendations') ?? 0).toBe(0);

    rescuer = createEventWorker({
      orm: core.orm,
      redisUrl: TEST_REDIS_URL,
      prefix,
      concurrency: 2,
      processors: EVENT_PROCESSORS,
      logger: pino({ level: 'silent' }),
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
    });
    const handlers = (type: string) => EVENT_PROCESSORS.filter((p) => (p.handles as readonly string[]).includes(type)).map((p) => p.name);
    const allEvents = async () =>
      core
        .em()
        .getConnection()
        .execute<{ id: string; type: string }[]>('select id, type from outbox_event where store_id = ?', [store.storeId]);
    const expected = async () => {
      const counts = new Map<string, number>();
      for (const e of await allEvents()) for (const name of handlers(e.type)) counts.set(name, (counts.get(name) ?? 0) + 1);
      return counts;
    };
    const want = await expected();
    await waitFor(
      async () => {
        const have = await markers((await allEvents()).map((e) => e.id));
        return [...want].every(([name, n]) => have.get(name) === n);
      },
      60_000,
      'every processor to have applied every event (the killed job re-run)',
    );
    // Once each: one marker per (processor, event) it handles, and the read models equal a recount.
    expect(await markers((await allEvents()).map((e) => e.id))).toEqual(want);
    expect(await markers(stalled)).toEqual(new Map(handlers('order.paid').map((name) => [name, stalled.length])));
    const [totals, recount] = await Promise.all([todaysTotals(core, store), recountToday(core, store)]);
    expect(totals).toMatchObject({ orders: 3, gross: recount.gross });
    expect(recount.orders).toBe(3);
    expect(samePopularity(await popularity(core, store), await recountPopularity(core, store))).toBe(true);
  }, 420_000);
});

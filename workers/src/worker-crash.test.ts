import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Menu } from '@hiorder/core/catalog';
import { EVENT_PROCESSORS, OutboxEvent, ProcessedEvent } from '@hiorder/core/outbox';
import { buildStore, createTestApp, pairTablet, type StoreFixture, type TestApp } from '@hiorder/server/testing/test-app';
import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorker } from './event-worker';
import { placeAndPay, todaysTotals } from './testing/paid-orders';
import { ensureRedisRunning, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from './testing/redis';

describe('a worker killed in the middle of a job', () => {
  const prefix = uniqueQueuePrefix('crash');
  let app: TestApp;
  let store: StoreFixture;
  let child: ChildProcess | null = null;
  let rescuer: Worker | null = null;

  beforeAll(async () => {
    await ensureRedisRunning();
    app = await createTestApp({ REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix });
    store = await buildStore(app, { bulgogi: { price: 15000 } });
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rescuer?.close();
    await app?.close();
  });

  it('is retried by another worker after its lock expires, and applied once', async () => {
    const lines: string[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'testing/slow-worker-child.ts')], {
      env: { ...process.env, DATABASE_URL: app.db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix, SLOW_MS: '60000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    await waitFor(async () => lines.includes('ready'), 30_000, 'the child worker to start');

    const tablet = await pairTablet(app, store, store.tableIds[0] as string);
    await placeAndPay(app, tablet, [{ menuId: (store.menus.bulgogi as Menu).id, qty: 2 }]);
    await app.server.app.deps.relay.flush();
    const eventId = (await waitFor(async () => lines.find((l) => l.startsWith('applying ')), 30_000, 'the child to be mid-job')).slice(
      'applying '.length,
    );

    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    // Nothing of the killed job was committed.
    expect(await app.em().count(ProcessedEvent, { eventId })).toBe(0);
    expect((await todaysTotals(app, store)).orders).toBe(0);

    rescuer = createEventWorker({
      orm: app.server.orm,
      redisUrl: TEST_REDIS_URL,
      prefix,
      concurrency: 2,
      processors: EVENT_PROCESSORS,
      logger: pino({ level: 'silent' }),
      lockDurationMs: 1000,
      stalledIntervalMs: 500,
    });
    await waitFor(async () => (await todaysTotals(app, store)).orders === 1, 30_000, 'the stalled job to be re-run');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await todaysTotals(app, store)).toMatchObject({ orders: 1, items: 2, gross: 30000 });
    // Applied once by every processor that handles its type.
    const event = await app.em().findOneOrFail(OutboxEvent, { id: eventId });
    expect(await app.em().count(ProcessedEvent, { eventId })).toBe(
      EVENT_PROCESSORS.filter((p) => (p.handles as readonly string[]).includes(event.type)).length,
    );
  });
});

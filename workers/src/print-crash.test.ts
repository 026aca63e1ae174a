import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { PrinterCreateSchema } from '@hiorder/domain/printing/printing.schemas';
import { shortCode } from '@hiorder/domain/shared/ids';
import type { Menu } from '@hiorder/core/catalog';
import { EVENT_PROCESSORS } from '@hiorder/core/outbox';
import { escposSender, createPrinter, PrintDispatcher, PrintJob } from '@hiorder/core/printing';
import {
  buildStore,
  pairTablet,
  type StoreFixture,
  actorOfToken,
  createTestCore,
  type TestCore,
  VirtualPrinter,
} from '@hiorder/core/testing';
import type { Worker } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventWorker } from './event-worker';
import { placeAndPay } from './testing/paid-orders';
import { ensureRedisRunning, TEST_REDIS_URL, uniqueQueuePrefix, waitFor } from './testing/redis';

describe('a printing worker killed in the middle of the print queue', () => {
  const prefix = uniqueQueuePrefix('print-crash');
  let core: TestCore;
  let store: StoreFixture;
  let printer: VirtualPrinter;
  let events: Worker | null = null;
  let child: ChildProcess | null = null;
  let rescuer: PrintDispatcher | null = null;

  beforeAll(async () => {
    await ensureRedisRunning();
    // With Redis no server runs a print dispatcher: the workers print.
    core = await createTestCore({ redisUrl: TEST_REDIS_URL, queuePrefix: prefix });
    store = await buildStore(core, { 비빔밥: { price: 9000 } });
    printer = await VirtualPrinter.start();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rescuer?.stop();
    await events?.close();
    await printer?.close();
    await core?.close();
  });

  it('prints every ticket exactly once: the one it was waiting on is printed by the next worker', async () => {
    const admin = await actorOfToken(core, store.adminToken);
    const added = await createPrinter(
      { em: core.em(), actor: admin, now: new Date() },
      PrinterCreateSchema.parse({ name: '주방', host: '127.0.0.1', port: printer.port, duty: 'kitchen' }),
    );
    expect(added.duty).toBe('kitchen');
    events = createEventWorker({
      orm: core.orm,
      redisUrl: TEST_REDIS_URL,
      prefix,
      concurrency: 2,
      processors: EVENT_PROCESSORS,
      logger: pino({ level: 'silent' }),
    });
    const tablet = await pairTablet(core, store, store.tableIds[0] as string);
    const orderIds: string[] = [];
    for (let i = 1; i <= 5; i++) orderIds.push(await placeAndPay(core, tablet, [{ menuId: (store.menus['비빔밥'] as Menu).id, qty: i }]));
    await core.relay.flush();
    await waitFor(async () => (await core.em().count(PrintJob, { storeId: store.storeId })) === 5 || null, 30_000, 'five print jobs');

    // The printer answers two tickets, then keeps the third connection waiting for its status answer.
    printer.hold(2);
    const lines: string[] = [];
    child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'testing/print-dispatcher-child.ts')], {
      env: { ...process.env, DATABASE_URL: core.db.url, PRINTER_TIMEOUT_MS: '2000' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    await waitFor(async () => printer.asked === 3 || null, 30_000, 'the child to be waiting on the third ticket');
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    expect(printer.prints).toHaveLength(2);
    expect((await core.em().find(PrintJob, { storeId: store.storeId })).filter((j) => j.status === 'sending')).toHaveLength(1);

    // Another worker takes over once the dead one's claim runs out, and finishes the queue in order.
    printer.release();
    rescuer = new PrintDispatcher(core.orm, {
      send: escposSender(1000),
      printerTimeoutMs: 1000,
      retryMs: 50,
      pollMs: 100,
      logger: pino({ level: 'silent' }),
    });
    rescuer.start();
    await waitFor(
      async () => ((await core.em().count(PrintJob, { storeId: store.storeId, status: 'printed' })) === 5 ? true : null),
      30_000,
      'every job printed',
    );
    await new Promise((r) => setTimeout(r, 500));

    const tickets = printer.tickets();
    expect(tickets).toHaveLength(5);
    const jobs = await core.em().find(PrintJob, { storeId: store.storeId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    // The queue's order is the jobs' order (two event workers may queue order 5 before order 4), so each
    // ticket is checked against the job in its place, not against the order in which the orders were paid.
    const qtyOfJob = jobs.map((j) => orderIds.indexOf(j.orderId as string) + 1);
    expect([...qtyOfJob].sort()).toEqual([1, 2, 3, 4, 5]);
    tickets.forEach((ticket, i) => expect(ticket).toContain(`${qtyOfJob[i]} x 비빔밥`));
    for (const [i, orderId] of orderIds.entries()) {
      const code = shortCode(orderId);
      expect(
        tickets.filter((t) => t.includes(`#${code}`)),
        `order ${i + 1}`,
      ).toHaveLength(1);
    }
    // The job taken over can't know whether its bytes had left: it says so on paper and on the board.
    expect(jobs.map((j) => j.maybeDuplicate)).toEqual([false, false, true, false, false]);
    expect(tickets[2]).toContain('재전송');
  });
});

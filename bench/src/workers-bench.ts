/**
 * Workers benchmark: (1) events per second through BullMQ, publish → applied by the workers (both processors,
 * through applyOnce, on the chosen database); (2) the lag from an order's payment answer to the staff socket's
 * `stats:updated`, p50/p99; (3) the process's peak RSS (server, relay and worker share it). Runs on each database of
 * `BENCH_DATABASES` (default `sqlite,postgres`) and prints a table. Needs Redis on 127.0.0.1:6379 and PostgreSQL
 * at 127.0.0.1:5432. `npx -y pnpm@10 bench:workers` from the repo root, or `tsx src/workers-bench.ts [events] [orders]`
 * in bench/. Jobs carry up to 250 events (the relay's batching), published in passes of 500 as the relay does.
 * Imports by path so the bench package needs no dependency of its own.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { DomainEvent } from '../../domain/src/events/domain-events';
import { newId } from '../../domain/src/shared/ids';
import type { Menu } from '@hiorder/core/catalog';
import { bullmqPublisher } from '@hiorder/core/outbox/bullmq';
import { EVENT_PROCESSORS, ProcessedEvent } from '@hiorder/core/outbox';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import {
  authorizeCard,
  buildStore,
  createTestApp,
  http,
  idemKey,
  openSocket,
  pairTablet,
  type TestApp,
} from '@hiorder/server/testing/test-app';
import { createEventWorker } from '@hiorder/workers/event-worker';
import { createLogger } from '@hiorder/core/logger';

const EVENTS = Number(process.argv[2] ?? 5000);
const ORDERS = Number(process.argv[3] ?? 50);
/** Places and pays an order over the server's HTTP API and the sandbox, as a tablet does (the push lag is the server's). */
async function placeAndPay(app: TestApp, tablet: string, lines: { menuId: string; qty: number }[]): Promise<string> {
  const placed = await http(app, 'POST', '/api/orders', tablet, { idempotencyKey: idemKey(), lines });
  if (placed.status !== 201) throw new Error(`placement failed: ${placed.status} ${JSON.stringify(placed.body)}`);
  const paymentKey = await authorizeCard(app, placed.body.id, placed.body.total, SANDBOX_CARDS.approve);
  const paid = await http(app, 'POST', `/api/orders/${placed.body.id}/pay`, tablet, { paymentKey });
  if (paid.status !== 200) throw new Error(`payment failed: ${paid.status} ${JSON.stringify(paid.body)}`);
  return placed.body.id as string;
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger('silent');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

interface Result {
  database: string;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  peakRssMb: number;
}

async function runOn(database: string): Promise<Result> {
  process.env.TEST_DATABASE = database;
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const app = await createTestApp({ REDIS_URL, QUEUE_PREFIX: prefix, STATS_PUSH_INTERVAL_MS: '0' });
  const store = await buildStore(app, { bulgogi: { price: 15000 }, cola: { price: 2000, course: 'other' } });
  const worker = createEventWorker({
    orm: app.server.orm,
    redisUrl: REDIS_URL,
    prefix,
    concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
    processors: EVENT_PROCESSORS,
    logger,
  });
  const publisher = bullmqPublisher({ redisUrl: REDIS_URL, prefix, logger });

  // (1) Synthetic paid orders straight into the queue.
  const menu = store.menus.bulgogi as Menu;
  const events: DomainEvent[] = Array.from({ length: EVENTS }, (_, i) => {
    const orderId = newId();
    const at = new Date(Date.now() - i * 1000).toISOString();
    return {
      id: newId(),
      type: 'order.paid',
      storeId: store.storeId,
      aggregateId: orderId,
      seq: i + 1,
      occurredAt: at,
      payload: {
        order: {
          id: orderId,
          shortCode: 'BNCH',
          storeId: store.storeId,
          tableId: store.tableIds[i % 3] as string,
          tableLabel: `T${(i % 3) + 1}`,
          visitId: newId(),
          status: 'paid',
          payment: 'done',
          note: '',
          total: 15000,
          lines: [
            {
              menuId: menu.id,
              categoryId: store.categoryId,
              name: { ko: 'bulgogi', en: 'bulgogi' },
              course: 'main',
              qty: 1,
              unitPrice: 15000,
              lineTotal: 15000,
              options: [],
              note: '',
              id: newId(),
              station: 'kitchen',
              readyAt: null,
              refundedQty: 0,
            },
          ],
          createdAt: at,
          expiresAt: at,
          paidAt: at,
          paymentMethod: 'easy_pay',
          acceptedAt: null,
          servedAt: null,
          cancelledAt: null,
          cancelReason: null,
          refunded: 0,
          refunds: [],
          revision: 1,
        },
      },
    };
  });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const started = performance.now();
  for (let i = 0; i < events.length; i += 500) await publisher.publish(events.slice(i, i + 500));
  for (;;) {
    if ((await app.em().count(ProcessedEvent, { consumer: 'stats' })) >= EVENTS) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  // (2) Payment → stats push lag, one order at a time.
  const tablet = await pairTablet(app, store, store.tableIds[0] as string);
  const staff = await openSocket(app, '/staff', { token: store.staffToken });
  const lags: number[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const pushed = new Promise<number>((resolve) => staff.once('stats:updated', () => resolve(performance.now())));
    await placeAndPay(app, tablet, [{ menuId: menu.id, qty: 1 }]);
    const paidAt = performance.now();
    app.server.app.deps.relay.kick();
    lags.push((await pushed) - paidAt);
  }
  lags.sort((a, b) => a - b);
  staff.close();

  const result: Result = {
    database: app.db.kind,
    eventsPerSecond: Math.round(EVENTS / seconds),
    p50: Math.round(percentile(lags, 50)),
    p99: Math.round(percentile(lags, 99)),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
  await publisher.queue.obliterate({ force: true });
  await publisher.close();
  await worker.close();
  await app.close();
  return result;
}

const databases = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map((d) => d.trim());
const results: Result[] = [];
for (const database of databases) results.push(await runOn(database));
const load = os
  .loadavg()
  .map((l) => l.toFixed(1))
  .join(' / ');
const lines = [
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average (1/5/15 min) at the end ${load}.`,
  `${EVENTS} order.paid events through BullMQ (jobs of up to 250), every processor, worker concurrency ${process.env.WORKER_CONCURRENCY ?? 4}; ${ORDERS} orders for the lag.`,
  '',
  '| database | events/s | payment → stats:updated p50 / p99 ms | peak RSS (server + relay + worker) | goal events/s |',
  '|---|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.database} | ${r.eventsPerSecond.toLocaleString('en')} | ${r.p50} / ${r.p99} | ${r.peakRssMb} MB | ${r.database === 'sqlite' ? '≥ 5,000' : '≥ 3,000'} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(0);

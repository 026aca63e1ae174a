import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createBenchDatabase, type DatabaseKind } from './bench-database';
import { BoardWatchers } from './boards';
import { measureCeiling, type CeilingResult } from './ceiling';
import { JsonHttpClient } from './http-client';
import { sleep, type LatencySamples } from './latency';
import { describeMachine, loadAverage } from './machine';
import { OrderLedger, readCountedStock, type LedgerVerdict } from './order-ledger';
import {
  runPeerHttpPhase,
  runStormPhase,
  runTabletPhase,
  VisitCloser,
  type PeerRunResult,
  type StormResult,
  type TabletPhaseResult,
} from './phases';
import { formatReport, ms, percent, rate, type ReportRow } from './report';
import { databaseStatementsSent, randomSecret, startServerProcess, type PhaseUsage, type ServerProcess } from './server-process';
import { prepareStore } from './store-setup';
import { BenchTablet } from './tablet';

/**
 * `pnpm bench`: starts its own servers on fresh databases, drives them from 127.0.0.1 and appends a table to
 * bench/RESULTS.md. Bounded by default (about 80 s per database); every knob is an environment variable.
 */
const REPO_ROOT = resolve(import.meta.dirname, '../..');
const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};
const config = {
  databases: (process.env.BENCH_DATABASES ?? 'sqlite,postgres')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean) as DatabaseKind[],
  instances: num('BENCH_INSTANCES', 1),
  tablets: num('BENCH_TABLETS', 200),
  idleTablets: num('BENCH_IDLE_TABLETS', 1000),
  boards: num('BENCH_BOARDS', 5),
  warmupSeconds: num('BENCH_WARMUP_SECONDS', 3),
  tabletSeconds: num('BENCH_TABLET_SECONDS', 10),
  peerSeconds: num('BENCH_PEER_SECONDS', 30),
  peerConcurrency: num('BENCH_PEER_CONCURRENCY', 20),
  stormSeconds: num('BENCH_STORM_SECONDS', 5),
  stormFactor: num('BENCH_STORM_FACTOR', 5),
  stormMaxRate: num('BENCH_STORM_MAX_RATE', 12_000),
  stormGraceSeconds: num('BENCH_STORM_GRACE_SECONDS', 60),
  ceilingSeconds: num('BENCH_CEILING_SECONDS', 5),
  declineShare: num('BENCH_DECLINE_SHARE', 0.1),
  ordersPerVisit: num('BENCH_ORDERS_PER_VISIT', 5),
  // false: no menu counts its stock, so no order waits on a dish's row lock (to show what that lock costs).
  countedStock: process.env.BENCH_COUNTED_STOCK !== 'false',
  pgAdminUrl: process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  redisUrl: process.env.REDIS_URL,
  cpuProfileDir: process.env.BENCH_CPU_PROFILE_DIR,
  resultsFile: process.env.BENCH_RESULTS_FILE ?? resolve(REPO_ROOT, 'bench/RESULTS.md'),
  write: process.env.BENCH_WRITE !== 'false',
};
for (const kind of config.databases) if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`BENCH_DATABASES: unknown ${kind}`);
if (config.instances > 1 && !config.redisUrl)
  throw new Error('BENCH_INSTANCES > 1 needs REDIS_URL (Socket.IO adapter and relay across instances)');

interface RunResult {
  label: string;
  idleRssMb: number;
  tabletPhase: TabletPhaseResult;
  tabletUsage: ServersUsage;
  placedBoard: { samples: LatencySamples; missed: number };
  paidBoard: { samples: LatencySamples; missed: number };
  peer: PeerRunResult;
  peerUsage: ServersUsage;
  /** Statements the server sent on the database during the HTTP run (placements, their auth, relay, visit closes). */
  peerStatements: number;
  storm: StormResult;
  stormUsage: ServersUsage;
  verdict: LedgerVerdict;
  closer: VisitCloser;
  ceiling: CeilingResult;
}

/** The first instance's CPU share and RSS (what the rows always showed), and the CPU time of every instance. */
interface ServersUsage {
  cpuPercent: number;
  peakRssMb: number;
  allCpuSeconds: number;
}

/** Starts a phase on every server; the returned function ends it. */
function startPhase(servers: readonly ServerProcess[]): () => ServersUsage {
  for (const server of servers) server.markPhase();
  return () => {
    const usages = servers.map((s) => s.phaseUsage());
    const first = usages[0] as PhaseUsage;
    return { cpuPercent: first.cpuPercent, peakRssMb: first.peakRssMb, allCpuSeconds: usages.reduce((sum, u) => sum + u.cpuSeconds, 0) };
  };
}

function log(message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function connectTablets(urls: readonly string[], tablets: Parameters<typeof BenchTablet.connect>[1][]): Promise<BenchTablet[]> {
  const connected: BenchTablet[] = [];
  for (let i = 0; i < tablets.length; i += 50) {
    connected.push(
      ...(await Promise.all(tablets.slice(i, i + 50).map((t, j) => BenchTablet.connect(urls[(i + j) % urls.length] as string, t)))),
    );
  }
  return connected;
}

async function runOne(kind: DatabaseKind): Promise<RunResult> {
  const label = `${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}${config.instances > 1 ? ` × ${config.instances} servers` : ''}`;
  log(`${label}: fresh database, starting the server`);
  const db = await createBenchDatabase(kind, config.pgAdminUrl);
  const servers: ServerProcess[] = [];
  const adminPassword = `bench-${randomSecret().slice(0, 16)}`;
  const jwtSecret = randomSecret();
  const queuePrefix = `hiorder-bench-${randomSecret().slice(0, 8)}`;
  try {
    // Several instances share the first one's sandbox provider (SANDBOX_URL), as they would share Toss: a
    // paymentKey authorised there must be confirmable through any instance.
    let sharedSandboxUrl: string | null = null;
    for (let i = 0; i < config.instances; i++) {
      if (config.cpuProfileDir) mkdirSync(config.cpuProfileDir, { recursive: true });
      const sandboxEnv: Record<string, string> = sharedSandboxUrl ? { SANDBOX_URL: sharedSandboxUrl } : {};
      servers.push(
        await startServerProcess({
          serverDir: resolve(REPO_ROOT, 'server'),
          databaseUrl: db.url,
          adminPassword,
          jwtSecret,
          seed: i === 0,
          ...(config.cpuProfileDir ? { cpuProfileDir: config.cpuProfileDir } : {}),
          extraEnv: {
            ...sandboxEnv,
            ...(config.redisUrl && config.instances > 1 ? { REDIS_URL: config.redisUrl, QUEUE_PREFIX: queuePrefix } : {}),
          },
        }),
      );
      if (i === 0 && config.instances > 1) {
        const configClient = new JsonHttpClient((servers[0] as ServerProcess).url, 1);
        const payment = await configClient.expectOk<{ sandboxUrl: string | null }>('GET', '/api/payment/config');
        configClient.close();
        sharedSandboxUrl = payment.sandboxUrl?.replace('localhost', '127.0.0.1') ?? null;
      }
    }
    const main = servers[0] as ServerProcess;
    const urls = servers.map((s) => s.url);
    const pairedCount = Math.max(config.tablets, config.idleTablets);
    log(`${label}: pairing ${pairedCount} tablets on ${config.tablets} tables`);
    const store = await prepareStore(main.url, {
      adminPassword,
      tables: config.tablets,
      tablets: pairedCount,
      stock: config.countedStock ? 1_000_000 : null,
    });
    const initialStock = await readCountedStock(db);

    log(`${label}: connecting ${pairedCount} tablets (idle RSS)`);
    const all = await connectTablets(urls, store.tablets);
    await sleep(3000);
    const idleRssMb = Math.max(...servers.map((s) => (s.markPhase(), s.phaseUsage().rssMb)));
    const tablets = all.slice(0, config.tablets);
    for (const extra of all.slice(config.tablets)) extra.close();

    const boards = await BoardWatchers.connect(main.url, store.adminToken, config.boards);
    const api = new JsonHttpClient(main.url, 32);
    const closer = new VisitCloser(api, store.adminToken, config.ordersPerVisit);
    const ledger = new OrderLedger();

    log(`${label}: warm-up ${config.warmupSeconds} s`);
    await runTabletPhase({ tablets, store, ledger, closer, durationMs: config.warmupSeconds * 1000, declineShare: config.declineShare });

    log(`${label}: ${config.tablets} tablets placing and paying for ${config.tabletSeconds} s`);
    const endTabletPhase = startPhase(servers);
    boards.track(true);
    const tabletPhase = await runTabletPhase({
      tablets,
      store,
      ledger,
      closer,
      durationMs: config.tabletSeconds * 1000,
      declineShare: config.declineShare,
    });
    const tabletUsage = endTabletPhase();

    log(`${label}: peer-shaped HTTP run, concurrency ${config.peerConcurrency}, ${config.peerSeconds} s`);
    const endPeerPhase = startPhase(servers);
    const statementsBeforePeer = await databaseStatementsSent(main.url);
    const peer = await runPeerHttpPhase({
      baseUrl: main.url,
      tablets: store.tablets,
      store,
      ledger,
      closer,
      concurrency: config.peerConcurrency,
      durationMs: config.peerSeconds * 1000,
    });
    const peerUsage = endPeerPhase();
    const peerStatements = (await databaseStatementsSent(main.url)) - statementsBeforePeer;

    const sustainable = tabletPhase.placed / tabletPhase.seconds;
    const stormRate = Math.min(config.stormMaxRate, Math.max(1, sustainable * config.stormFactor));
    log(
      `${label}: storm at ${Math.round(stormRate)} placements/s (${config.stormFactor} × ${Math.round(sustainable)}) for ${config.stormSeconds} s`,
    );
    const endStormPhase = startPhase(servers);
    const storm = await runStormPhase({
      tablets,
      store,
      ledger,
      closer,
      ratePerSecond: stormRate,
      durationMs: config.stormSeconds * 1000,
      graceMs: config.stormGraceSeconds * 1000,
    });
    const stormUsage = endStormPhase();

    // The boards kept listening through the HTTP run and the storm: a push that lags behind its ack by seconds
    // (an outbox relay falling behind) is measured as that lag, and only a push that never came counts as missed.
    await sleep(2000);
    boards.track(false);
    const placedBoard = boards.pushLatency(tabletPhase.ackClock, 'order.placed');
    const paidBoard = boards.pushLatency(tabletPhase.ackClock, 'order.paid');
    for (const tablet of tablets) tablet.close();
    boards.close();
    api.close();
    log(`${label}: stopping the server, checking the ledger against the database`);
    for (const server of servers) await server.stop();
    const verdict = await ledger.verify(db, initialStock);
    log(`${label}: ceiling, the order transaction alone for ${config.ceilingSeconds} s`);
    const ceiling = await measureCeiling(kind, db.url, config.ceilingSeconds * 1000);
    return {
      label,
      idleRssMb,
      tabletPhase,
      tabletUsage,
      placedBoard,
      paidBoard,
      peer,
      peerUsage,
      peerStatements,
      storm,
      stormUsage,
      verdict,
      closer,
      ceiling,
    };
  } finally {
    for (const server of servers) await server.stop();
    await db.drop();
    if (config.instances > 1 && config.redisUrl) dropRedisKeys(config.redisUrl, queuePrefix);
  }
}

/**
 * With several instances the servers hand events to BullMQ under a prefix of this run; no workers consume them in
 * the bench, so the run's keys are deleted afterwards to leave Redis as it was.
 */
function dropRedisKeys(redisUrl: string, prefix: string): void {
  try {
    const keys = execFileSync('redis-cli', ['-u', redisUrl, '--scan', '--pattern', `${prefix}*`], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    for (let i = 0; i < keys.length; i += 500) execFileSync('redis-cli', ['-u', redisUrl, 'del', ...keys.slice(i, i + 500)]);
  } catch (err) {
    log(`could not delete the Redis keys ${prefix}*: ${String(err)}`);
  }
}

function rows(results: readonly RunResult[]): ReportRow[] {
  const row = (metric: string, target: string, value: (r: RunResult) => string): ReportRow => ({
    metric,
    target,
    values: results.map(value),
  });
  const perS = (n: number, s: number) => n / s;
  return [
    row('tablets / staff boards', '200 / K', () => `${config.tablets} / ${config.boards}`),
    row('placed orders/s (placement + payment loop)', '≥ 1,500 PG, ≥ 2,500 SQLite', (r) =>
      rate(perS(r.tabletPhase.placed, r.tabletPhase.seconds)),
    ),
    row('paid orders/s', '', (r) => rate(perS(r.tabletPhase.paid, r.tabletPhase.seconds))),
    row(
      'placement tap→ack p50 / p95 / p99 ms',
      'p99 ≤ 50',
      (r) =>
        `${ms(r.tabletPhase.placement.tapToAck.quantile(0.5))} / ${ms(r.tabletPhase.placement.tapToAck.quantile(0.95))} / ${ms(r.tabletPhase.placement.tapToAck.quantile(0.99))}`,
    ),
    row(
      'payment (confirm) p50 / p95 / p99 ms',
      '',
      (r) =>
        `${ms(r.tabletPhase.payment.tapToAck.quantile(0.5))} / ${ms(r.tabletPhase.payment.tapToAck.quantile(0.95))} / ${ms(r.tabletPhase.payment.tapToAck.quantile(0.99))}`,
    ),
    row(
      'push placement-ack → board p50 / p99 ms',
      '',
      (r) => `${ms(r.placedBoard.samples.quantile(0.5))} / ${ms(r.placedBoard.samples.quantile(0.99))}`,
    ),
    row(
      'push payment-ack → board p50 / p99 ms',
      'p99 ≤ 100',
      (r) => `${ms(r.paidBoard.samples.quantile(0.5))} / ${ms(r.paidBoard.samples.quantile(0.99))}`,
    ),
    row('board pushes missed', '0', (r) => String(r.placedBoard.missed + r.paidBoard.missed)),
    row(
      'BUSY replies / errors (tablet phase)',
      '',
      (r) => `${r.tabletPhase.placement.busy} / ${r.tabletPhase.placement.errorCount + r.tabletPhase.payment.errorCount}${errorList(r)}`,
    ),
    row('visits closed by staff / close failures', '— / 0', (r) => `${r.closer.closed} / ${r.closer.failed}`),
    row('declined payments', `≈ ${Math.round(config.declineShare * 100)} %`, (r) => `${r.tabletPhase.declined}`),
    row(
      'server CPU / peak RSS (tablet phase)',
      '',
      (r) => `${r.tabletUsage.cpuPercent.toFixed(0)} % / ${r.tabletUsage.peakRssMb.toFixed(0)} MB`,
    ),
    row(
      `server RSS, ${Math.max(config.tablets, config.idleTablets)} tablets connected`,
      '≤ 150 MB (1,000)',
      (r) => `${r.idleRssMb.toFixed(0)} MB`,
    ),
    row(`HTTP POST /api/orders, c=${config.peerConcurrency}, ${config.peerSeconds} s: orders/s`, '≥ 1,100', (r) =>
      rate(r.peer.ok / r.peer.seconds),
    ),
    row(
      'HTTP run availability (2xx / all)',
      '100 %',
      (r) => `${percent((r.peer.ok / Math.max(1, r.peer.requests)) * 100)} (${r.peer.requests - r.peer.ok} not 2xx${nonOkList(r.peer)})`,
    ),
    row('HTTP run p50 / p99 ms', '', (r) => `${ms(r.peer.latency.quantile(0.5))} / ${ms(r.peer.latency.quantile(0.99))}`),
    row(
      'server CPU per placed order, ms: tablet loop / HTTP run',
      '≤ 0.5 SQLite, ≤ 0.7 PostgreSQL',
      (r) => `${cpuMsPerOrder(r.tabletUsage, r.tabletPhase.placed)} / ${cpuMsPerOrder(r.peerUsage, r.peer.ok)}`,
    ),
    row('database statements (round trips) per placement, HTTP run, relay and visit closes included', '≤ 3 in the transaction (PG)', (r) =>
      r.peer.ok > 0 ? (r.peerStatements / r.peer.ok).toFixed(1) : '—',
    ),
    row('server CPU / peak RSS (HTTP run)', '', (r) => `${r.peerUsage.cpuPercent.toFixed(0)} % / ${r.peerUsage.peakRssMb.toFixed(0)} MB`),
    row(
      'ceiling: order transaction alone, orders/s (p99 ms)',
      '',
      (r) => `${rate(r.ceiling.ordersPerSecond)} (${ms(r.ceiling.p99Ms)}), ${r.ceiling.connections} conn`,
    ),
    row(
      'share of ceiling: tablet loop / HTTP run',
      '≥ 50 %',
      (r) =>
        `${percent((perS(r.tabletPhase.placed, r.tabletPhase.seconds) / r.ceiling.ordersPerSecond) * 100)} / ${percent((r.peer.ok / r.peer.seconds / r.ceiling.ordersPerSecond) * 100)}`,
    ),
    row(
      'storm: asked / offered placements/s',
      `${config.stormFactor} × sustainable`,
      (r) => `${rate(r.storm.targetPerSecond)} / ${rate(r.storm.offeredPerSecond)}`,
    ),
    row(
      'storm: every reply p50 / p99 / max ms',
      'p99 ≤ 100',
      (r) =>
        `${ms(r.storm.placement.replies.quantile(0.5))} / ${ms(r.storm.placement.replies.quantile(0.99))} / ${ms(r.storm.placement.replies.max)}`,
    ),
    row(
      'storm: guests / acked / BUSY replies / gave up',
      'gave up 0',
      (r) => `${r.storm.guests} / ${r.storm.acked} / ${r.storm.placement.busy} / ${r.storm.gaveUp}`,
    ),
    row('storm: tap→ack p99 ms (BUSY waits included)', '', (r) => ms(r.storm.placement.tapToAck.quantile(0.99))),
    row('server CPU / peak RSS (storm)', '', (r) => `${r.stormUsage.cpuPercent.toFixed(0)} % / ${r.stormUsage.peakRssMb.toFixed(0)} MB`),
    row('orders in database / acked keys', '', (r) => `${r.verdict.ordersInDb} / ${r.verdict.acked}`),
    row('**lost** (acked, not in database)', '**0**', (r) => `**${r.verdict.lost}**`),
    row('**doubled** (one key, two orders)', '**0**', (r) => `**${r.verdict.doubled}**`),
    row('orders without an ack / keys never acked', '0 / 0', (r) => `${r.verdict.withoutAck} / ${r.verdict.neverAcked}`),
    row(
      'stock + sold ≠ initial (menus) / payment mismatches',
      '0 / 0',
      (r) => `${r.verdict.stockMismatches} / ${r.verdict.paymentMismatches}`,
    ),
  ];
}

/** Every server process's CPU time in the phase over the orders it placed (database backends not included). */
function cpuMsPerOrder(usage: ServersUsage, orders: number): string {
  return orders > 0 ? ((usage.allCpuSeconds * 1000) / orders).toFixed(2) : '—';
}

function errorList(r: RunResult): string {
  const all = new Map<string, number>();
  for (const stats of [r.tabletPhase.placement, r.tabletPhase.payment])
    for (const [code, n] of stats.errors) all.set(code, (all.get(code) ?? 0) + n);
  return all.size ? ` (${[...all].map(([c, n]) => `${c} ${n}`).join(', ')})` : '';
}

function nonOkList(peer: PeerRunResult): string {
  const parts = [...peer.nonOk].map(([status, n]) => `${status}: ${n}`);
  if (peer.socketErrors) parts.push(`socket errors: ${peer.socketErrors}`);
  return parts.length ? `; ${parts.join(', ')}` : '';
}

const startedAt = new Date();
const machine = describeMachine(REPO_ROOT);
const loadBefore = loadAverage();
const results: RunResult[] = [];
for (const kind of config.databases) results.push(await runOne(kind));
const report = formatReport({
  startedAt,
  machine,
  loadBefore,
  loadAfter: loadAverage(),
  columns: results.map((r) => r.label),
  rows: rows(results),
  settings: `${config.tablets} tablets (${Math.round(config.declineShare * 100)} % declining cards, visit closed every ${config.ordersPerVisit} orders), ${config.boards} boards, warm-up ${config.warmupSeconds} s, tablet loop ${config.tabletSeconds} s, HTTP run c=${config.peerConcurrency} ${config.peerSeconds} s, storm ${config.stormFactor}× for ${config.stormSeconds} s, ceiling ${config.ceilingSeconds} s${config.countedStock ? '' : ', no menu counting its stock'}; load generator, server(s) and database on the same ${machine.nproc} cores.`,
  notes: [],
});
process.stdout.write(`\n${report}\n`);
if (config.write) {
  if (!existsSync(config.resultsFile))
    writeFileSync(config.resultsFile, '# hiorder bench results\n\nAppended by `pnpm bench` (bench/src/bench.ts). Newest last.\n\n');
  appendFileSync(config.resultsFile, `${report}\n`);
  log(`appended to ${config.resultsFile}`);
}
const failed = results.some((r) => r.verdict.lost > 0 || r.verdict.doubled > 0 || r.verdict.stockMismatches > 0);
process.exit(failed ? 1 : 0);

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createBenchDatabase, type DatabaseKind } from './bench-database';
import { JsonHttpClient } from './http-client';
import { LatencySamples } from './latency';
import { idempotencyKey } from './phases';
import { databaseStatementsSent, randomSecret, startServerProcess } from './server-process';
import { prepareStore, randomCart, type PairedTablet } from './store-setup';

/**
 * `tsx src/profile-placement.ts [sqlite|postgres] [orders]`: one client placing orders one after another over
 * HTTP against a server started with `--cpu-prof` (event-loop guard off), then `profile-summary.ts` on the
 * profile it leaves in /tmp/hiorder-profile-<db>. Sequential on purpose: it shows what one placement costs the
 * server in CPU and round trips (statements sent, from `/metrics`), without queueing in the figures.
 */
const kind = (process.argv[2] ?? 'sqlite') as DatabaseKind;
const orders = Number(process.argv[3] ?? 800);
const profileDir = `/tmp/hiorder-profile-${kind}`;
mkdirSync(profileDir, { recursive: true });
const db = await createBenchDatabase(kind, process.env.PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const adminPassword = `bench-${randomSecret().slice(0, 16)}`;
const server = await startServerProcess({
  serverDir: resolve(import.meta.dirname, '../../server'),
  databaseUrl: db.url,
  adminPassword,
  jwtSecret: randomSecret(),
  seed: true,
  cpuProfileDir: profileDir,
  extraEnv: { ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '60000', SQL_TIMINGS: process.env.SQL_TIMINGS ?? '0' },
});
try {
  const store = await prepareStore(server.url, { adminPassword, tables: 4, tablets: 4, stock: 1_000_000 });
  const client = new JsonHttpClient(server.url, 4);
  const statementsBefore = await databaseStatementsSent(server.url);
  server.markPhase();
  const latency = new LatencySamples();
  const started = performance.now();
  for (let i = 0; i < orders; i++) {
    const tablet = store.tablets[i % store.tablets.length] as PairedTablet;
    const sent = performance.now();
    const reply = await client.send('POST', '/api/orders', {
      token: tablet.deviceToken,
      body: { idempotencyKey: idempotencyKey(), lines: randomCart(store, 3) },
    });
    latency.add(performance.now() - sent);
    if (reply.status !== 201) throw new Error(`placement answered ${reply.status}`);
    if (i % 5 === 4)
      await client.send('POST', `/api/tables/${tablet.tableId}/close-visit`, { token: store.adminToken, body: { force: true } });
  }
  const seconds = (performance.now() - started) / 1000;
  const usage = server.phaseUsage();
  // Everything the server sent while placing: the placements, their auth and relay bookkeeping, and the visit closes.
  const statements = (await databaseStatementsSent(server.url)) - statementsBefore;
  process.stdout.write(
    `${kind}: ${orders} sequential placements, ${(orders / seconds).toFixed(0)}/s, p50 ${latency.quantile(0.5).toFixed(1)} ms, p99 ${latency.quantile(0.99).toFixed(1)} ms, ` +
      `server CPU ${usage.cpuPercent.toFixed(0)} % (${(((usage.cpuPercent / 100) * seconds * 1000) / orders).toFixed(1)} ms CPU per placement), RSS ${usage.rssMb.toFixed(0)} MB, ` +
      `${(statements / orders).toFixed(1)} database statements (round trips) per placement, relay and visit closes included\n` +
      `profile written to ${profileDir} when the server exits\n`,
  );
  client.close();
} finally {
  await server.stop();
  await db.drop();
}

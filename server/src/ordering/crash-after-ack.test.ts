import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@hiorder/core/testing/test-database';

/**
 * I5: an acknowledged order survives a crash right after the ack. The server runs as a real child process on a
 * real database; it is killed with SIGKILL the moment the ack arrives, then started again.
 */
const SERVER_DIR = resolve(import.meta.dirname, '../..');

function start(db: TestDatabase, dataDir: string, port: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: dataDir, PORT: String(port), SANDBOX_PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'true', SEED_ADMIN_PASSWORD: 'crash-test-pw', LOG_LEVEL: 'silent', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Pairing code')) resolveStart({ child, url: `http://127.0.0.1:${port}` });
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out.slice(-2000)}`)));
  });
}

async function json(url: string, init: RequestInit & { token?: string; body?: string } = {}): Promise<any> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) } });
  return res.json();
}

describe('an acknowledged order survives kill -9 right after the ack (I5)', () => {
  let db: TestDatabase;
  let child: ChildProcess | null = null;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await db?.drop();
  });

  it('finds every acked order after the restart', { timeout: 180_000 }, async () => {
    db = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'hiorder-crash-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    let server = await start(db, dataDir, port);
    child = server.child;
    const session = await json(`${server.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'crash-test-pw' }) });
    const tables = await json(`${server.url}/api/tables`, { token: session.accessToken });
    const code = await json(`${server.url}/api/pairing-codes`, { method: 'POST', token: session.accessToken, body: JSON.stringify({ role: 'table', tableId: tables[0].id }) });
    const device = await json(`${server.url}/api/devices/pair`, { method: 'POST', body: JSON.stringify({ code: code.code }) });
    const catalog = await json(`${server.url}/api/catalog`, { token: device.deviceToken });
    const drink = catalog.catalog.menus.find((m: { course: string; stock: number | null }) => m.course === 'other' && m.stock === null);

    const acked: string[] = [];
    // Fire a stream of placements; kill the server the instant the 5th ack arrives.
    await new Promise<void>((done) => {
      let killed = false;
      for (let i = 0; i < 20; i++) {
        void fetch(`${server.url}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${device.deviceToken}` },
          body: JSON.stringify({ idempotencyKey: `crash-${i}-abcdef`, lines: [{ menuId: drink.id, qty: 1 }] }),
        })
          .then(async (res) => {
            if (res.status === 201 && !killed) {
              acked.push(((await res.json()) as { id: string }).id);
              if (acked.length >= 5) {
                killed = true;
                server.child.kill('SIGKILL');
                done();
              }
            }
          })
          .catch(() => undefined);
      }
      setTimeout(done, 15_000);
    });
    await new Promise((r) => server.child.once('exit', r));
    expect(acked.length).toBeGreaterThanOrEqual(5);

    server = await start(db, dataDir, port);
    child = server.child;
    const after = await json(`${server.url}/api/orders`, { token: device.deviceToken });
    const ids = new Set(after.map((o: { id: string }) => o.id));
    for (const id of acked) expect(ids.has(id)).toBe(true);
    // Every acked placement left its event in the outbox too, so the board will see it.
    const staffSession = await json(`${server.url}/api/auth/login`, { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'crash-test-pw' }) });
    // The dead process's relay lease has to run out first (a few seconds) before the new one publishes.
    let placed = new Set<string>();
    for (let i = 0; i < 60 && !acked.every((id) => placed.has(id)); i++) {
      await new Promise((r) => setTimeout(r, 250));
      const events = await json(`${server.url}/api/events?since=0`, { token: staffSession.accessToken });
      placed = new Set(events.events.filter((e: { type: string }) => e.type === 'order.placed').map((e: { aggregateId: string }) => e.aggregateId));
    }
    for (const id of acked) expect(placed.has(id)).toBe(true);
    server.child.kill('SIGTERM');
  });
});

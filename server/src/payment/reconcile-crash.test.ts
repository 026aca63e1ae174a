import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Menu } from '@hiorder/core/catalog';
import { Order } from '@hiorder/core/ordering';
import { buildStore, createTestApp, idemKey, pairTablet, type StoreFixture, type TestApp } from '../testing/test-app';
import { Payment, SandboxProvider } from '@hiorder/core/payment';

/**
 * A server killed with SIGKILL in the middle of the payment saga is healed by reconciliation on the next start
 * (issue 11 item 2): once after the provider charged but before our commit (the provider says DONE), once after
 * our `confirming` commit but before the provider did anything (it says READY: the confirm is sent again with
 * the same key). The server is a real child process on the test's database; the provider is a sandbox in this
 * process, so the test can kill the server at the exact step.
 */
const SERVER_DIR = resolve(import.meta.dirname, '../..');
const SECRET = 'test_sk_crash';

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolveStart, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s: ${out.slice(-2000)}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /Tablet app\s+(http:\/\/\S+?)\/tablet\//.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolveStart({ child, url: url.replace('localhost', '127.0.0.1') });
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited ${code}: ${out.slice(-2000)}`));
    });
  });
}

describe('a server killed between the confirm and its commit (kill -9)', () => {
  let app: TestApp;
  let sandbox: SandboxProvider;
  let store: StoreFixture;
  let tablet: string;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    sandbox = new SandboxProvider({ secretKey: SECRET });
    const sandboxUrl = await sandbox.listen(0);
    const jwtSecret = randomBytes(32).toString('hex');
    // The in-process app only builds the fixtures and reads the database; the child servers do the saga.
    app = await createTestApp({ SANDBOX_URL: sandboxUrl, SANDBOX_SECRET_KEY: SECRET, JWT_SECRET: jwtSecret });
    store = await buildStore(app, { bulgogi: { price: 15000, stock: 10 } });
    tablet = await pairTablet(app, store, store.tableIds[0] as string);
    env = {
      DATABASE_URL: app.db.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'hiorder-paycrash-')),
      JWT_SECRET: jwtSecret,
      SANDBOX_URL: sandboxUrl,
      SANDBOX_SECRET_KEY: SECRET,
      PAYMENT_TIMEOUT_MS: '10000',
      MIGRATE_ON_START: 'false',
    };
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await sandbox?.close();
    await app?.close();
  });

  const api = async (url: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${tablet}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as { id: string; total: number } };
  };
  const authorize = async (orderId: string, amount: number) => {
    const res = await fetch(`${sandboxUrlOf()}/v1/sandbox/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orderId, amount, cardNumber: SANDBOX_CARDS.approve }),
    });
    return ((await res.json()) as { paymentKey: string }).paymentKey;
  };
  const sandboxUrlOf = () => env.SANDBOX_URL as string;

  /** Places an order on a fresh child and pays it; the sandbox kills the child at `stage` of the confirm. */
  const payAndDie = async (stage: 'received' | 'approved') => {
    const server = await startChild(env);
    children.push(server.child);
    const placed = await api(server.url, '/api/orders', {
      idempotencyKey: idemKey(),
      lines: [{ menuId: (store.menus.bulgogi as Menu).id, qty: 1 }],
    });
    expect(placed.status).toBe(201);
    const paymentKey = await authorize(placed.body.id, placed.body.total);
    const exited = new Promise((r) => server.child.once('exit', r));
    sandbox.onConfirm = (_key, at) => {
      if (at !== stage) return undefined;
      server.child.kill('SIGKILL');
      return 'drop';
    };
    await api(server.url, `/api/orders/${placed.body.id}/pay`, { paymentKey }).catch(() => undefined);
    await exited;
    sandbox.onConfirm = null;
    return { orderId: placed.body.id, paymentKey };
  };

  it('settles both as paid after the restart, each confirmed once at the provider (I4)', { timeout: 180_000 }, async () => {
    const charged = await payAndDie('approved');
    const untouched = await payAndDie('received');
    const statusOf = async (id: string) => (await app.em().findOneOrFail(Order, { id }, { refresh: true })).status;
    expect(await statusOf(charged.orderId)).toBe('pending_payment');
    expect(await statusOf(untouched.orderId)).toBe('pending_payment');
    expect((await app.em().findOneOrFail(Payment, { order: charged.orderId })).status).toBe('confirming');
    const provider = (key: string) => sandbox.allPayments().find((p) => p.paymentKey === key)?.status;
    expect(provider(charged.paymentKey)).toBe('DONE');
    expect(provider(untouched.paymentKey)).toBe('READY');

    const server = await startChild({ ...env, RECONCILE_STALE_AFTER_MS: '0', SCHEDULER_INTERVAL_MS: '200' });
    children.push(server.child);
    let statuses: string[] = [];
    for (let i = 0; i < 100; i++) {
      statuses = [await statusOf(charged.orderId), await statusOf(untouched.orderId)];
      if (statuses.every((s) => s === 'paid')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(statuses, 'both orders paid by reconciliation within 20 s').toEqual(['paid', 'paid']);
    expect(provider(untouched.paymentKey)).toBe('DONE');
    expect(sandbox.confirmCalls.get(charged.paymentKey)).toBe(1);
    expect(sandbox.confirmCalls.get(untouched.paymentKey)).toBe(1);
    for (const id of [charged.orderId, untouched.orderId])
      expect((await app.em().findOneOrFail(Payment, { order: id }, { refresh: true })).status).toBe('done');
    expect((await app.em().findOneOrFail(Menu, { id: (store.menus.bulgogi as Menu).id }, { refresh: true })).stock).toBe(8);
    server.child.kill('SIGTERM');
  });
});

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CatalogSyncDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { DeviceSessionDto, PairingCodeDto, SessionDto, TableDto } from '@hiorder/domain/identity/identity.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { PaymentConfigDto } from '@hiorder/domain/payment/payment.schemas';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import { chromium, type Browser } from 'playwright-core';

const ADMIN_APP = resolve(import.meta.dirname, '..');
const REPO = resolve(ADMIN_APP, '..');

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

export interface RunningServer {
  url: string;
  adminPassword: string;
  /** The demo staff account (role staff), when the server printed it. */
  staff: { username: string; password: string } | null;
  output: () => string;
  stop: () => Promise<void>;
}

/** Builds the admin app once per run (the server serves admin-app/dist at /admin/ and /kitchen/). */
export function buildAdminApp(): void {
  if (process.env.HIORDER_E2E_SKIP_BUILD === 'true' && existsSync(join(ADMIN_APP, 'dist/index.html'))) return;
  const result = spawnSync(join(ADMIN_APP, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], { cwd: ADMIN_APP, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('vite build failed');
}

/** Starts the real server (server/src/main.ts) on a fresh SQLite file with the demo seed and test hooks. */
export async function startServer(): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'hiorder-admin-e2e-'));
  const port = await freePort();
  const sandboxPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const child: ChildProcess = spawn(join(REPO, 'server/node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: join(REPO, 'server'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      SANDBOX_PORT: String(sandboxPort),
      DATABASE_URL: `sqlite://${join(dir, 'e2e.db')}`,
      DATA_DIR: dir,
      SEED_DEMO: 'true',
      TEST_HOOKS: 'true',
      LOG_LEVEL: 'warn',
      // Admission control is not what these tests are about; a busy 2-core CI box must not answer BUSY.
      ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${out}`);
    const healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    const password = process.env.HIORDER_ADMIN_PASSWORD ?? /Demo admin:.*?password "([^"]+)"/.exec(out)?.[1];
    if (healthy && password) {
      const staff = /Demo staff:\s+username "([^"]+)", password "([^"]+)"/.exec(out);
      return {
        url,
        adminPassword: password,
        staff: staff?.[1] && staff[2] ? { username: staff[1], password: staff[2] } : null,
        output: () => out,
        stop: async () => {
          child.kill('SIGTERM');
          await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
          if (child.exitCode === null) child.kill('SIGKILL');
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready (healthy=${healthy}, password found=${Boolean(password)}):\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A small typed HTTP client for the test's own calls (a tablet, the admin API). */
export class Http {
  constructor(
    readonly base: string,
    private readonly token: string | null = null,
  ) {}

  with(token: string): Http {
    return new Http(this.base, token);
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(path.startsWith('http') ? path : `${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    // The server's answer, typed by the caller (these are the server's presented DTOs).
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call<T>(method, path, body);
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }
}

export async function loginAdmin(server: RunningServer): Promise<Http> {
  const http = new Http(server.url);
  const session = await http.ok<SessionDto>('POST', '/api/auth/login', { username: 'admin', password: server.adminPassword });
  return http.with(session.accessToken);
}

export async function pairTable(admin: Http, tableId: string): Promise<Http> {
  const code = await admin.ok<PairingCodeDto>('POST', '/api/pairing-codes', { role: 'table', tableId });
  const device = await new Http(admin.base).ok<DeviceSessionDto>('POST', '/api/devices/pair', { code: code.code, deviceName: 'e2e tablet' });
  return admin.with(device.deviceToken);
}

export async function kitchenCode(admin: Http): Promise<string> {
  return (await admin.ok<PairingCodeDto>('POST', '/api/pairing-codes', { role: 'kitchen', name: 'e2e kitchen' })).code;
}

export async function firstTable(admin: Http): Promise<TableDto> {
  const tables = await admin.ok<TableDto[]>('GET', '/api/tables');
  const table = [...tables].sort((a, b) => a.position - b.position)[0];
  if (!table) throw new Error('the demo seed has no table');
  return table;
}

export async function catalogOf(tablet: Http): Promise<Extract<CatalogSyncDto, { changed: true }>['catalog']> {
  const sync = await tablet.ok<CatalogSyncDto>('GET', '/api/catalog');
  if (!sync.changed) throw new Error('catalog not sent');
  return sync.catalog;
}

let keyCounter = 0;

/** What a tablet does: place an order, authorise the card with the sandbox, confirm the payment. */
export async function placeAndPay(tablet: Http, lines: { menuId: string; qty: number }[], note?: string): Promise<OrderDto> {
  keyCounter += 1;
  const input = { idempotencyKey: `e2e-${Date.now()}-${keyCounter}`, lines, ...(note ? { note } : {}) };
  // As the tablet does: on BUSY keep the order and send it again with the same key after retryAfterMs.
  let placed = await tablet.call<OrderDto | { error: { code: string; details?: { retryAfterMs?: number } } }>('POST', '/api/orders', input);
  for (let attempt = 0; placed.status === 503 && attempt < 20; attempt += 1) {
    const wait = 'error' in placed.body ? (placed.body.error.details?.retryAfterMs ?? 500) : 500;
    await new Promise((r) => setTimeout(r, wait));
    placed = await tablet.call('POST', '/api/orders', input);
  }
  if (placed.status >= 300 || 'error' in placed.body) throw new Error(`POST /api/orders → ${placed.status} ${JSON.stringify(placed.body)}`);
  const order = placed.body;
  const config = await tablet.ok<PaymentConfigDto>('GET', '/api/payment/config');
  if (!config.sandboxUrl) throw new Error('the e2e needs the sandbox provider');
  const { paymentKey } = await new Http(tablet.base).ok<{ paymentKey: string }>('POST', `${config.sandboxUrl}/v1/sandbox/authorize`, {
    orderId: order.id,
    amount: order.total,
    orderName: 'e2e',
    cardNumber: SANDBOX_CARDS.approve,
  });
  const paid = await tablet.ok<OrderDto>('POST', `/api/orders/${order.id}/pay`, { paymentKey });
  if (paid.status !== 'paid') throw new Error(`order not paid: ${paid.status}`);
  return paid;
}

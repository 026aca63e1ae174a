import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CatalogSyncDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { DeviceSessionDto, PairingCodeDto, SessionDto, TableDto } from '@hiorder/domain/identity/identity.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { PaymentConfigDto } from '@hiorder/domain/payment/payment.schemas';
import { SANDBOX_CARDS } from '@hiorder/domain/payment/payment.schemas';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AXE_TAGS, axeVerdict } from '../../server/src/testing/axe-verdict';
import { CHROMIUM_LAUNCH, startE2eServer, type E2eServer } from '../../server/src/testing/e2e-server';

const ADMIN_APP = resolve(import.meta.dirname, '..');
const TABLET_APP = resolve(import.meta.dirname, '../../tablet-app');

export type RunningServer = E2eServer;

/** Builds the admin app once per run (the server serves admin-app/dist at /admin/ and /kitchen/). */
export function buildAdminApp(): void {
  if (process.env.HIORDER_E2E_SKIP_BUILD === 'true' && existsSync(join(ADMIN_APP, 'dist/index.html'))) return;
  const result = spawnSync(join(ADMIN_APP, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: ADMIN_APP,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('vite build failed');
}

/** Builds the tablet app (served at /tablet/) for the tests that pair a tablet in the browser. */
export function buildTabletApp(): void {
  if (process.env.HIORDER_E2E_SKIP_BUILD === 'true' && existsSync(join(TABLET_APP, 'dist/index.html'))) return;
  const res = spawnSync(process.execPath, [join(TABLET_APP, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: TABLET_APP,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error('tablet vite build failed');
}

/** Starts the real server (server/src/main.ts) on a fresh SQLite file with the demo seed and test hooks. */
export function startServer(): Promise<RunningServer> {
  // Admission control is not what these tests are about; a busy 2-core CI box must not answer BUSY.
  return startE2eServer({ name: 'admin', env: { ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '5000' } });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH);
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
    const res = await fetch(path.startsWith('http') ? path : `${this.base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
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
  const device = await new Http(admin.base).ok<DeviceSessionDto>('POST', '/api/devices/pair', {
    code: code.code,
    deviceName: 'e2e tablet',
  });
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
export async function placeAndPay(
  tablet: Http,
  lines: { menuId: string; qty: number; options?: string[]; note?: string }[],
  note?: string,
): Promise<OrderDto> {
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

/** axe-core on what the page shows now: no critical or serious violation (moderate ones are printed). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  axeVerdict(await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze(), `admin ${screen}`);
}

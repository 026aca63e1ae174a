import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { CatalogDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';

const APP_DIR = resolve(import.meta.dirname, '..');
const REPO = resolve(APP_DIR, '..');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? ok(addr.port) : fail(new Error('no port'))));
    });
  });
}

export interface TestServer {
  base: string;
  adminPassword: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Builds the tablet app (the server serves `tablet-app/dist`) unless E2E_SKIP_BUILD=1. */
export function buildTabletApp(): void {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const res = spawnSync(process.execPath, [join(APP_DIR, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: APP_DIR,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error('vite build failed');
}

/**
 * Starts the real server (`server/src/main.ts`) on a fresh SQLite file with the demo store and the test hooks,
 * and reads the admin password it prints. `E2E_BASE_URL` + `E2E_ADMIN_PASSWORD` use a running server instead.
 */
export async function startServer(): Promise<TestServer> {
  if (process.env.E2E_BASE_URL && process.env.E2E_ADMIN_PASSWORD) {
    return { base: process.env.E2E_BASE_URL, adminPassword: process.env.E2E_ADMIN_PASSWORD, output: () => '', stop: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'hiorder-tablet-e2e-'));
  const port = await freePort();
  const sandboxPort = await freePort();
  let out = '';
  const child: ChildProcess = spawn(join(REPO, 'server/node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: join(REPO, 'server'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      DATABASE_URL: `sqlite://${join(dir, 'e2e.db')}`,
      DATA_DIR: dir,
      SEED_DEMO: 'true',
      TEST_HOOKS: 'true',
      // Long enough for the busy screen to be seen (and photographed).
      ADMISSION_RETRY_AFTER_MS: '4000',
      PAYMENT_TIMEOUT_MS: '2000',
      // Two provider timeouts in a row open the circuit (the provider-trouble test), for long enough to see it.
      PAYMENT_BREAKER_FAILURES: '2',
      PAYMENT_BREAKER_HALF_OPEN_MS: '60000',
      // No reconciliation during the run: its lookups of the first timed-out payment succeed (the sandbox only
      // hangs that card's confirm) and reset the breaker's count between the test's two timeouts, by timing.
      SCHEDULER_INTERVAL_MS: '3600000',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  let password: string | null = null;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /healthz:\n${out}`);
    }
    password ??= findPassword(out);
    const healthy = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (healthy && password) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    base,
    adminPassword: password,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            r(null);
          }, 5000);
          child.once('exit', () => {
            clearTimeout(t);
            r(null);
          });
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The admin password as the server prints it: a plain line or a pino JSON field. */
export function findPassword(out: string): string | null {
  const printed = /Demo admin:.*password "([^"]+)"/.exec(out);
  if (printed?.[1]) return printed[1];
  for (const line of out.split('\n')) {
    if (!/password/i.test(line)) continue;
    try {
      const json = JSON.parse(line) as Record<string, unknown>;
      for (const key of ['adminPassword', 'password']) if (typeof json[key] === 'string') return json[key];
      const msg = typeof json.msg === 'string' ? json.msg : '';
      const m = /password[^:=]*[:=]\s*"?([^\s",]+)/i.exec(msg);
      if (m?.[1]) return m[1];
    } catch {
      // a plain line
    }
    const m = /password[^:=]*[:=]\s*"?([^\s",]+)/i.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
    if (m?.[1]) return m[1];
  }
  return null;
}

/** The staff side of the tests, through the HTTP API of docs/API.md. */
export class StaffApi {
  private token = '';
  constructor(readonly base: string) {}

  async login(password: string): Promise<void> {
    const res = await this.call<{ accessToken: string }>('POST', '/api/auth/login', { username: 'admin', password }, false);
    this.token = res.accessToken;
  }

  async call<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
    const res = await fetch(this.base + path, {
      method,
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  async tableId(label: string): Promise<string> {
    const tables = await this.call<{ id: string; label: string }[]>('GET', '/api/tables');
    const found = tables.find((t) => t.label === label);
    if (found) return found.id;
    return (await this.call<{ id: string }>('POST', '/api/tables', { label })).id;
  }

  async pairingUrl(label: string): Promise<string> {
    const tableId = await this.tableId(label);
    const code = await this.call<{ code: string }>('POST', '/api/pairing-codes', { role: 'table', tableId });
    return `${this.base}/tablet/?pair=${code.code}`;
  }

  async catalog(): Promise<CatalogDto> {
    return this.call<CatalogDto>('GET', '/api/admin/catalog');
  }

  async menu(id: string): Promise<MenuDto> {
    const found = (await this.catalog()).menus.find((m) => m.id === id);
    if (!found) throw new Error(`menu ${id} not found`);
    return found;
  }

  async ordersOfTable(label: string): Promise<OrderDto[]> {
    const tableId = await this.tableId(label);
    return this.call<OrderDto[]>('GET', `/api/orders?tableId=${tableId}`);
  }
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export type Size = { width: number; height: number };
export const LANDSCAPE: Size = { width: 1024, height: 768 };
export const PORTRAIT: Size = { width: 800, height: 1280 };

export async function newTablet(browser: Browser, size: Size = LANDSCAPE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, hasTouch: true, locale: 'ko-KR' });
  const page = await context.newPage();
  return { context, page };
}

/** Opens the pairing URL and waits for the menu. */
export async function pair(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.menu-card').first().waitFor({ timeout: 30_000 });
}

/** Waits until the service worker controls the page (first load: after it activates and claims). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

export async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms, last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export const SCREENSHOTS = resolve(REPO, 'docs/screenshots');

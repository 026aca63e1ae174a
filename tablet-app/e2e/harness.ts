import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { CatalogDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import AxeBuilder from '@axe-core/playwright';
import { AXE_TAGS, axeVerdict } from '../../server/src/testing/axe-verdict';
import { CHROMIUM_LAUNCH, startE2eServer } from '../../server/src/testing/e2e-server';

const APP_DIR = resolve(import.meta.dirname, '..');
const REPO = resolve(APP_DIR, '..');

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
  const server = await startE2eServer({
    name: 'tablet',
    env: {
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
  });
  return { base: server.url, adminPassword: server.adminPassword, output: server.output, stop: server.stop };
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

  /** A multipart upload (photos, event images) with the staff token. */
  async upload<T>(path: string, form: FormData): Promise<T> {
    const res = await fetch(this.base + path, { method: 'POST', headers: { authorization: `Bearer ${this.token}` }, body: form });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${text}`);
    return JSON.parse(text) as T;
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
  return chromium.launch(CHROMIUM_LAUNCH);
}

export type Size = { width: number; height: number };
export const LANDSCAPE: Size = { width: 1024, height: 768 };
export const PORTRAIT: Size = { width: 800, height: 1280 };
export const DESKTOP: Size = { width: 1440, height: 900 };

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

/** axe-core on what the page shows now: no critical or serious violation (moderate ones are printed). */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  axeVerdict(await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze(), `tablet ${screen}`);
}

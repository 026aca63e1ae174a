import type { CategoryDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PairingCodeDto, TableDto } from '@hiorder/domain/identity/identity.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTabletApp } from '../../tablet-app/e2e/harness';
import {
  buildAdminApp,
  firstTable,
  kitchenCode,
  launchBrowser,
  loginAdmin,
  pairTable,
  placeAndPay,
  startServer,
  type Http,
  type RunningServer,
} from './harness';

let server: RunningServer;
let browser: Browser;
let admin: Http;
let tablet: Http;
let kitchenContext: BrowserContext;
let kitchen: Page;
let food: { menuId: string; qty: number }[];
let twoStations: { menuId: string; qty: number }[];

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const tileOf = (id: string) => `[data-testid=kitchen-tile][data-order-id="${id}"]`;

async function chooseStation(page: Page, name: '전체' | '주방' | '바'): Promise<void> {
  await page.getByRole('group', { name: '조리 위치' }).getByRole('button', { name, exact: true }).click();
}

async function openKitchen(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/kitchen/?pair=${await kitchenCode(admin)}`);
  await page.waitForSelector('[data-testid=link-status][data-status=live]');
  return page;
}

describe('kitchen display against a real server', () => {
  beforeAll(async () => {
    buildAdminApp();
    // The guest's side of line progress is read on the real tablet app.
    buildTabletApp();
    server = await startServer();
    browser = await launchBrowser();
    admin = await loginAdmin(server);
    tablet = await pairTable(admin, (await firstTable(admin)).id);
    // The test's own menu, one category per station (never the demo seed's).
    const grill = await admin.ok<CategoryDto>('POST', '/api/categories', { name: { ko: 'e2e 구이', en: 'e2e grill' }, station: 'kitchen' });
    const bar = await admin.ok<CategoryDto>('POST', '/api/categories', { name: { ko: 'e2e 음료', en: 'e2e drinks' }, station: 'bar' });
    const menu = (categoryId: string, ko: string, course: 'main' | 'other') =>
      admin.ok<MenuDto>('POST', '/api/menus', { categoryId, name: { ko, en: ko }, price: 10000, course });
    const galbi = await menu(grill.id, '양념갈비', 'main');
    const pajeon = await menu(grill.id, '해물파전', 'main');
    const soju = await menu(bar.id, '소주', 'other');
    food = [{ menuId: galbi.id, qty: 1 }];
    twoStations = [
      { menuId: galbi.id, qty: 2 },
      { menuId: pajeon.id, qty: 1 },
      { menuId: soju.id, qty: 2 },
    ];
    kitchenContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' });
    kitchen = await openKitchen(kitchenContext);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('bumps a paid order nobody accepted: served, and the tablet sees it', async () => {
    const order = await placeAndPay(tablet, food);
    await kitchen.waitForSelector(tileOf(order.id), { timeout: 5000 });
    await kitchen.click(`${tileOf(order.id)} .bump`);
    await kitchen.waitForSelector(tileOf(order.id), { state: 'detached', timeout: 5000 });
    const seen = await tablet.ok<OrderDto>('GET', `/api/orders/${order.id}`);
    expect(seen.status).toBe('served');
    expect(seen.acceptedAt).not.toBeNull();
  });

  it('brings a bumped tile back with the recall list (undo)', async () => {
    await chooseStation(kitchen, '전체');
    const order = await placeAndPay(tablet, food);
    await kitchen.waitForSelector(tileOf(order.id), { timeout: 5000 });
    await kitchen.click(`${tileOf(order.id)} .bump`);
    await kitchen.waitForSelector(tileOf(order.id), { state: 'detached', timeout: 5000 });

    await kitchen.click('[data-testid=recall-open]');
    await kitchen.click(`[data-testid=recall-item][data-order-id="${order.id}"] button`);
    await kitchen.waitForSelector(tileOf(order.id), { timeout: 5000 });
    expect(await kitchen.locator(`${tileOf(order.id)} [data-testid=tile-line]`).getAttribute('data-ready')).toBe('false');
    const recalled = await tablet.ok<OrderDto>('GET', `/api/orders/${order.id}`);
    expect(recalled.status).toBe('accepted');
    await kitchen.click('[data-testid=recall-open]');

    // Served again, for good.
    await kitchen.click(`${tileOf(order.id)} .bump`);
    await kitchen.waitForSelector(tileOf(order.id), { state: 'detached', timeout: 5000 });
  });

  it('shows on the tile why a bump failed', async () => {
    // A display that lost its push connection still shows an order staff cancelled meanwhile: its bump fails
    // on the server and the cook must read why. The WebSocket is cut in the browser; the server is real.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR' });
    try {
      const cutOff = await openKitchen(context);
      const order = await placeAndPay(tablet, food);
      await cutOff.waitForSelector(tileOf(order.id), { timeout: 5000 });
      await cutOff.routeWebSocket(/socket\.io/, () => undefined);
      await cutOff.reload();
      await cutOff.waitForSelector(tileOf(order.id), { timeout: 5000 });
      await admin.ok('POST', `/api/orders/${order.id}/cancel`, { reason: 'e2e: out of stock' });
      await cutOff.click(`${tileOf(order.id)} .bump`);
      const error = await cutOff.waitForSelector(`${tileOf(order.id)} [data-testid=tile-error]`, { timeout: 5000 });
      expect(await error.innerText()).toContain('INVALID_STATE');
      expect(await error.innerText()).toContain('cancelled');
    } finally {
      await context.close();
    }
  });

  it('bumps the bar’s lines on the bar view: the kitchen keeps its lines, the tablet shows 1 of 3 ready', async () => {
    // A table of its own, with the guest's tablet open in the browser and a second device ordering for it.
    const table = await admin.ok<TableDto>('POST', '/api/tables', { label: 'E2E-7' });
    const code = await admin.ok<PairingCodeDto>('POST', '/api/pairing-codes', { role: 'table', tableId: table.id });
    const guestContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'ko-KR', hasTouch: true });
    try {
      const guest = await guestContext.newPage();
      await guest.goto(`${server.url}/tablet/?pair=${code.code}`);
      await guest.locator('.menu-card').first().waitFor({ timeout: 30_000 });
      const sameTable = await pairTable(admin, table.id);
      const order = await placeAndPay(sameTable, twoStations, '파전 바삭하게');

      await chooseStation(kitchen, '전체');
      await kitchen.waitForSelector(tileOf(order.id), { timeout: 5000 });
      expect(await kitchen.locator(`${tileOf(order.id)} [data-testid=tile-line]`).count()).toBe(3);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await kitchen.screenshot({ path: `${SCREENSHOTS}/kitchen-two-stations.png` });

      await chooseStation(kitchen, '바');
      expect(await kitchen.locator(`${tileOf(order.id)} [data-testid=tile-line]`).allInnerTexts()).toEqual([
        expect.stringContaining('소주'),
      ]);
      await kitchen.click(`${tileOf(order.id)} .bump`);
      await kitchen.waitForSelector(tileOf(order.id), { state: 'detached', timeout: 5000 });

      await chooseStation(kitchen, '주방');
      await kitchen.waitForSelector(tileOf(order.id), { timeout: 5000 });
      const kitchenLines = kitchen.locator(`${tileOf(order.id)} [data-testid=tile-line]`);
      expect(await kitchenLines.count()).toBe(2);
      expect(await kitchenLines.evaluateAll((lines) => lines.map((l) => l.getAttribute('data-ready')))).toEqual(['false', 'false']);

      await guest.getByRole('button', { name: '주문 내역' }).click();
      const progress = guest.locator(`[data-order-id="${order.id}"] [data-testid=order-progress]`);
      await progress.waitFor({ timeout: 10_000 });
      expect(await progress.innerText()).toBe('3개 중 1개 준비 완료');
      expect(await guest.locator(`[data-order-id="${order.id}"]`).getAttribute('data-status')).toBe('accepted');
      // The sheet slides in: photograph it once its animations are done.
      await guest.locator('.orders-sheet').evaluate((sheet) => Promise.all(sheet.ownerDocument.getAnimations().map((a) => a.finished)));
      await guest.screenshot({ path: `${SCREENSHOTS}/tablet-partial-progress.png` });

      // The kitchen finishes its part: now the order is served, for the guest too.
      await kitchen.click(`${tileOf(order.id)} .bump`);
      await kitchen.waitForSelector(tileOf(order.id), { state: 'detached', timeout: 5000 });
      await guest.waitForSelector(`[data-order-id="${order.id}"][data-status=served]`, { timeout: 10_000 });
    } finally {
      await guestContext.close();
    }
  });
});

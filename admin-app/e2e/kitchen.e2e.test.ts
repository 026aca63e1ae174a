import type { CategoryDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminApp, firstTable, Http, kitchenCode, launchBrowser, loginAdmin, pairTable, placeAndPay, startServer, type RunningServer } from './harness';

let server: RunningServer;
let browser: Browser;
let admin: Http;
let tablet: Http;
let kitchenContext: BrowserContext;
let kitchen: Page;
let food: { menuId: string; qty: number }[];
let drinks: { menuId: string; qty: number }[];
let twoStations: { menuId: string; qty: number }[];

const tileOf = (id: string) => `[data-testid=kitchen-tile][data-order-id="${id}"]`;

async function openKitchen(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}/kitchen/?pair=${await kitchenCode(admin)}`);
  await page.waitForSelector('[data-testid=link-status][data-status=live]');
  return page;
}

describe('kitchen display against a real server', () => {
  beforeAll(async () => {
    buildAdminApp();
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
    drinks = [{ menuId: soju.id, qty: 2 }];
    twoStations = [{ menuId: galbi.id, qty: 2 }, { menuId: pajeon.id, qty: 1 }, { menuId: soju.id, qty: 2 }];
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
});

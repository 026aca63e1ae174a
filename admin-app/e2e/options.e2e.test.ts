import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PairingCodeDto, TableDto } from '@hiorder/domain/identity/identity.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTabletApp } from '../../tablet-app/e2e/harness';
import { buildAdminApp, launchBrowser, loginAdmin, startServer, type Http, type RunningServer } from './harness';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

let server: RunningServer;
let browser: Browser;
let admin: Http;

async function until<T>(probe: () => Promise<T | null | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/admin/`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', server.adminPassword);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=link-status][data-status=live]');
}

/**
 * Menu options end to end in Chromium: the owner makes a dish with a required option group in the admin app, a
 * guest chooses an option and writes a request on the tablet, and the board and the kitchen display show both.
 */
describe('menu options and labels from the menu editor to the kitchen', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    buildAdminApp();
    buildTabletApp();
    server = await startServer();
    browser = await launchBrowser();
    admin = await loginAdmin(server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a dish with a required group in the admin, orders it with an option on a tablet, and shows it on the board and the kitchen', async () => {
    const adminContext = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'ko-KR' });
    const board = await adminContext.newPage();
    await signIn(board);
    await board.goto(`${server.url}/admin/catalog`);
    await board.click('[data-testid=new-category]');
    await board.fill('input[name=categoryKo]', '분식');
    await board.fill('input[name=categoryEn]', 'Street food');
    await board.click('[data-testid=save-category]');
    await board.waitForSelector('[data-testid=category-item].on >> text=분식');

    await board.click('[data-testid=new-menu]');
    await board.fill('input[name=nameKo]', '떡볶이');
    await board.fill('input[name=nameEn]', 'Tteokbokki');
    await board.fill('input[name=price]', '14000');
    await board.fill('input[name=origin]', '떡: 쌀 국내산, 고춧가루: 국내산');
    await board.selectOption('select[name=spicy]', '2');
    await board.check('input[name=allergen-wheat]');
    await board.check('input[name=allergen-soybean]');
    await board.check('input[name=isNew]');
    await board.click('[data-testid=new-option-group]');
    await board.fill('input[name=groupNameKo]', '맵기');
    await board.fill('input[name=groupNameEn]', 'Spiciness');
    await board.fill('input[name=minChoices]', '1');
    await board.fill('input[name=maxChoices]', '1');
    await board.fill('input[name=optionKo-0]', '순한맛');
    await board.fill('input[name=optionEn-0]', 'Mild');
    await board.fill('input[name=optionKo-1]', '매운맛');
    await board.fill('input[name=optionEn-1]', 'Hot');
    await board.fill('input[name=optionPrice-1]', '500');
    await board.click('[data-testid=save-option-group]');
    await board.waitForSelector('.option-group-list >> text=맵기');
    await board.screenshot({ path: join(SCREENSHOTS, 'admin-menu-options.png') });
    await board.click('[data-testid=save-menu]');
    await board.waitForSelector('[data-testid=menu-card] >> text=떡볶이');

    const tables = await admin.ok<TableDto[]>('GET', '/api/tables');
    const table = [...tables].sort((a, b) => a.position - b.position)[0] as TableDto;
    const code = await admin.ok<PairingCodeDto>('POST', '/api/pairing-codes', { role: 'table', tableId: table.id });
    const tabletContext = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      deviceScaleFactor: 1,
      hasTouch: true,
      locale: 'ko-KR',
    });
    const tablet = await tabletContext.newPage();
    await tablet.goto(`${server.url}/tablet/?pair=${code.code}`);
    await tablet.locator('.menu-card').first().waitFor({ timeout: 30_000 });
    await tablet.getByRole('tab', { name: '분식', exact: true }).click();
    const card = tablet.locator('.menu-card', { hasText: '떡볶이' });
    // A dish with options opens its sheet from "+" too: the choice is made there.
    await card.locator('.menu-card-add').click();
    const sheet = tablet.locator('.detail-sheet');
    await sheet.waitFor();
    await expect.poll(() => sheet.locator('.option-problem').innerText()).toContain('맵기');
    // Labels set in the editor: origin and allergens in the sheet, new and spiciness as badges.
    expect(await sheet.locator('.detail-labels').innerText()).toMatch(/떡: 쌀 국내산[\s\S]*밀, 대두|떡: 쌀 국내산[\s\S]*대두, 밀/);
    expect(await sheet.locator('.badge-new').count()).toBe(1);
    expect(await sheet.locator('.badge-spicy').innerText()).toBe('맵기 2단계');
    expect(await sheet.locator('.btn-primary').isDisabled()).toBe(true);
    await sheet.getByRole('button', { name: /매운맛/ }).click();
    await sheet.locator('.line-note input').fill('덜 맵게 해주세요');
    await tablet.waitForTimeout(200);
    await tablet.screenshot({ path: join(SCREENSHOTS, 'tablet-option-picker-ko.png') });
    await sheet.locator('.btn-primary').click();
    await expect.poll(() => tablet.locator('.cart-line-options').first().innerText()).toContain('매운맛');

    const kitchen = await adminContext.newPage();
    const kitchenCode = await admin.ok<PairingCodeDto>('POST', '/api/pairing-codes', { role: 'kitchen', name: 'e2e kitchen' });
    await kitchen.goto(`${server.url}/kitchen/?pair=${kitchenCode.code}`);
    await kitchen.waitForSelector('[data-testid=link-status][data-status=live]');
    await board.goto(`${server.url}/admin/board`);
    await board.waitForSelector('[data-testid=link-status][data-status=live]');

    const button = tablet.locator('.cart-foot .btn-primary:visible');
    if ((await button.count()) === 0) await tablet.getByTestId('cart-bar').click();
    await button.click();
    await tablet.getByTestId('payment-sheet').waitFor();
    await tablet.locator('[data-card="approve"]').click();
    await tablet.locator('[data-testid="payment-sheet"] .btn-primary').click();
    await tablet.getByTestId('checkout-paid').waitFor({ timeout: 20_000 });

    const order = await until(
      async () => (await admin.ok<OrderDto[]>('GET', `/api/orders?tableId=${table.id}`)).find((o) => o.status === 'paid'),
      'the paid order',
    );
    expect(order.total).toBe(14500);
    expect(order.lines[0]).toMatchObject({
      unitPrice: 14500,
      note: '덜 맵게 해주세요',
      options: [{ groupName: { ko: '맵기' }, name: { ko: '매운맛' }, priceDelta: 500 }],
    });

    const tile = kitchen.locator(`[data-testid=kitchen-tile][data-order-id="${order.id}"]`);
    await tile.waitFor({ timeout: 10_000 });
    expect(await tile.locator('.tile-options').innerText()).toContain('매운맛');
    expect(await tile.locator('.tile-line-note').innerText()).toContain('덜 맵게 해주세요');
    await kitchen.screenshot({ path: join(SCREENSHOTS, 'kitchen-tile-options.png') });
    const card2 = board.locator(`[data-order-id="${order.id}"]`).first();
    await card2.waitFor({ timeout: 10_000 });
    expect(await card2.locator('.line-options').innerText()).toContain('매운맛');
    await card2.screenshot({ path: join(SCREENSHOTS, 'board-tile-options.png') });
    await adminContext.close();
    await tabletContext.close();
  });
});

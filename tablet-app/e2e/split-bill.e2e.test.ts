import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { isOrderable, type CatalogDto, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTabletApp, launch, newTablet, pair, SCREENSHOTS, StaffApi, startServer, until, type TestServer } from './harness';

let server: TestServer;
let browser: Browser;
let staff: StaffApi;
let catalog: CatalogDto;

const PHONE = { width: 390, height: 844 };

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** A phone opens the tablet's QR link, joins the visit, and pays one of two equal parts of the order. */
async function payHalf(page: Page): Promise<void> {
  await page.getByTestId('open-orders').click();
  await page.getByTestId('open-split').first().click();
  await page.getByTestId('split-progress').waitFor();
  await page.locator('[data-parts="2"]').click();
  await page.getByTestId('payment-sheet').waitFor();
  await page.locator('[data-card="approve"]').click();
  await page.locator('[data-testid="payment-sheet"] .btn-primary').click();
  await page.getByTestId('split-share-done').waitFor({ timeout: 20_000 });
}

describe('split the bill by phone (tablet QR, two phones)', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    buildTabletApp();
    server = await startServer();
    staff = new StaffApi(server.base);
    await staff.login(server.adminPassword);
    catalog = await staff.catalog();
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('two phones join by the QR and pay half each: the order reaches the kitchen only when both halves are paid', async () => {
    const main = catalog.menus.find(
      (m) => isOrderable(m) && m.course === 'main' && m.limitPerVisit === null && m.stock === null,
    ) as MenuDto;
    const { context, page: tablet } = await newTablet(browser);
    await pair(tablet, await staff.pairingUrl('3'));
    const category = catalog.categories.find((c) => c.id === main.categoryId);
    await tablet.getByRole('tab', { name: category?.name.ko, exact: true }).click();
    await tablet.locator(`.grid [data-menu-id="${main.id}"] .menu-card-add`).click();
    await tablet.locator('.cart-foot .btn-primary:visible').click();
    await tablet.getByTestId('payment-sheet').waitFor({ timeout: 20_000 });
    await tablet.locator('[data-testid="payment-sheet"] .btn-ghost').click();
    const [order] = await until(
      () => staff.ordersOfTable('3'),
      (o) => o.length === 1,
    );

    // The tablet shows the visit's QR.
    await tablet.keyboard.press('Escape');
    await tablet.getByTestId('open-split-qr').click();
    const img = tablet.getByTestId('split-qr-img');
    await img.waitFor({ timeout: 15_000 });
    const code = new URL((await img.getAttribute('data-url')) as string).searchParams.get('join') as string;
    expect(code.length).toBeGreaterThan(16);
    await shot(tablet, 'tablet-split-qr-ko-1024x768');

    const phones = await Promise.all(
      [0, 1].map(() => browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, hasTouch: true, locale: 'ko-KR' })),
    );
    const [phoneA, phoneB] = await Promise.all(phones.map((c) => c.newPage()));
    for (const phone of [phoneA, phoneB] as Page[]) {
      await phone.goto(`${server.base}/tablet/?join=${code}`);
      await phone.locator('.menu-card').first().waitFor({ timeout: 30_000 });
    }
    await payHalf(phoneA as Page);
    await shot(phoneA as Page, 'phone-split-share-paid-ko-390x844');
    // Half paid: still unpaid for the kitchen.
    expect((await staff.ordersOfTable('3'))[0]).toMatchObject({ status: 'pending_payment', payment: 'split' });

    await payHalf(phoneB as Page);
    await shot(phoneB as Page, 'phone-split-all-paid-ko-390x844');
    const [paid] = await until(
      () => staff.ordersOfTable('3'),
      (o) => o[0]?.status === 'paid',
    );
    expect(paid?.id).toBe(order?.id);
    for (const c of phones) await c.close();
    await context.close();
  });
});

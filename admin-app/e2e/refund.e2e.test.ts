import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CategoryDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { PairingCodeDto, TableDto } from '@hiorder/domain/identity/identity.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { formatWon } from '@hiorder/domain/shared/money';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTabletApp } from '../../tablet-app/e2e/harness';
import {
  buildAdminApp,
  catalogOf,
  expectAccessible,
  launchBrowser,
  loginAdmin,
  pairTable,
  placeAndPay,
  startServer,
  type Http,
  type RunningServer,
} from './harness';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

let server: RunningServer;
let browser: Browser;
let admin: Http;
let boardContext: BrowserContext;
let board: Page;
let stew: MenuDto;
let egg: MenuDto;

const cardOf = (id: string) => `[data-testid=order-card][data-order-id="${id}"]`;

/** Waits for every running animation of the page to finish (a sheet sliding in), so a screenshot shows it settled. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
}

describe('partial refund from the board, seen on the guest tablet (real server, real Chromium)', () => {
  beforeAll(async () => {
    // The builds are skipped when the apps are already built (HIORDER_E2E_SKIP_BUILD=true, E2E_SKIP_BUILD=1).
    buildAdminApp();
    buildTabletApp();
    server = await startServer();
    browser = await launchBrowser();
    admin = await loginAdmin(server);
    // The test's own dishes (never the demo seed's), counted stock so the restock choice shows.
    const category = await admin.ok<CategoryDto>('POST', '/api/categories', { name: { ko: 'e2e 환불', en: 'e2e refund' } });
    stew = await admin.ok<MenuDto>('POST', '/api/menus', {
      categoryId: category.id,
      name: { ko: '김치찌개', en: 'Kimchi stew' },
      price: 9000,
      stock: 20,
      course: 'main',
    });
    egg = await admin.ok<MenuDto>('POST', '/api/menus', {
      categoryId: category.id,
      name: { ko: '계란찜', en: 'Steamed egg' },
      price: 5000,
      stock: 20,
      course: 'main',
    });
    boardContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' });
    board = await boardContext.newPage();
    await board.goto(`${server.url}/admin/`);
    await board.fill('input[name=username]', 'admin');
    await board.fill('input[name=password]', server.adminPassword);
    await board.click('button[type=submit]');
    await board.waitForSelector('[data-testid=link-status][data-status=live]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('staff refund one dish of a paid order with a reason and the stock back: the amount on the button, on the board and on the tablet', async () => {
    // A table of its own, its tablet open in the browser; a second device of the table places and pays the order.
    const table = await admin.ok<TableDto>('POST', '/api/tables', { label: 'E2E-R1' });
    const code = await admin.ok<PairingCodeDto>('POST', '/api/pairing-codes', { role: 'table', tableId: table.id });
    const guestContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'ko-KR', hasTouch: true });
    try {
      const guest = await guestContext.newPage();
      await guest.goto(`${server.url}/tablet/?pair=${code.code}`);
      await guest.locator('.menu-card').first().waitFor({ timeout: 30_000 });
      const sameTable = await pairTable(admin, table.id);
      const order = await placeAndPay(sameTable, [
        { menuId: stew.id, qty: 2 },
        { menuId: egg.id, qty: 1 },
      ]);
      expect(order.total).toBe(23_000);
      const stewLine = order.lines.find((l) => l.menuId === stew.id);
      if (!stewLine) throw new Error('the order has no stew line');
      const stockBefore = (await catalogOf(sameTable)).menus.find((m) => m.id === stew.id)?.stock;
      expect(stockBefore).toBe(18);

      await board.waitForSelector(cardOf(order.id), { timeout: 15_000 });
      await board.click(`${cardOf(order.id)} [data-testid=open-refund]`);
      const dialog = board.getByRole('dialog');
      await dialog.waitFor();
      const confirm = board.locator('[data-testid=confirm-refund]');
      // Nothing chosen yet: the button says what is missing and refuses.
      await expect(confirm.innerText()).resolves.toBe('환불할 메뉴와 재고 처리를 고르세요');
      expect(await confirm.isDisabled()).toBe(true);

      await dialog.getByRole('button', { name: '김치찌개 +1', exact: true }).click();
      await dialog.getByRole('button', { name: '음식 문제', exact: true }).click();
      // A dish but no stock choice yet: the amount shows, the button still waits for the choice.
      await expect(confirm.innerText()).resolves.toBe(`${formatWon(9000, 'ko')} 환불하기`);
      expect(await confirm.isDisabled()).toBe(true);
      await dialog.getByRole('button', { name: '재고 되돌리기 (조리 전)', exact: true }).click();
      expect(await confirm.isDisabled()).toBe(false);
      expect(await board.locator('input[name=refund-reason]').inputValue()).toBe('음식 문제');
      await expectAccessible(board, 'refund dialog');
      mkdirSync(SCREENSHOTS, { recursive: true });
      await board.screenshot({ path: `${SCREENSHOTS}/admin-partial-refund-dialog.png` });

      await confirm.click();
      await dialog.waitFor({ state: 'detached', timeout: 15_000 });
      // The board's card: the refund's amount and reason, and the dish's refunded count.
      const summary = board.locator(`${cardOf(order.id)} [data-testid=refund-summary]`);
      await summary.waitFor({ timeout: 10_000 });
      expect(await summary.innerText()).toBe(`환불 −${formatWon(9000, 'ko')} · 음식 문제`);
      expect(await board.locator(`${cardOf(order.id)} [data-testid=line-refunded]`).allInnerTexts()).toEqual(['1개 환불됨']);
      await board.locator(cardOf(order.id)).scrollIntoViewIfNeeded();
      await board.screenshot({ path: `${SCREENSHOTS}/admin-partial-refund-board.png` });

      // The server holds it: 9,000 refunded of 23,000, one stew back in stock (staff's choice), the order still paid.
      const seen = await sameTable.ok<OrderDto>('GET', `/api/orders/${order.id}`);
      expect(seen).toMatchObject({ status: 'paid', refunded: 9000, total: 23_000 });
      expect(seen.lines.find((l) => l.id === stewLine.id)?.refundedQty).toBe(1);
      expect((await catalogOf(sameTable)).menus.find((m) => m.id === stew.id)?.stock).toBe(19);

      // The guest's order list: which dish, how much and why, and the bill's refund line.
      await guest.getByRole('button', { name: '주문 내역' }).click();
      const note = guest.locator(`[data-order-id="${order.id}"] [data-testid=refund-note]`);
      await note.waitFor({ timeout: 15_000 });
      expect(await note.innerText()).toBe(`부분 환불 ${formatWon(9000, 'ko')} (김치찌개 ×1) · 사유: 음식 문제`);
      await expect(guest.locator(`[data-order-id="${order.id}"]`).innerText()).resolves.toContain('김치찌개 × 2 (1개 환불)');
      await expect(guest.locator('[data-testid=tablet-bill]').innerText()).resolves.toContain(`− ${formatWon(9000, 'ko')}`);
      await settled(guest);
      await guest.screenshot({ path: `${SCREENSHOTS}/tablet-partial-refund.png` });
    } finally {
      await guestContext.close();
    }
  });
});

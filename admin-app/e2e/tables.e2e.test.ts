import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { TableDto } from '@hiorder/domain/identity/identity.schemas';
import type { PairingCodeDto } from '@hiorder/domain/identity/identity.schemas';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAdminApp,
  buildTabletApp,
  catalogOf,
  launchBrowser,
  loginAdmin,
  pairTable,
  placeAndPay,
  startServer,
  type Http,
  type RunningServer,
} from './harness';

/**
 * The floor around the orders, in Chromium: a table move and a merge followed live by the board and the guests'
 * tablets, and a visit ended by the idle rule (the real scheduled job, run through the test hook with the clock
 * moved ahead).
 */
const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

let server: RunningServer;
let browser: Browser;
let admin: Http;
let tables: TableDto[];
let board: Page;

const table = (label: string): TableDto => {
  const found = tables.find((t) => t.label === label);
  if (!found) throw new Error(`no table ${label}`);
  return found;
};
const tile = (label: string) => board.locator('[data-testid=table-tile]', { has: board.locator(`.label:text-is("${label}")`) });

async function openTablet(label: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'ko-KR', hasTouch: true });
  const page = await context.newPage();
  const code = await admin.ok<PairingCodeDto>('POST', '/api/pairing-codes', { role: 'table', tableId: table(label).id });
  await page.goto(`${server.url}/tablet/?pair=${code.code}`);
  await page.locator('.menu-card').first().waitFor({ timeout: 30_000 });
  return page;
}

/** Opens the tablet's order list and waits until it shows `code` (or, with null, no order at all). */
async function tabletShows(page: Page, code: string | null): Promise<void> {
  if (
    !(await page
      .locator('.order-code')
      .first()
      .isVisible()
      .catch(() => false)) &&
    !(await page
      .getByText('아직 주문이 없습니다')
      .isVisible()
      .catch(() => false))
  ) {
    await page.getByTestId('open-orders').click();
  }
  if (code) await page.locator('.order-code', { hasText: `#${code}` }).waitFor({ timeout: 15_000 });
  else await page.getByText('아직 주문이 없습니다').waitFor({ timeout: 15_000 });
}

async function orderOn(label: string): Promise<OrderDto> {
  const device = await pairTable(admin, table(label).id);
  const menu = (await catalogOf(device)).menus.find((m) => m.course === 'main' && !m.soldOut && m.stock !== 0 && m.limitPerVisit === null);
  if (!menu) throw new Error('the demo seed has no orderable main');
  return placeAndPay(device, [{ menuId: menu.id, qty: 1 }]);
}

describe('tables: moves, merges and the idle rule', () => {
  beforeAll(async () => {
    buildAdminApp();
    buildTabletApp();
    server = await startServer();
    browser = await launchBrowser();
    admin = await loginAdmin(server);
    tables = await admin.ok<TableDto[]>('GET', '/api/tables');
    board = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' })).newPage();
    await board.goto(`${server.url}/admin/`);
    await board.fill('input[name=username]', 'admin');
    await board.fill('input[name=password]', server.adminPassword);
    await board.click('button[type=submit]');
    await board.waitForSelector('[data-testid=link-status][data-status=live]');
    await board.goto(`${server.url}/admin/tables`);
    await tile('1').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('moves a table: the board and both tablets follow live', async () => {
    const oldTablet = await openTablet('1');
    const newTablet = await openTablet('2');
    const order = await orderOn('1');
    await tabletShows(oldTablet, order.shortCode);
    await tile('1').getByText('조리 대기 1').waitFor({ timeout: 15_000 });

    await tile('1').click();
    await board.getByTestId('move-table').click();
    await board.locator('[data-testid=pick-table][data-label="2"]').waitFor();
    // Occupied tables are not offered for a move.
    await board.screenshot({ path: `${SCREENSHOTS}/admin-table-move-1440.png` });
    await board.locator('[data-testid=pick-table][data-label="2"]').click();

    await tile('2').getByText('조리 대기 1').waitFor({ timeout: 15_000 });
    await expect.poll(() => tile('1').getByText('조리 대기').count(), { timeout: 15_000 }).toBe(0);
    await tabletShows(newTablet, order.shortCode);
    // The guests' digital receipt follows them to the new table.
    await newTablet.getByTestId('tablet-bill').getByText(order.total.toLocaleString('ko-KR'), { exact: false }).first().waitFor();
    await newTablet.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    await newTablet.screenshot({ path: `${SCREENSHOTS}/tablet-bill-ko-1024x768.png` });
    await tabletShows(oldTablet, null);
    const moved = await admin.ok<OrderDto>('GET', `/api/orders/${order.id}`);
    expect([moved.tableLabel, moved.visitId]).toEqual(['2', order.visitId]);
    await oldTablet.context().close();
    await newTablet.context().close();
  });

  it('merges two tables into one bill, which the board shows at once', async () => {
    const other = await orderOn('3');
    await board.keyboard.press('Escape');
    await tile('3').getByText('조리 대기 1').waitFor({ timeout: 15_000 });
    await tile('3').click();
    await board.getByTestId('merge-table').click();
    await board.locator('[data-testid=pick-table][data-label="2"]').waitFor();
    await board.screenshot({ path: `${SCREENSHOTS}/admin-table-merge-1440.png` });
    await board.locator('[data-testid=pick-table][data-label="2"]').click();
    await tile('2').getByText('조리 대기 2').waitFor({ timeout: 15_000 });
    const merged = await admin.ok<OrderDto>('GET', `/api/orders/${other.id}`);
    expect(merged.tableLabel).toBe('2');

    // One bill for both parties: the merged table's receipt adds both orders.
    await board.keyboard.press('Escape');
    await tile('2').click();
    await board.getByTestId('open-bill').click();
    const both = (await admin.ok<OrderDto[]>('GET', `/api/orders?tableId=${table('2').id}&status=paid,accepted`)).reduce(
      (n, o) => n + o.total,
      0,
    );
    await expect.poll(() => board.getByTestId('bill-total').innerText()).toContain(both.toLocaleString('ko-KR'));
    await board.screenshot({ path: `${SCREENSHOTS}/admin-table-bill-1440.png` });
    await board.keyboard.press('Escape');
  });

  it('names counter payments on the bill (board and tablet), and asks before clearing a table with an unpaid order', async () => {
    await board.keyboard.press('Escape');
    const device = await pairTable(admin, table('4').id);
    const menus = (await catalogOf(device)).menus.filter(
      (m) => m.course === 'main' && !m.soldOut && m.stock !== 0 && m.limitPerVisit === null,
    );
    const [first, second] = menus;
    if (!first || !second) throw new Error('the demo seed has fewer than two orderable mains');
    const place = (menuId: string) =>
      device.ok<OrderDto>('POST', '/api/orders', { idempotencyKey: `e2e-bill-${menuId}-${Date.now()}`, lines: [{ menuId, qty: 1 }] });
    const cash = await place(first.id);
    expect((await admin.ok<OrderDto>('POST', `/api/orders/${cash.id}/settle`, { method: 'cash' })).paymentMethod).toBe('cash');
    const easy = await placeAndPay(device, [{ menuId: second.id, qty: 1 }]);
    const unpaid = await place(second.id);

    // The board's bill: the cash order under cash, the tablet's payment under easy pay, the unpaid one left to pay.
    await tile('4').getByText('조리 대기 2').waitFor({ timeout: 15_000 });
    await tile('4').click();
    await board.getByTestId('open-bill').click();
    const bill = board.getByTestId('bill');
    await expect.poll(() => bill.locator('dt', { hasText: '현금' }).count(), { timeout: 15_000 }).toBe(1);
    const paidRows = await bill
      .locator('.receipt-sums > div')
      .evaluateAll((rows) => rows.map((r) => [r.querySelector('dt')?.textContent ?? '', r.querySelector('dd')?.textContent ?? '']));
    expect(paidRows).toContainEqual(['결제 · 현금', `${cash.total.toLocaleString('ko-KR')}원`]);
    expect(paidRows).toContainEqual(['결제 · 간편결제 (태블릿)', `${easy.total.toLocaleString('ko-KR')}원`]);
    await expect.poll(() => board.getByTestId('bill-left').innerText()).toContain(unpaid.total.toLocaleString('ko-KR'));
    await board.screenshot({ path: `${SCREENSHOTS}/admin-table-bill-counter-1440.png` });
    await board.keyboard.press('Escape');

    // Clearing the table: the dialog names the order still cooking and the unpaid one, and keeps the focus on "back".
    await tile('4').click();
    await board.getByTestId('clear-table').click();
    const remaining = board.getByTestId('close-unsettled');
    await remaining.waitFor({ timeout: 15_000 });
    await expect.poll(() => board.getByTestId('unsettled-order').count()).toBe(3);
    expect(await remaining.innerText()).toContain(`#${unpaid.shortCode}`);
    await board.screenshot({ path: `${SCREENSHOTS}/admin-close-visit-dialog-1440.png` });
    await board.keyboard.press('Escape');
    await board.keyboard.press('Escape');

    // The guests' digital receipt names their cash payment too; the staff call sheet offers "계산 완료 / 자리 정리".
    const tablet = await openTablet('4');
    await tabletShows(tablet, cash.shortCode);
    const receipt = tablet.getByTestId('tablet-bill');
    await receipt.getByText('결제 완료 · 현금 (카운터)').waitFor({ timeout: 15_000 });
    await receipt.getByText('결제 완료 · 간편결제').waitFor();
    await tablet.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-bill-counter-ko-1024x768.png` });
    await tablet.keyboard.press('Escape');
    await tablet.getByRole('button', { name: '직원 호출' }).click();
    await tablet.getByTestId('call-checkout').waitFor();
    await tablet.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
    await tablet.screenshot({ path: `${SCREENSHOTS}/tablet-checkout-ko-1024x768.png` });
    await tablet.context().close();
    // Leave table 4 empty for the tests after this one.
    await admin.ok('POST', `/api/tables/${table('4').id}/close-visit`, { force: true });
  });

  it('ends a settled visit by itself after the idle minutes the admin set', async () => {
    await admin.ok('PUT', '/api/store/visit-settings', { idleCloseMinutes: 15 });
    const tablet = await openTablet('2');
    const open = await admin.ok<OrderDto[]>('GET', `/api/orders?tableId=${table('2').id}&status=paid,accepted`);
    expect(open.length).toBeGreaterThan(0);
    await tabletShows(tablet, open[0]?.shortCode ?? null);
    // Not yet: orders are still cooking.
    expect(await admin.ok<{ closed: number }>('POST', '/api/test-hooks/scheduled-jobs/close-idle-visits', { minutesAhead: 60 })).toEqual({
      closed: 0,
    });
    for (const o of open) await admin.ok('POST', `/api/orders/${o.id}/serve`);
    expect(await admin.ok<{ closed: number }>('POST', '/api/test-hooks/scheduled-jobs/close-idle-visits', { minutesAhead: 14 })).toEqual({
      closed: 0,
    });
    expect(await admin.ok<{ closed: number }>('POST', '/api/test-hooks/scheduled-jobs/close-idle-visits', { minutesAhead: 16 })).toEqual({
      closed: 1,
    });
    await tabletShows(tablet, null);
    await board.keyboard.press('Escape');
    await tile('2').getByText('빈 테이블').waitFor({ timeout: 15_000 });
    await tablet.context().close();
  });

  it('finds the history of one table and exports it as CSV that Excel reads', async () => {
    await board.keyboard.press('Escape');
    await board.goto(`${server.url}/admin/history`);
    await board.getByTestId('history-row').first().waitFor({ timeout: 15_000 });
    await board.locator('select[name=tableId]').selectOption({ label: '2' });
    await expect
      .poll(
        async () => [
          ...new Set(await board.getByTestId('history-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-table')))),
        ],
        { timeout: 15_000 },
      )
      .toEqual(['2']);
    const shown = await board.getByTestId('history-row').count();
    expect(shown).toBe(2);
    await board.screenshot({ path: `${SCREENSHOTS}/admin-history-1440.png` });

    const [download] = await Promise.all([board.waitForEvent('download'), board.getByTestId('export-csv').click()]);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toContain('테이블 Table');
    expect(lines).toHaveLength(1 + shown);
    expect(lines.slice(1).every((l) => l.split(',')[1] === '"2"')).toBe(true);
  });

  it('shows the daily close of the business day, ready to print', async () => {
    await board.goto(`${server.url}/admin/close`);
    await board.getByTestId('daily-close').waitFor({ timeout: 15_000 });
    await board.getByTestId('close-method').first().waitFor({ timeout: 15_000 });
    const close = await admin.ok<{ sales: { orders: number; amount: number }; net: number }>('GET', '/api/daily-close');
    expect(close.sales.orders).toBeGreaterThanOrEqual(2);
    await expect.poll(() => board.getByTestId('daily-close').innerText()).toContain(close.sales.amount.toLocaleString('ko-KR'));
    await board.screenshot({ path: `${SCREENSHOTS}/admin-daily-close-1440.png` });
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CategoryDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { OptionGroupDto } from '@hiorder/domain/catalog/menu-options';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { PrinterDto, PrintingStatusDto } from '@hiorder/domain/printing/printing.schemas';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stationTicketsOf } from '../../core/src/printing/printing.processor';
import { renderSvg } from '../../core/src/printing/ticket-render';
import { VirtualPrinter } from '../../core/src/testing/virtual-printer';
import { startE2eServer } from '../../server/src/testing/e2e-server';
import {
  buildAdminApp,
  catalogOf,
  firstTable,
  launchBrowser,
  loginAdmin,
  pairTable,
  placeAndPay,
  type Http,
  type RunningServer,
} from './harness';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

let server: RunningServer;
let browser: Browser;
let admin: Http;
let tablet: Http;
let page: Page;
let kitchenPrinter: VirtualPrinter;
let barPrinter: VirtualPrinter;
let counterPrinter: VirtualPrinter;

async function until<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * docs/screenshots: the order's two tickets as receiptline draws the same markup the printer got (its SVG
 * renderer), and the kitchen ticket's bytes as the virtual printer received them, decoded from CP949.
 */
async function pictureOfTickets(order: OrderDto, decodedKitchenTicket: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const tickets = stationTicketsOf(order, 'Asia/Seoul');
  const svgs = tickets.map((t) => `<div class="paper">${renderSvg(t)}</div>`).join('');
  const picture = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  await picture.setContent(`<body style="margin:0;background:#cfd4da;padding:24px;display:flex;gap:24px;align-items:flex-start">
    <style>.paper{background:#fff;padding:12px 8px 28px;box-shadow:0 4px 14px rgb(0 0 0 / 25%)}</style>${svgs}</body>`);
  await picture.locator('body').screenshot({ path: `${SCREENSHOTS}/printer-tickets.png` });
  await picture.close();
  const header = [
    '# The kitchen ticket as the virtual printer received it, decoded from CP949 (admin-app/e2e/printing.e2e.test.ts).',
    '# ESC/POS command bytes show as spaces or stray ASCII; 븬븬 is the rule line (0xC4 of code page 437, printed after FS . leaves Korean mode).',
  ];
  writeFileSync(
    `${SCREENSHOTS}/printer-ticket-kitchen-decoded.txt`,
    `${[...header, decodedKitchenTicket.replace(/ {2,}/g, ' ')].join('\n')}\n`,
  );
}

describe('kitchen printers in the admin app', () => {
  beforeAll(async () => {
    buildAdminApp();
    [kitchenPrinter, barPrinter, counterPrinter] = await Promise.all([
      VirtualPrinter.start(),
      VirtualPrinter.start(),
      VirtualPrinter.start(),
    ]);
    // Short printer timeouts: a printer that is off is given up on (and the backup tried) within a second.
    server = await startE2eServer({
      name: 'printing',
      env: { ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '5000', PRINTER_TIMEOUT_MS: '500', PRINT_RETRY_MS: '100', PRINT_POLL_MS: '100' },
    });
    browser = await launchBrowser();
    admin = await loginAdmin(server);
    tablet = await pairTable(admin, (await firstTable(admin)).id);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' });
    page = await context.newPage();
    await page.goto(`${server.url}/admin/`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', server.adminPassword);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=link-status][data-status=live]');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    for (const p of [kitchenPrinter, barPrinter, counterPrinter]) await p?.close();
  });

  it('adds a printer from the settings page, prints a test page, and shows a printer that does not answer', async () => {
    await page.goto(`${server.url}/admin/printers`);
    await page.getByRole('button', { name: '+ 프린터 추가' }).click();
    await page.getByLabel('이름').fill('주방 프린터');
    await page.getByLabel('주소 (IP 또는 호스트)').fill('127.0.0.1');
    await page.getByLabel('포트').fill(String(kitchenPrinter.port));
    await page.getByRole('button', { name: '추가', exact: true }).click();
    const row = page.locator('[data-testid=printer-row]', { hasText: '주방 프린터' });
    await row.waitFor();
    await row.getByRole('button', { name: '테스트 인쇄' }).click();
    await page.locator('[data-testid=printer-row][data-health=ok]', { hasText: '주방 프린터' }).waitFor();
    await until(
      () => kitchenPrinter.tickets().some((t) => t.includes('프린터 테스트') && t.includes('주방 프린터')),
      'the test page on the kitchen printer',
    );

    // The bar printer backs up to the kitchen one; the counter printer is switched off.
    const kitchen = (await admin.ok<PrintingStatusDto>('GET', '/api/printing')).printers[0] as PrinterDto;
    await admin.ok('POST', '/api/printers', {
      name: '바 프린터',
      host: '127.0.0.1',
      port: barPrinter.port,
      duty: 'bar',
      backupPrinterId: kitchen.id,
    });
    const counter = await admin.ok<PrinterDto>('POST', '/api/printers', {
      name: '카운터',
      host: '127.0.0.1',
      port: counterPrinter.port,
      duty: 'receipt',
      backupPrinterId: null,
    });
    await counterPrinter.down();
    await page.reload();
    const counterRow = page.locator('[data-testid=printer-row]', { hasText: '카운터' });
    await counterRow.getByRole('button', { name: '테스트 인쇄' }).click();
    // The failed test page says why, on the page, and the row turns "not answering".
    await page.locator('.toast.err', { hasText: 'PRINTER_UNREACHABLE' }).waitFor();
    await page.locator(`[data-testid=printer-row][data-health=unreachable]`, { hasText: '카운터' }).waitFor();
    expect(counter.duty).toBe('receipt');
  });

  it("prints a paid order's kitchen and bar lines on their printers; a bar printer that is down sends its ticket to the backup and warns the board; reprint from the board", async () => {
    const catalog = await catalogOf(tablet);
    const barCategories = new Set(catalog.categories.filter((c: CategoryDto) => c.station === 'bar').map((c) => c.id));
    const main = catalog.menus.find(
      (m) => m.course === 'main' && !barCategories.has(m.categoryId) && !m.soldOut && m.stock !== 0 && m.limitPerVisit === null,
    );
    const drink = catalog.menus.find((m) => barCategories.has(m.categoryId) && !m.soldOut && m.stock !== 0 && m.limitPerVisit === null);
    if (!main || !drink) throw new Error('the demo seed needs a kitchen main and a bar drink');

    // An option group on the main dish, so the ticket shows a chosen option and a line note under the line.
    const group = await admin.ok<OptionGroupDto>('POST', '/api/option-groups', {
      name: { ko: '맵기', en: 'Spice' },
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: { ko: '아주 맵게', en: 'Extra hot' }, priceDelta: 0 }],
    });
    await admin.ok('PATCH', `/api/menus/${main.id}`, { optionGroupIds: [group.id] });
    const hot = (group.options[0] as { id: string }).id;
    const order = await placeAndPay(
      tablet,
      [
        { menuId: main.id, qty: 2, options: [hot], note: '양파 빼고' },
        { menuId: drink.id, qty: 1 },
      ],
      '덜 맵게',
    );
    await until(() => barPrinter.tickets().some((t) => t.includes(`#${order.shortCode}`)), 'the bar ticket');
    await until(() => kitchenPrinter.tickets().some((t) => t.includes(`#${order.shortCode}`)), 'the kitchen ticket');
    const kitchenTicket = kitchenPrinter.tickets().find((t) => t.includes(`#${order.shortCode}`)) as string;
    expect(kitchenTicket).toContain(`2 x ${main.name.ko}`);
    expect(kitchenTicket).toContain('+ 아주 맵게');
    expect(kitchenTicket).toContain('※ 양파 빼고');
    expect(kitchenTicket).toContain('요청: 덜 맵게');
    expect(kitchenTicket).not.toContain(drink.name.ko);
    expect(barPrinter.tickets().find((t) => t.includes(`#${order.shortCode}`))).toContain(`1 x ${drink.name.ko}`);
    await pictureOfTickets(order, kitchenTicket);

    await barPrinter.down();
    const second = await placeAndPay(tablet, [{ menuId: drink.id, qty: 3 }]);
    await until(
      () => kitchenPrinter.tickets().some((t) => t.includes(`#${second.shortCode}`) && t.includes(`3 x ${drink.name.ko}`)),
      'the bar ticket on the backup (kitchen) printer',
      30_000,
    );
    await page.goto(`${server.url}/admin/board`);
    const alert = page.locator('[data-testid=print-alert]', { hasText: second.shortCode });
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('백업 프린터로 인쇄됨');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/admin-board-printer-warning-1440.png` });

    const before = kitchenPrinter.prints.length;
    await page.locator(`[data-order-id="${order.id}"]`).getByRole('button', { name: '주방 티켓 재출력' }).click();
    await page.locator('.toast', { hasText: '재출력을 보냈습니다' }).waitFor();
    await until(() => kitchenPrinter.prints.length > before, 'the reprint');
    expect(kitchenPrinter.tickets().at(-1)).toContain('재출력 REPRINT');

    await page.goto(`${server.url}/admin/printers`);
    await page.locator('[data-testid=print-jobs]').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/admin-printers-1440.png` });
  });
});

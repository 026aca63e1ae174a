import type { PairingCodeDto } from '@hiorder/domain/identity/identity.schemas';
import type { StaffCallPresetsDto } from '@hiorder/domain/ordering/staff-call.schemas';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTabletApp } from '../../tablet-app/e2e/harness';
import {
  buildAdminApp,
  catalogOf,
  expectAccessible,
  firstTable,
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
let boardOne: Page;
let boardTwo: Page;

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

/** A board in a browser of its own (its own session), signed in and live. */
async function openBoard(credentials: { username: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' })).newPage();
  await page.goto(`${server.url}/admin/`);
  await page.fill('input[name=username]', credentials.username);
  await page.fill('input[name=password]', credentials.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=link-status][data-status=live]');
  return page;
}

/** Whether the page rings: the alarm banner, the document's `data-alarm` and the flashing title, all read from the DOM. */
async function ringing(page: Page): Promise<{ bar: boolean; document: string | null; calls: string[] }> {
  return {
    bar: (await page.locator('[data-testid=alarm-bar][data-alarm=ringing]').count()) > 0,
    document: await page.evaluate(() => document.documentElement.dataset.alarm ?? null),
    calls: (await page.locator('[data-testid=alarm-call]').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()),
  };
}

/** Acknowledges whatever already rings (the demo seed's paid orders), so the call is the only alarm. */
async function quiet(page: Page): Promise<void> {
  const ack = page.getByTestId('alarm-acknowledge');
  if ((await ack.count()) > 0) await ack.click();
  await page.waitForSelector('[data-testid=alarm-bar]', { state: 'detached', timeout: 10_000 });
}

describe('alarms until acknowledged', () => {
  beforeAll(async () => {
    buildAdminApp();
    buildTabletApp();
    server = await startServer();
    browser = await launchBrowser();
    admin = await loginAdmin(server);
    if (!server.staff) throw new Error('the server did not print the demo staff account');
    boardOne = await openBoard({ username: 'admin', password: server.adminPassword });
    boardTwo = await openBoard(server.staff);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a staff call rings on two boards, and stops on both when one acknowledges', async () => {
    // The owner adds a preset on the tables screen; the tablet offers it with the catalog.
    await boardOne.goto(`${server.url}/admin/devices`);
    const presets = boardOne.getByTestId('staff-call-presets');
    await presets.getByRole('button', { name: '+ 버튼 추가' }).click();
    await presets.getByLabel('이름 (한국어) 5').fill('앞치마');
    await presets.getByLabel('이름 (영어) 5').fill('Apron');
    await presets.getByTestId('presets-save').click();
    await boardOne.getByText('직원 호출 버튼을 저장했습니다').waitFor();
    await expectAccessible(boardOne, 'staff-call presets');
    await presets.screenshot({ path: `${SCREENSHOTS}/admin-staff-call-presets.png` });
    const saved = await admin.ok<StaffCallPresetsDto>('GET', '/api/store/staff-call-presets');
    expect(saved.presets.map((p) => p.name.ko)).toEqual(['물', '앞접시', '수저', '물티슈', '앞치마']);
    await boardOne.goto(`${server.url}/admin/`);
    await boardOne.waitForSelector('[data-testid=link-status][data-status=live]');
    await quiet(boardOne);
    await boardTwo.waitForSelector('[data-testid=alarm-bar]', { state: 'detached', timeout: 10_000 });

    const table = await firstTable(admin);
    const tablet = await (await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'ko-KR', hasTouch: true })).newPage();
    const code = await admin.ok<PairingCodeDto>('POST', '/api/pairing-codes', { role: 'table', tableId: table.id });
    await tablet.goto(`${server.url}/tablet/?pair=${code.code}`);
    await tablet.locator('.menu-card').first().waitFor({ timeout: 30_000 });
    await tablet.getByRole('button', { name: '직원 호출' }).click();
    await tablet.getByRole('button', { name: '앞치마', exact: true }).click();
    await tablet.getByText('직원에게 알렸어요').waitFor();
    // And a new paid order from the same table: it rings too, with its own chime.
    const guest = await pairTable(admin, table.id);
    const main = (await catalogOf(guest)).menus.find((m) => m.course === 'main' && !m.soldOut && m.stock !== 0 && m.limitPerVisit === null);
    if (!main) throw new Error('the demo seed has no main dish');
    const order = await placeAndPay(guest, [{ menuId: main.id, qty: 1 }]);

    for (const board of [boardOne, boardTwo]) {
      await board.locator('[data-testid=alarm-call]', { hasText: '앞치마' }).waitFor({ timeout: 10_000 });
      expect(await ringing(board)).toEqual({ bar: true, document: 'ringing', calls: [`${table.label} 앞치마`] });
      await board.locator('[data-testid=alarm-orders]', { hasText: '새 주문 1건' }).waitFor({ timeout: 10_000 });
      await board.locator(`[data-testid=order-card][data-order-id="${order.id}"]`).waitFor();
      await board.locator('[data-testid=staff-call][data-alarm=ringing]', { hasText: '앞치마' }).waitFor();
      // The tab title flashes while it rings (a board in a background tab still shows it).
      await board.waitForFunction(() => document.title.includes('🔔'), null, { timeout: 5000 });
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    await boardTwo.screenshot({ path: `${SCREENSHOTS}/admin-board-alarm-ringing-1440.png` });
    await expectAccessible(boardTwo, 'ringing board');

    // The staff member on the second board acknowledges: both boards stop.
    await boardTwo.getByTestId('alarm-acknowledge').click();
    for (const board of [boardOne, boardTwo]) {
      await board.waitForSelector('[data-testid=alarm-bar]', { state: 'detached', timeout: 10_000 });
      await board.waitForSelector('[data-testid=staff-call]', { state: 'detached', timeout: 10_000 });
      expect(await ringing(board)).toEqual({ bar: false, document: null, calls: [] });
      await board.waitForFunction(() => !document.title.includes('🔔'), null, { timeout: 5000 });
    }
    // A board opened now doesn't ring for it either: the acknowledgement is the server's.
    const later = await openBoard({ username: 'admin', password: server.adminPassword });
    await later.waitForSelector('[data-testid=column-fresh]');
    expect(await ringing(later)).toEqual({ bar: false, document: null, calls: [] });
    await later.context().close();
    await tablet.context().close();
  });
});

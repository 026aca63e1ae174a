import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CategoryDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { formatWon } from '@hiorder/domain/shared/money';
import type { SalesSummaryDto } from '@hiorder/domain/stats/stats.schemas';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildAdminApp,
  catalogOf,
  expectAccessible,
  firstTable,
  Http,
  kitchenCode,
  launchBrowser,
  loginAdmin,
  pairTable,
  placeAndPay,
  startServer,
  type RunningServer,
} from './harness';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

let server: RunningServer;
let browser: Browser;
let admin: Http;
let tablet: Http;
let boardContext: BrowserContext;
let board: Page;
let kitchenContext: BrowserContext;
let kitchen: Page;
let menu: MenuDto;

async function until<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/admin/`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', server.adminPassword);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=link-status][data-status=live]');
}

/** A menu photo made by the browser itself: a PNG of a plate drawn with CSS. */
async function makePhoto(): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 400, height: 300 } });
  await page.setContent(`<div style="width:400px;height:300px;background:radial-gradient(circle at 50% 55%,#fff 0 38%,#e9ecef 39% 44%,#8d5524 45%,#5c3317 100%);display:grid;place-items:center">
    <div style="width:150px;height:90px;border-radius:50%;background:radial-gradient(circle at 40% 40%,#c0392b,#7b241c);box-shadow:0 0 0 12px #6ab04c inset"></div></div>`);
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return png;
}

const orderOnBoard = (id: string, column: 'fresh' | 'accepted' | 'served') => `[data-testid=column-${column}] [data-order-id="${id}"]`;
const tileOf = (id: string) => `[data-testid=kitchen-tile][data-order-id="${id}"]`;

describe('admin app against a real server', () => {
  beforeAll(async () => {
    buildAdminApp();
    server = await startServer();
    browser = await launchBrowser();
    admin = await loginAdmin(server);
    tablet = await pairTable(admin, (await firstTable(admin)).id);
    boardContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' });
    board = await boardContext.newPage();
    await signIn(board);
    kitchenContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' });
    kitchen = await kitchenContext.newPage();
    await kitchen.goto(`${server.url}/kitchen/?pair=${await kitchenCode(admin)}`);
    await kitchen.waitForSelector('[data-testid=link-status][data-status=live]');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the admin create a category and a menu with a photo that tablets see at once', async () => {
    await board.goto(`${server.url}/admin/catalog`);
    await board.click('[data-testid=new-category]');
    await board.fill('input[name=categoryKo]', 'E2E 특선');
    await board.fill('input[name=categoryEn]', 'E2E specials');
    await board.click('[data-testid=save-category]');
    await board.waitForSelector('[data-testid=category-item].on >> text=E2E 특선');

    await board.click('[data-testid=new-menu]');
    await board.fill('input[name=nameKo]', 'E2E 불고기');
    await board.fill('input[name=nameEn]', 'E2E Bulgogi');
    await board.fill('input[name=price]', '15000');
    await board.getByText('수량을 세어 관리').click();
    await board.fill('input[name=stock]', '40');
    await board.setInputFiles('input[name=photo]', { name: 'bulgogi.png', mimeType: 'image/png', buffer: await makePhoto() });
    await board.waitForFunction(() =>
      document.querySelector<HTMLElement>('[data-testid=photo-preview]')?.style.backgroundImage.includes('blob:'),
    );
    await board.click('[data-testid=save-menu]');
    await board.waitForSelector('[data-testid=menu-card] >> text=E2E 불고기');

    // Bounded by `until`; how fast it arrives is the bench's business, not a budget in a test.
    menu = await until(async () => {
      const found = (await catalogOf(tablet)).menus.find((m) => m.name.ko === 'E2E 불고기');
      return found?.photoUrl ? found : null;
    }, 'the new menu on the tablet API');
    expect(menu).toMatchObject({ price: 15000, stock: 40, course: 'main', name: { en: 'E2E Bulgogi' } });
    const photo = await fetch(`${server.url}${menu.photoUrl}`);
    expect(photo.status).toBe(200);

    // Another admin's change reaches this screen through `catalog.changed`, without a reload.
    const other = await admin.ok<CategoryDto>('POST', '/api/categories', { name: { ko: '다른 관리자', en: 'Other admin' } });
    await board.waitForSelector('[data-testid=category-item] >> text=다른 관리자', { timeout: 5000 });
    await admin.ok('DELETE', `/api/categories/${other.id}`);
    await board.waitForSelector('[data-testid=category-item] >> text=다른 관리자', { state: 'detached', timeout: 5000 });
  });

  it('shows a paid order on the board and the kitchen, never an unpaid one; accept and serve reach the tablet', async () => {
    await board.goto(`${server.url}/admin/board`);
    await board.waitForSelector('[data-testid=link-status][data-status=live]');
    const unpaid = await tablet.ok<OrderDto>('POST', '/api/orders', {
      idempotencyKey: `e2e-unpaid-${Date.now()}`,
      lines: [{ menuId: menu.id, qty: 1 }],
    });
    const order = await placeAndPay(tablet, [{ menuId: menu.id, qty: 2 }], '덜 맵게');

    await board.waitForSelector(orderOnBoard(order.id, 'fresh'), { timeout: 5000 });
    await kitchen.waitForSelector(tileOf(order.id), { timeout: 5000 });
    // I2: the unpaid order, placed first, is on neither screen.
    expect(await board.locator(`[data-order-id="${unpaid.id}"]`).count()).toBe(0);
    expect(await kitchen.locator(`[data-order-id="${unpaid.id}"]`).count()).toBe(0);
    await expect(kitchen.locator(tileOf(order.id)).innerText()).resolves.toContain('덜 맵게');

    await board.click(`${orderOnBoard(order.id, 'fresh')} .btn-accept`);
    await board.waitForSelector(orderOnBoard(order.id, 'accepted'));
    await until(
      async () => (await tablet.ok<OrderDto>('GET', `/api/orders/${order.id}`)).status === 'accepted',
      'the tablet to see accepted',
    );

    await kitchen.click(`${tileOf(order.id)} .bump`);
    await kitchen.waitForSelector(tileOf(order.id), { state: 'detached' });
    await board.waitForSelector(orderOnBoard(order.id, 'served'));
    await until(async () => (await tablet.ok<OrderDto>('GET', `/api/orders/${order.id}`)).status === 'served', 'the tablet to see served');
  });

  it('releases a counter payment to the kitchen: awaiting counter payment on the board (never the kitchen), settled in cash it cooks', async () => {
    await board.goto(`${server.url}/admin/board`);
    await board.waitForSelector('[data-testid=link-status][data-status=live]');
    const order = await tablet.ok<OrderDto>('POST', '/api/orders', {
      idempotencyKey: `e2e-counter-${Date.now()}`,
      lines: [{ menuId: menu.id, qty: 1 }],
    });
    expect(await tablet.ok<OrderDto>('POST', `/api/orders/${order.id}/pay-at-counter`)).toMatchObject({
      status: 'pending_payment',
      payment: 'counter',
    });

    const card = `[data-testid=column-counter] [data-order-id="${order.id}"]`;
    await board.waitForSelector(card, { timeout: 5000 });
    expect(await kitchen.locator(`[data-order-id="${order.id}"]`).count()).toBe(0);
    await board.screenshot({ path: resolve(SCREENSHOTS, 'admin-board-counter-payment.png') });

    await board.click(`${card} [data-testid=settle-cash]`);
    await board.waitForSelector(orderOnBoard(order.id, 'fresh'), { timeout: 5000 });
    await kitchen.waitForSelector(tileOf(order.id), { timeout: 5000 });
    expect(await tablet.ok<OrderDto>('GET', `/api/orders/${order.id}`)).toMatchObject({ status: 'paid', payment: 'done' });
    const stats = await admin.ok<SalesSummaryDto>('GET', '/api/stats/summary');
    expect(stats.byMethod.find((m) => m.method === 'cash')?.orders).toBeGreaterThanOrEqual(1);
    await board.click(`${orderOnBoard(order.id, 'fresh')} .btn-accept`);
    await board.waitForSelector(orderOnBoard(order.id, 'accepted'));
  });

  it('cancels a paid order from the board: refunded, stock back, the tablet sees cancelled', async () => {
    const stockBefore = (await catalogOf(tablet)).menus.find((m) => m.id === menu.id)?.stock;
    const order = await placeAndPay(tablet, [{ menuId: menu.id, qty: 3 }]);
    expect((await catalogOf(tablet)).menus.find((m) => m.id === menu.id)?.stock).toBe((stockBefore ?? 0) - 3);

    await board.waitForSelector(orderOnBoard(order.id, 'fresh'));
    await board.click(`${orderOnBoard(order.id, 'fresh')} .btn-danger`);
    await board.click('[data-testid=confirm-cancel]');
    await board.waitForSelector(`[data-order-id="${order.id}"]`, { state: 'detached' });
    await kitchen.waitForSelector(tileOf(order.id), { state: 'detached' });

    const seen = await tablet.ok<OrderDto>('GET', `/api/orders/${order.id}`);
    expect(seen).toMatchObject({ status: 'cancelled', payment: 'cancelled' });
    expect((await catalogOf(tablet)).menus.find((m) => m.id === menu.id)?.stock).toBe(stockBefore);
  });

  it("moves the dashboard with the stats API: a paid order's amount shows up in net sales", async () => {
    const summary = (): Promise<SalesSummaryDto> => admin.ok<SalesSummaryDto>('GET', '/api/stats/summary');
    await board.goto(`${server.url}/admin/dashboard`);
    await board.waitForSelector('[data-testid=net-sales]');
    const before = (await summary()).totals.net;
    await expect(board.locator('[data-testid=net-sales]').innerText()).resolves.toBe(formatWon(before, 'ko'));

    const order = await placeAndPay(tablet, [{ menuId: menu.id, qty: 2 }]);
    const after = await until(async () => {
      const net = (await summary()).totals.net;
      return net === before + order.total ? net : null;
    }, 'the read model to count the order');
    // No reload: the page follows `stats:updated`.
    await board.waitForFunction((text) => document.querySelector('[data-testid=net-sales]')?.textContent === text, formatWon(after, 'ko'), {
      timeout: 5000,
    });
    await admin.ok('POST', `/api/orders/${order.id}/accept`);
    await admin.ok('POST', `/api/orders/${order.id}/serve`);
    await board.goto(`${server.url}/admin/board`);
    await board.waitForSelector('[data-testid=link-status][data-status=live]');
  });

  it('misses no order: a kitchen display cut off while 10 orders are paid shows all 10, in order, once', async () => {
    await kitchenContext.setOffline(true);
    const placed: OrderDto[] = [];
    try {
      await kitchen.waitForSelector('[data-testid=reconnecting]', { timeout: 10_000 });
      for (let i = 0; i < 10; i += 1) placed.push(await placeAndPay(tablet, [{ menuId: menu.id, qty: 1 }]));
      await new Promise((r) => setTimeout(r, 500));
      expect(await kitchen.locator(tileOf(placed[0]?.id ?? '')).count()).toBe(0);
    } finally {
      await kitchenContext.setOffline(false);
    }
    await kitchen.waitForSelector(tileOf(placed[9]?.id ?? ''), { timeout: 15_000 });
    await kitchen.waitForSelector('[data-testid=link-status][data-status=live]');
    const ids = await kitchen
      .locator('[data-testid=kitchen-tile]')
      .evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-order-id') ?? ''));
    const wanted = placed.map((o) => o.id);
    expect(ids.filter((id) => wanted.includes(id))).toEqual(wanted);
    expect(new Set(ids).size).toBe(ids.length);
    // The board saw them too, once each.
    await board.waitForSelector(orderOnBoard(placed[9]?.id ?? '', 'fresh'));
    const onBoard = await board
      .locator('[data-testid=column-fresh] [data-testid=order-card]')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-order-id') ?? ''));
    expect(onBoard.filter((id) => wanted.includes(id))).toEqual(wanted);
  });

  it('keeps table and kitchen tokens out of store management', async () => {
    const kitchenDevice = await new Http(server.url).ok<{ deviceToken: string }>('POST', '/api/devices/pair', {
      code: await kitchenCode(admin),
    });
    const kitchenHttp = admin.with(kitchenDevice.deviceToken);
    for (const device of [tablet, kitchenHttp]) {
      const attempts = [
        await device.call('POST', '/api/categories', { name: { ko: '해킹', en: '' } }),
        await device.call('PATCH', `/api/menus/${menu.id}`, { price: 1 }),
        await device.call('DELETE', `/api/menus/${menu.id}`),
        await device.call('GET', '/api/staff'),
        await device.call('POST', '/api/pairing-codes', { role: 'kitchen' }),
        await device.call('GET', '/api/admin/catalog'),
      ];
      expect(attempts.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403]);
    }
    expect((await catalogOf(tablet)).menus.find((m) => m.id === menu.id)?.price).toBe(15000);
  });

  it('keeps store management admin-only: a staff account runs the board but cannot edit the store', async () => {
    if (!server.staff) throw new Error('the server did not print the demo staff account');
    const session = await new Http(server.url).ok<{ accessToken: string }>('POST', '/api/auth/login', server.staff);
    const staff = admin.with(session.accessToken);
    expect((await staff.call('GET', '/api/orders')).status).toBe(200);
    expect((await staff.call('POST', '/api/categories', { name: { ko: '직원', en: '' } })).status).toBe(403);
    expect((await staff.call('GET', '/api/staff')).status).toBe(403);

    const staffContext = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'ko-KR' });
    const page = await staffContext.newPage();
    await page.goto(`${server.url}/admin/catalog`);
    await page.fill('input[name=username]', server.staff.username);
    await page.fill('input[name=password]', server.staff.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=link-status][data-status=live]');
    expect(await page.locator('nav a[href="/admin/catalog"]').count()).toBe(0);
    expect(await page.locator('[data-testid=new-category]').count()).toBe(0);
    await expect(page.locator('main').innerText()).resolves.toContain('관리자만');
    await staffContext.close();
  });

  it('filters the kitchen display by station', async () => {
    const catalog = await catalogOf(tablet);
    const bar = new Set(catalog.categories.filter((c) => c.station === 'bar').map((c) => c.id));
    const drink = catalog.menus.find(
      (m) => bar.has(m.categoryId) && m.course === 'other' && !m.soldOut && m.stock !== 0 && m.limitPerVisit === null,
    );
    if (!drink) throw new Error('the demo seed has no bar menu');
    const food = await placeAndPay(tablet, [{ menuId: menu.id, qty: 1 }]);
    const drinks = await placeAndPay(tablet, [{ menuId: drink.id, qty: 2 }]);
    await kitchen.waitForSelector(tileOf(drinks.id));
    await kitchen.getByRole('button', { name: '바', exact: true }).click();
    await kitchen.waitForSelector(tileOf(food.id), { state: 'detached' });
    expect(await kitchen.locator(tileOf(drinks.id)).count()).toBe(1);
    await kitchen.getByRole('button', { name: '주방', exact: true }).click();
    await kitchen.waitForSelector(tileOf(food.id));
    expect(await kitchen.locator(tileOf(drinks.id)).count()).toBe(0);
    await kitchen.getByRole('button', { name: '전체', exact: true }).click();
    for (const o of [food, drinks]) {
      await admin.ok('POST', `/api/orders/${o.id}/accept`);
      await admin.ok('POST', `/api/orders/${o.id}/serve`);
    }
  });

  it('shows every navigation entry whole and clickable at 1440×900 and 1024×768, in Korean and English', async () => {
    for (const [width, height] of [
      [1440, 900],
      [1024, 768],
    ] as const) {
      await board.setViewportSize({ width, height });
      for (const language of ['ko', 'en'] as const) {
        await board.goto(`${server.url}/admin/board`);
        await board.waitForSelector('[data-testid=link-status]');
        // The language button names the other language.
        const showing = (await board.getByRole('button', { name: 'English', exact: true }).count()) > 0 ? 'ko' : 'en';
        if (showing !== language) await board.getByRole('button', { name: language === 'en' ? 'English' : '한국어', exact: true }).click();
        const where = `${width}x${height} ${language}`;
        const nav = board.getByRole('navigation');
        expect(await nav.evaluate((el) => el.scrollWidth <= el.clientWidth), `${where}: the navigation does not scroll`).toBe(true);
        const links = await nav.getByRole('link').all();
        // Every screen of an admin, and the kitchen display.
        expect(links.length, where).toBeGreaterThanOrEqual(12);
        for (const link of links) {
          const name = (await link.textContent()) ?? '';
          const box = await link.boundingBox();
          expect(box, `${where}: "${name}" is laid out`).not.toBeNull();
          if (!box) continue;
          expect(box.x, `${where}: "${name}" starts on screen`).toBeGreaterThanOrEqual(0);
          expect(box.x + box.width, `${where}: "${name}" ends on screen`).toBeLessThanOrEqual(width);
          expect(box.y + box.height, `${where}: "${name}" is above the fold`).toBeLessThanOrEqual(height);
          // Nothing covers it: the point a finger lands on is the link itself.
          const hit = await link.evaluate((el) => {
            const r = el.getBoundingClientRect();
            const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return top !== null && el.contains(top);
          });
          expect(hit, `${where}: "${name}" receives the tap`).toBe(true);
        }
        // And each screen link takes you there.
        for (const link of links) {
          const href = (await link.getAttribute('href')) ?? '';
          if (!href.startsWith('/admin/')) continue;
          await link.click();
          await board.waitForURL(`${server.url}${href}`);
          expect(await link.getAttribute('aria-current'), `${where}: ${href} is the current page`).toBe('page');
        }
      }
      await board.getByRole('button', { name: '한국어', exact: true }).click();
    }
    await board.setViewportSize({ width: 1440, height: 900 });
    await board.goto(`${server.url}/admin/board`);
    await board.waitForSelector('[data-testid=link-status][data-status=live]');
  });

  it('takes screenshots of the board, the kitchen display, menu editing and the dashboard', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // Clear the test orders off the board so the pictures show a service, not a test run.
    const leftovers = await admin.ok<OrderDto[]>('GET', '/api/orders?status=paid,accepted');
    for (const o of leftovers) {
      if (o.status === 'paid') await admin.ok('POST', `/api/orders/${o.id}/accept`);
      await admin.ok('POST', `/api/orders/${o.id}/serve`);
    }
    const tables = await admin.ok<{ id: string; label: string; position: number }[]>('GET', '/api/tables');
    const tableOne = [...tables].sort((a, b) => a.position - b.position)[0];
    if (tableOne) await admin.call('POST', `/api/tables/${tableOne.id}/close-visit`, { force: true });
    const catalog = await catalogOf(tablet);
    const mains = catalog.menus.filter((m) => m.course === 'main' && m.stock !== 0 && !m.soldOut && m.limitPerVisit === null).slice(0, 4);
    const drinks = catalog.menus.filter((m) => m.course === 'other' && m.stock !== 0 && !m.soldOut && m.limitPerVisit === null).slice(0, 2);
    const others = [...tables].sort((a, b) => a.position - b.position).slice(1, 7);
    const extra: OrderDto[] = [];
    for (const [i, table] of others.entries()) {
      const device = await pairTable(admin, table.id);
      const picks =
        i % 3 === 0
          ? [mains[i % mains.length], mains[(i + 1) % mains.length], drinks[0]]
          : [mains[i % mains.length], drinks[i % Math.max(drinks.length, 1)]];
      const lines = [...new Map(picks.flatMap((m) => (m ? [[m.id, { menuId: m.id, qty: 1 + (i % 2) }] as const] : []))).values()];
      extra.push(await placeAndPay(device, lines, i === 1 ? '고수 빼주세요' : undefined));
      if (i === 2) await device.ok('POST', '/api/staff-calls', { kind: 'water' });
    }
    for (const o of extra.slice(0, 3)) await admin.ok('POST', `/api/orders/${o.id}/accept`);
    const done = extra[0];
    if (done) await admin.ok('POST', `/api/orders/${done.id}/serve`);
    await board.waitForSelector(orderOnBoard(extra.at(-1)?.id ?? '', 'fresh'));

    for (const [w, h] of [
      [1024, 768],
      [1440, 900],
      // A portrait tablet on the pass, as the kitchen display or the board.
      [800, 1280],
    ] as const) {
      await board.setViewportSize({ width: w, height: h });
      await kitchen.setViewportSize({ width: w, height: h });
      await board.goto(`${server.url}/admin/board`);
      await board.waitForSelector('[data-testid=link-status][data-status=live]');
      await board.waitForSelector('[data-testid=order-card]');
      await board.screenshot({ path: `${SCREENSHOTS}/admin-board-${w}.png` });
      await board.goto(`${server.url}/admin/tables`);
      await board.waitForSelector('[data-testid=table-tile]');
      await board.screenshot({ path: `${SCREENSHOTS}/admin-tables-${w}.png` });
      await kitchen.waitForSelector('[data-testid=kitchen-tile]');
      // Every tile whole and apart, even when they overflow the screen: its bump button is not under another tile.
      const tiles = await kitchen.$$eval('[data-testid=kitchen-tile]', (els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, cut: el.scrollHeight - el.clientHeight };
        }),
      );
      expect(
        tiles.filter((t) => t.cut > 1),
        `kitchen tiles cut short at ${w}×${h}`,
      ).toEqual([]);
      const overlapping = tiles.flatMap((a, i) =>
        tiles.slice(i + 1).filter((b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1),
      );
      expect(overlapping, `kitchen tiles overlapping at ${w}×${h}`).toEqual([]);
      await kitchen.screenshot({ path: `${SCREENSHOTS}/admin-kitchen-${w}.png` });
      await board.goto(`${server.url}/admin/catalog`);
      await board.waitForSelector('[data-testid=menu-card]');
      await board.screenshot({ path: `${SCREENSHOTS}/admin-menu-${w}.png` });
      await board.locator('[data-testid=menu-card] button').first().click();
      await board.waitForSelector('[data-testid=save-menu]');
      await board.screenshot({ path: `${SCREENSHOTS}/admin-menu-edit-${w}.png` });
      await board.goto(`${server.url}/admin/dashboard`);
      await board.waitForSelector('[data-testid=net-sales]');
      await board.waitForTimeout(800);
      await board.screenshot({ path: `${SCREENSHOTS}/admin-dashboard-${w}.png` });
    }
  });

  it('has no critical or serious accessibility violation on any screen (axe-core), in Korean and English', async () => {
    const loginContext = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' });
    const login = await loginContext.newPage();
    await login.goto(`${server.url}/admin/`);
    await login.waitForSelector('input[name=username]');
    await expectAccessible(login, 'login');
    await loginContext.close();

    await board.setViewportSize({ width: 1440, height: 900 });
    for (const [screen, ready] of [
      ['board', '[data-testid=order-card]'],
      ['tables', '[data-testid=table-tile]'],
      ['catalog', '[data-testid=menu-card]'],
      ['devices', 'table'],
      ['staff', 'table'],
      ['dashboard', '[data-testid=net-sales]'],
    ] as const) {
      await board.goto(`${server.url}/admin/${screen}`);
      await board.waitForSelector(ready);
      await board.waitForTimeout(300);
      await expectAccessible(board, screen);
    }
    await board.goto(`${server.url}/admin/catalog`);
    await board.waitForSelector('[data-testid=menu-card]');
    await board.locator('[data-testid=menu-card] button').first().click();
    await board.waitForSelector('[data-testid=save-menu]');
    await expectAccessible(board, 'menu editor');
    await kitchen.waitForSelector('[data-testid=kitchen-tile]');
    await expectAccessible(kitchen, 'kitchen display');

    // Confirmations are dialogs, not window.confirm(): named, focus inside, Escape closes, focus comes back.
    await board.goto(`${server.url}/admin/devices`);
    const revoke = board.getByRole('button', { name: '연결 해제' }).first();
    await revoke.focus();
    await board.keyboard.press('Enter');
    const dialog = board.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await expectAccessible(board, 'confirm dialog');
    await board.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await revoke.evaluate((el) => el === document.activeElement)).toBe(true);

    // Cancelled orders leave the board; its link opens the history filtered on them. The kitchen display is in the navigation.
    await board.goto(`${server.url}/admin/board`);
    expect(await board.getByTestId('nav-kitchen').getAttribute('href')).toBe('/kitchen/');
    await board.getByTestId('cancelled-link').click();
    await board.waitForURL(/\/admin\/history\?status=cancelled/);
    expect(await board.locator('select[name=status]').inputValue()).toBe('cancelled');
    await board.waitForSelector('[data-testid=history-row], .empty');
    await expectAccessible(board, 'history (cancelled)');
    expect((await fetch(`${server.url}/favicon.ico`)).status).toBe(200);

    // The dashboard in English, checked and photographed.
    await board.goto(`${server.url}/admin/dashboard`);
    await board.waitForSelector('[data-testid=net-sales]');
    await board.getByRole('button', { name: 'English' }).click();
    await board.waitForTimeout(800);
    await expectAccessible(board, 'dashboard (en)');
    await board.screenshot({ path: `${SCREENSHOTS}/admin-dashboard-en-1440.png` });
    await board.getByRole('button', { name: '한국어' }).click();
  });

  it('sends a revoked kitchen display back to the pairing screen', async () => {
    const deviceId = await kitchen.evaluate(
      () => (JSON.parse(localStorage.getItem('hiorder.kitchen.device') ?? '{}') as { deviceId?: string }).deviceId,
    );
    expect(deviceId).toBeTruthy();
    await admin.ok('DELETE', `/api/devices/${deviceId}`);
    await kitchen.waitForSelector('input[name=code]', { timeout: 10_000 });
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { CategoryDto, MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import type { Allergen } from '@hiorder/domain/catalog/menu-labels';
import type { OrderDto } from '@hiorder/domain/ordering/ordering.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminApp } from '../../admin-app/e2e/harness';
import {
  buildTabletApp,
  expectAccessible,
  launch,
  newTablet,
  pair,
  SCREENSHOTS,
  StaffApi,
  startServer,
  until,
  type TestServer,
} from './harness';

let server: TestServer;
let browser: Browser;
let staff: StaffApi;

/** A category of its own (not the demo's), with dishes labelled as the test needs. */
async function categoryWith(nameKo: string, nameEn: string, dishes: { ko: string; en: string; allergens: Allergen[] }[]) {
  const category = await staff.call<CategoryDto>('POST', '/api/categories', { name: { ko: nameKo, en: nameEn } });
  const menus: MenuDto[] = [];
  for (const d of dishes) {
    menus.push(
      await staff.call<MenuDto>('POST', '/api/menus', {
        categoryId: category.id,
        name: { ko: d.ko, en: d.en },
        price: 8000,
        course: 'other',
        labels: { allergens: d.allergens },
      }),
    );
  }
  return { category, menus };
}

describe('tablet: the guest’s allergy filter and the order’s request', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    buildTabletApp();
    buildAdminApp();
    server = await startServer();
    staff = new StaffApi(server.base);
    await staff.login(server.adminPassword);
    browser = await launch();
    // Two app builds on a loaded machine.
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('hides the dishes with an avoided allergen, says so, keeps working offline and warns on a dish already in the cart', async () => {
    const { menus } = await categoryWith('알레르기 시험', 'Allergy test', [
      { ko: '땅콩 강정', en: 'Peanut brittle', allergens: ['peanut', 'wheat'] },
      { ko: '우유 빙수', en: 'Milk bingsu', allergens: ['milk'] },
      { ko: '수정과', en: 'Sujeonggwa', allergens: [] },
    ]);
    const [peanut, milk, plain] = menus as [MenuDto, MenuDto, MenuDto];
    const { context, page } = await newTablet(browser);
    await pair(page, await staff.pairingUrl('알레르기'));
    await page.getByRole('tab', { name: '알레르기 시험', exact: true }).click();
    const card = (m: MenuDto) => page.locator(`.grid [data-menu-id="${m.id}"]`);
    await card(plain).waitFor();
    // The peanut dish goes into the cart before the filter is set: the cart then says what it contains.
    await card(peanut).locator('.menu-card-add').click();
    await expect.poll(() => page.locator(`.cart-line[data-menu-id="${peanut.id}"]`).count()).toBe(1);

    await page.getByTestId('allergy-filter').click();
    const sheet = page.getByTestId('allergy-sheet');
    await sheet.locator('[data-allergen="peanut"]').click();
    expect(await sheet.locator('[data-allergen="peanut"]').getAttribute('aria-pressed')).toBe('true');
    // Every toggle is at least the tablet's 56 px tap size.
    const boxes = await sheet.locator('.allergy-chip').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(boxes).toHaveLength(19);
    expect(Math.min(...boxes)).toBeGreaterThanOrEqual(56);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SCREENSHOTS, 'tablet-allergy-filter-ko.png') });
    await expectAccessible(page, 'allergy filter');
    await page.getByTestId('allergy-done').click();

    await expect.poll(() => card(peanut).count()).toBe(0);
    expect(await card(milk).count()).toBe(1);
    expect(await card(plain).count()).toBe(1);
    expect(await page.getByTestId('allergy-bar').innerText()).toContain('제외 중: 땅콩');
    expect(await page.locator(`.cart-line[data-menu-id="${peanut.id}"] .cart-line-allergy`).innerText()).toBe('주의: 땅콩 포함');

    // Offline: the filter runs on the catalog the tablet holds.
    await context.setOffline(true);
    await page.getByTestId('allergy-filter').click();
    await sheet.locator('[data-allergen="milk"]').click();
    await page.getByTestId('allergy-done').click();
    await expect.poll(() => card(milk).count()).toBe(0);
    expect(await card(plain).count()).toBe(1);
    await context.setOffline(false);

    // A reload keeps the guest's filter (session storage), in English too.
    await page.reload();
    await page.locator('.menu-card').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('lang').click();
    await page.getByRole('tab', { name: 'Allergy test', exact: true }).click();
    await card(plain).waitFor();
    expect(await card(peanut).count()).toBe(0);
    expect(await card(milk).count()).toBe(0);
    expect(await page.getByTestId('allergy-bar').innerText()).toContain('Avoiding: Milk, Peanut');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SCREENSHOTS, 'tablet-allergy-filtered-en.png') });

    // Clearing the filter brings every dish back.
    await page.getByTestId('allergy-filter').click();
    await sheet.getByRole('button', { name: 'Clear all' }).click();
    await page.getByTestId('allergy-done').click();
    await expect.poll(() => card(peanut).count()).toBe(1);
    expect(await page.getByTestId('allergy-bar').count()).toBe(0);
    await context.close();
  });
  it('sends the order’s request typed in the cart, and the board and the kitchen display show it', async () => {
    const { menus } = await categoryWith('요청 시험', 'Request test', [{ ko: '식혜', en: 'Sikhye', allergens: [] }]);
    const dish = menus[0] as MenuDto;
    const { context, page } = await newTablet(browser);
    await pair(page, await staff.pairingUrl('요청'));
    await page.getByRole('tab', { name: '요청 시험', exact: true }).click();
    await page.locator(`.grid [data-menu-id="${dish.id}"] .menu-card-add`).click();
    const note = page.locator('.cart-aside [data-testid="order-note"]');
    // Bounded like the order schema: the field takes 200 characters and no more.
    await note.fill('가'.repeat(250));
    expect((await note.inputValue()).length).toBe(200);
    await note.fill('아이 수저 하나, 앞접시 두 개 주세요');
    // Kept with the cart: a reload brings it back.
    await page.reload();
    await page.locator('.menu-card').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => note.inputValue()).toBe('아이 수저 하나, 앞접시 두 개 주세요');
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SCREENSHOTS, 'tablet-order-note-ko.png') });

    await page.locator('.cart-aside .cart-foot .btn-primary').click();
    await page.getByTestId('payment-sheet').waitFor();
    await page.locator('[data-card="approve"]').click();
    await page.locator('[data-testid="payment-sheet"] .btn-primary').click();
    await page.getByTestId('checkout-paid').waitFor({ timeout: 20_000 });
    const orders = await until(
      () => staff.ordersOfTable('요청'),
      (list) => list.some((o: OrderDto) => o.status === 'paid'),
    );
    const order = orders.find((o) => o.status === 'paid') as OrderDto;
    expect(order.note).toBe('아이 수저 하나, 앞접시 두 개 주세요');
    // The cart is empty again, and so is its request.
    await page.getByRole('button', { name: '메뉴로 돌아가기' }).click();
    await page.getByRole('tab', { name: '요청 시험', exact: true }).click();
    await page.locator(`.grid [data-menu-id="${dish.id}"] .menu-card-add`).click();
    await expect.poll(() => note.inputValue()).toBe('');

    const staffContext = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'ko-KR' });
    const kitchen = await staffContext.newPage();
    const code = await staff.call<{ code: string }>('POST', '/api/pairing-codes', { role: 'kitchen', name: 'e2e kitchen' });
    await kitchen.goto(`${server.base}/kitchen/?pair=${code.code}`);
    const tile = kitchen.locator(`[data-testid=kitchen-tile][data-order-id="${order.id}"]`);
    await tile.waitFor({ timeout: 30_000 });
    expect(await tile.locator('.tile-note').innerText()).toContain('아이 수저 하나, 앞접시 두 개 주세요');
    await tile.screenshot({ path: join(SCREENSHOTS, 'kitchen-order-note.png') });

    const board = await staffContext.newPage();
    await board.goto(`${server.base}/admin/`);
    await board.fill('input[name=username]', 'admin');
    await board.fill('input[name=password]', server.adminPassword);
    await board.click('button[type=submit]');
    await board.waitForSelector('[data-testid=link-status][data-status=live]');
    await board.goto(`${server.base}/admin/board`);
    const card = board.locator(`[data-order-id="${order.id}"]`).first();
    await card.waitFor({ timeout: 30_000 });
    expect(await card.locator('.note').innerText()).toContain('아이 수저 하나, 앞접시 두 개 주세요');

    // The owner duplicates the dish from the menu list: the copy comes next to it, "(복사)", hidden, in the editor.
    await board.goto(`${server.base}/admin/catalog`);
    await board.locator('[data-testid=category-item]', { hasText: '요청 시험' }).locator('button.name').click();
    await board.locator('[data-testid=menu-card]', { hasText: '식혜' }).getByTestId('duplicate-menu').click();
    await board.locator('input[name=nameKo]').waitFor();
    expect(await board.locator('input[name=nameKo]').inputValue()).toBe('식혜 (복사)');
    await board.keyboard.press('Escape');
    const copyCard = board.locator('[data-testid=menu-card]', { hasText: '식혜 (복사)' });
    await copyCard.waitFor();
    expect(await copyCard.locator('.pill-hidden').count()).toBe(1);
    await board.screenshot({ path: join(SCREENSHOTS, 'admin-menu-duplicated.png') });
    const copies = (await staff.catalog()).menus.filter((m) => m.name.ko === '식혜 (복사)');
    expect(copies).toMatchObject([{ hidden: true, categoryId: dish.categoryId, price: dish.price }]);
    await staffContext.close();
    await context.close();
  });
});

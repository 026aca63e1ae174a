import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AttractScreen } from '@hiorder/domain/catalog/attract-screen';
import { isOrderable, type CatalogDto, type MenuDto } from '@hiorder/domain/catalog/catalog.schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTabletApp,
  DESKTOP,
  expectAccessible,
  LANDSCAPE,
  launch,
  pair,
  PORTRAIT,
  SCREENSHOTS,
  StaffApi,
  startServer,
  type Size,
  type TestServer,
} from './harness';

/**
 * The owner's attract screen on real tablets: set through the HTTP API as the admin app does, with a short idle
 * time so the test waits seconds, not minutes. Its own server: an attract screen after 10 s would cover the other
 * suite's screens.
 */
const IDLE_SECONDS = 10;
/** Bounded waits: the idle time, plus a loaded machine's slack. */
const APPEARS_WITHIN_MS = IDLE_SECONDS * 1000 + 20_000;

let server: TestServer;
let browser: Browser;
let staff: StaffApi;
let catalog: CatalogDto;
let screen: AttractScreen;

async function tablet(size: Size, options: { reducedMotion?: 'reduce' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, hasTouch: true, locale: 'ko-KR', ...options });
  return { context, page: await context.newPage() };
}

/** An event poster drawn by the browser itself (no image files in the repository): a PNG of a styled page. */
async function eventPoster(): Promise<Buffer> {
  const { context, page } = await tablet({ width: 1200, height: 900 });
  await page.setContent(`<body style="margin:0;display:grid;place-content:center;height:100vh;text-align:center;
    font-family:'Noto Sans CJK KR',sans-serif;color:#fff;background:linear-gradient(135deg,#e9a827,#c8462a 60%,#7d2110)">
    <div style="font-size:88px;font-weight:900">봄맞이 만두 축제</div>
    <div style="font-size:48px">Spring dumpling festival</div></body>`);
  const png = await page.screenshot({ type: 'png' });
  await context.close();
  return png;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `tablet-attract-${name}.png`) });
}

/** Waits for the attract screen; returns how long after `since` it came. */
async function attractAppears(page: Page, since: number): Promise<number> {
  await page.getByTestId('attract-screen').waitFor({ state: 'visible', timeout: APPEARS_WITHIN_MS });
  return Date.now() - since;
}

describe('the attract screen the owner controls, on a tablet', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    buildTabletApp();
    server = await startServer();
    staff = new StaffApi(server.base);
    await staff.login(server.adminPassword);
    catalog = await staff.catalog();
    browser = await launch();

    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(await eventPoster())], { type: 'image/png' }), 'poster.png');
    const uploaded = await staff.upload<AttractScreen>('/api/store/attract-screen/images', form);
    const poster = uploaded.slides.at(-1);
    if (poster?.kind !== 'image') throw new Error('the upload did not add an image slide');
    const featured = catalog.menus.filter((m: MenuDto) => isOrderable(m) && m.photoUrl).slice(0, 2);
    expect(featured).toHaveLength(2);
    screen = {
      enabled: true,
      idleSeconds: IDLE_SECONDS,
      title: { ko: '봄맞이 만두 축제', en: 'Spring dumpling festival' },
      message: { ko: '만두 주문 시 음료 한 잔 무료', en: 'A free drink with every dumpling order' },
      slides: [
        { ...poster, caption: { ko: '4월 한 달 만두 축제', en: 'Dumplings all April' } },
        ...featured.map((m) => ({ kind: 'menu' as const, menuId: m.id })),
      ],
    };
    expect(await staff.call<AttractScreen>('PUT', '/api/store/attract-screen', screen)).toEqual(screen);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('covers the menu after the owner’s idle time, shows the event, passes axe, and a tap returns to the menu', async () => {
    const { context, page } = await tablet(LANDSCAPE);
    await pair(page, await staff.pairingUrl('1'));
    await page.getByRole('tab').nth(1).click();
    const touched = Date.now();
    const waited = await attractAppears(page, touched);
    // Not before the owner's idle time (a lower bound only: a loaded machine may be late, never early).
    expect(waited).toBeGreaterThanOrEqual(IDLE_SECONDS * 1000 - 500);

    const attract = page.getByTestId('attract-screen');
    await expect.poll(() => attract.getByRole('heading').textContent()).toBe('봄맞이 만두 축제');
    await attract.getByText('Spring dumpling festival').waitFor();
    await attract.getByText('만두 주문 시 음료 한 잔 무료').waitFor();
    await attract.locator('.attract-slide-on .attract-caption', { hasText: '4월 한 달 만두 축제' }).waitFor();
    expect(await attract.getAttribute('data-still')).toBe('false');
    await expect
      .poll(() => attract.locator('.attract-slide-on img').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBeGreaterThan(0);
    // The slides move on: the first menu follows the poster.
    const firstMenu = catalog.menus.find((m) => m.id === (screen.slides[1] as { menuId: string }).menuId) as MenuDto;
    await attract.locator('.attract-slide-on .attract-caption', { hasText: firstMenu.name.ko }).waitFor({ timeout: 20_000 });
    await expectAccessible(page, 'attract screen');
    await shot(page, 'ko-1024x768');

    // A tap anywhere (here on the slide, where a dish card lies beneath) returns to the menu and orders nothing.
    await attract.locator('.attract-stage').tap();
    await attract.waitFor({ state: 'detached', timeout: 5000 });
    await page.locator('.menu-card').first().waitFor();
    expect(await page.locator('.cart-line').count()).toBe(0);
    // Back on the menu, the guest starts from the first category (the browsing reset for the next guest).
    expect(await page.getByRole('tab').first().getAttribute('aria-selected')).toBe('true');
    await context.close();
  }, 180_000);

  it('keeps still under reduced motion and in the accessibility mode, in English and on other sizes, with no axe violations', async () => {
    const still = await tablet(PORTRAIT, { reducedMotion: 'reduce' });
    const easy = await tablet(LANDSCAPE);
    const wide = await tablet(DESKTOP);
    await pair(still.page, await staff.pairingUrl('2'));
    await pair(easy.page, await staff.pairingUrl('3'));
    await pair(wide.page, await staff.pairingUrl('4'));
    // English stays for the next guest only while something is in the cart (an empty tablet goes back to Korean).
    const plain = catalog.menus.find((m) => isOrderable(m) && m.optionGroupIds.length === 0 && m.limitPerVisit === null);
    const category = catalog.categories.find((c) => c.id === plain?.categoryId);
    if (!plain || !category) throw new Error('the demo catalog has no dish without options or limits');
    await still.page.getByRole('tab', { name: category.name.ko, exact: true }).click();
    await still.page.locator(`.grid [data-menu-id="${plain.id}"] .menu-card-add`).click();
    await still.page.locator('.cart-bar-count', { hasText: '1' }).waitFor();
    await still.page.getByTestId('lang').click();
    await easy.page.getByTestId('a11y-toggle').click();
    const since = Date.now();
    await Promise.all([attractAppears(still.page, since), attractAppears(easy.page, since), attractAppears(wide.page, since)]);

    const stillScreen = still.page.getByTestId('attract-screen');
    expect(await stillScreen.getAttribute('data-still')).toBe('true');
    expect(await stillScreen.getByRole('heading').textContent()).toBe('Spring dumpling festival');
    await stillScreen.getByText('A free drink with every dumpling order').waitFor();
    // Every slide at once, none hidden, nothing animated.
    expect(await stillScreen.locator('[data-testid="attract-slide"][aria-hidden="true"]').count()).toBe(0);
    expect(await stillScreen.locator('[data-testid="attract-slide"]').count()).toBe(screen.slides.length);
    const animations = await still.page.evaluate(() => document.getAnimations().length);
    expect(animations).toBe(0);
    await expectAccessible(still.page, 'attract screen, reduced motion, en');
    await shot(still.page, 'still-en-800x1280');

    const easyScreen = easy.page.getByTestId('attract-screen');
    expect(await easyScreen.getAttribute('data-still')).toBe('true');
    const smallest = await easyScreen.evaluate((root) =>
      Math.min(...[...root.querySelectorAll('p, h2, figcaption span, button')].map((el) => parseFloat(getComputedStyle(el).fontSize))),
    );
    expect(smallest).toBeGreaterThanOrEqual(24);
    await expectAccessible(easy.page, 'attract screen, accessibility mode');
    await shot(easy.page, 'a11y-ko-1024x768');

    await expectAccessible(wide.page, 'attract screen 1440x900');
    await shot(wide.page, 'ko-1440x900');

    // The keyboard's way back: the one button, focused when the screen opened.
    await easy.page.keyboard.press('Enter');
    await easyScreen.waitFor({ state: 'detached', timeout: 5000 });
    for (const t of [still, easy, wide]) await t.context.close();
  }, 300_000);

  it('stays away when the owner turns it off: the tablet keeps the menu on screen', async () => {
    await staff.call('PUT', '/api/store/attract-screen', { ...screen, enabled: false });
    const { context, page } = await tablet(LANDSCAPE);
    await pair(page, await staff.pairingUrl('5'));
    const since = Date.now();
    // Past the idle time (with slack) the menu is still there and nothing covers it.
    await page.waitForTimeout(IDLE_SECONDS * 1000 + 3000);
    expect(Date.now() - since).toBeGreaterThan(IDLE_SECONDS * 1000);
    expect(await page.getByTestId('attract-screen').count()).toBe(0);
    await page.locator('.menu-card').first().click();
    await page.locator('dialog[open]').first().waitFor();
    await context.close();
  });
});

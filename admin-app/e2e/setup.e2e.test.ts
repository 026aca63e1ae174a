import { resolve } from 'node:path';
import type { SessionDto, TableDto } from '@hiorder/domain/identity/identity.schemas';
import type { StoreSettings } from '@hiorder/domain/identity/store.schemas';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eServer } from '../../server/src/testing/e2e-server';
import { buildAdminApp, buildTabletApp, expectAccessible, Http, launchBrowser, type RunningServer } from './harness';

/**
 * A real store without the demo, in Chromium: `SEED_DEMO=false` on a blank database prints a setup link instead of a
 * pairing code; the owner fills the setup page, lands signed in on the tables page, pairs table 1's tablet, and
 * changes the store's settings. Nothing here comes from the demo seed.
 */
const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

let server: RunningServer;
let browser: Browser;

describe('first start without the demo', () => {
  beforeAll(async () => {
    buildAdminApp();
    buildTabletApp();
    server = await startE2eServer({ name: 'setup', env: { SEED_DEMO: 'false', ADMISSION_MAX_EVENT_LOOP_DELAY_MS: '5000' } });
    browser = await launchBrowser();
  }, 300_000); // two app builds on a loaded machine
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets up a store from a blank database and pairs its first table', async () => {
    expect(server.setupLink, server.output()).toMatch(/\/admin\/setup#token=[\w-]{20,}$/);
    expect(server.output()).not.toMatch(/Pairing code for table 1|Demo admin/);
    const setupLink = (server.setupLink as string).replace(/^https?:\/\/[^/]+/, server.url);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' });
    const page = await context.newPage();
    // The login page of a server without a store says where to go instead.
    await page.goto(`${server.url}/admin/`);
    await page.getByTestId('setup-needed').waitFor();

    await page.goto(setupLink);
    const form = page.getByTestId('setup-form');
    await form.locator('input[name=storeName]').fill('을지로 골목식당');
    await expect(form.locator('select[name=timeZone]').inputValue()).resolves.toBe('Asia/Seoul');
    await form.locator('input[name=lang-ja]').check();
    await form.locator('input[name=opensAt]').fill('11:30');
    await form.locator('input[name=closesAt]').fill('21:00');
    await form.locator('input[name=hasBreak]').check();
    await form.locator('input[name=username]').fill('Owner.Park');
    await form.locator('input[name=displayName]').fill('박사장');
    await form.locator('input[name=password]').fill('a long passphrase');
    await form.locator('input[name=passwordAgain]').fill('a different one');
    await form.locator('input[name=tables]').fill('6');
    await form.locator('button[type=submit]').click();
    await expect(form.getByRole('alert').textContent()).resolves.toContain('두 비밀번호가 다릅니다');
    await form.locator('input[name=passwordAgain]').fill('a long passphrase');
    await expectAccessible(page, 'setup');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-setup-1440.png`, fullPage: true });
    await form.locator('button[type=submit]').click();

    // Signed in as the owner, on the tables page, in a store named as typed.
    await page.waitForURL(/\/admin\/devices$/);
    await expect(page.locator('.topbar .logo').textContent()).resolves.toContain('을지로 골목식당');
    const rows = page.locator('table.data tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(6);
    await rows.first().getByRole('button', { name: '태블릿 연결 코드' }).click();
    const code = ((await page.getByTestId('pairing-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);

    const tablet = await (await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'ko-KR', hasTouch: true })).newPage();
    await tablet.goto(`${server.url}/tablet/?pair=${code}`);
    await expect(tablet.locator('.brand-table').textContent({ timeout: 30_000 })).resolves.toContain('1');

    // The database says the same: one store, the owner, six tables, table 1 paired, no demo menu.
    const owner = new Http(server.url).with(
      (await new Http(server.url).ok<SessionDto>('POST', '/api/auth/login', { username: 'owner.park', password: 'a long passphrase' }))
        .accessToken,
    );
    const tables = await owner.ok<TableDto[]>('GET', '/api/tables');
    expect(tables.map((t) => t.label)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(tables[0]?.devices).toHaveLength(1);
    expect((await owner.ok<{ menus: unknown[] }>('GET', '/api/admin/catalog')).menus).toEqual([]);
    expect(await owner.ok<StoreSettings>('GET', '/api/store/settings')).toMatchObject({
      name: '을지로 골목식당',
      timeZone: 'Asia/Seoul',
      languages: ['ko', 'en', 'ja'],
      hours: { opensAt: '11:30', closesAt: '21:00', breakStartsAt: '15:00', breakEndsAt: '17:00' },
    });
    expect((await new Http(server.url).ok<{ needed: boolean }>('GET', '/api/setup')).needed).toBe(false);

    // The settings page changes the store: a footer for the bill, staff not allowed to mark sold out.
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/admin/settings`);
    const settings = page.getByTestId('store-settings');
    await settings.locator('input[name=storeName]').waitFor();
    await settings.locator('textarea[name=receiptFooter]').fill('사업자번호 123-45-67890 · 와이파이 golmok1234');
    await settings.locator('input[name=staffMaySetSoldOut]').uncheck();
    await settings.locator('button[type=submit]').click();
    await page.getByRole('status').filter({ hasText: '저장했습니다' }).waitFor();
    await expect(owner.ok<StoreSettings>('GET', '/api/store/settings')).resolves.toMatchObject({
      receiptFooter: '사업자번호 123-45-67890 · 와이파이 golmok1234',
      staffMaySetSoldOut: false,
    });
    await expectAccessible(page, 'store settings');
    await page.screenshot({ path: `${SCREENSHOTS}/admin-store-settings-1440.png`, fullPage: true });
  });
});

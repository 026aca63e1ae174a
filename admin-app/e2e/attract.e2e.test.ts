import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AttractScreen } from '@hiorder/domain/catalog/attract-screen';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAdminApp, expectAccessible, launchBrowser, loginAdmin, type Http, type RunningServer } from './harness';
import { startServer } from './harness';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

let server: RunningServer;
let browser: Browser;
let admin: Http;

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/admin/`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', server.adminPassword);
  await page.click('button[type=submit]');
  await page.waitForSelector('[data-testid=link-status][data-status=live]');
}

/** An event poster drawn by the browser (no image files in the repository). */
async function poster(): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  await page.setContent(`<body style="margin:0;display:grid;place-content:center;height:100vh;text-align:center;color:#fff;
    font-family:sans-serif;background:linear-gradient(135deg,#e9a827,#c8462a 60%,#7d2110)">
    <div style="font-size:64px;font-weight:900">봄맞이 만두 축제</div></body>`);
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return png;
}

describe('the attract screen page of the admin app', () => {
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    buildAdminApp();
    server = await startServer();
    admin = await loginAdmin(server);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the owner set the idle time, the texts, an uploaded image and a menu, saved for the tablets; no axe violations', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'ko-KR' });
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('link', { name: '대기 화면' }).click();
    await page.getByTestId('attract-editor').waitFor();
    await expectAccessible(page, 'attract screen editor (empty)');

    await page.getByLabel('아무도 만지지 않은 뒤').selectOption('30');
    await page.getByLabel('제목 (한국어)').fill('봄맞이 만두 축제');
    await page.getByLabel('제목 (영어)').fill('Spring dumpling festival');
    await page.getByLabel('안내 문구 (한국어)').fill('만두 주문 시 음료 한 잔 무료');
    await page.getByLabel('안내 문구 (영어)').fill('A free drink with every dumpling order');
    await page.getByLabel('행사 이미지 올리기').setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: await poster() });
    await page.getByText('이미지를 올렸습니다').waitFor();
    await page.getByLabel('이미지 1 설명 (한국어)').fill('4월 한 달 만두 축제');
    await page.getByLabel('이미지 1 설명 (영어)').fill('Dumplings all April');
    const menuSelect = page.getByLabel('메뉴 고르기');
    const firstMenu = await menuSelect.locator('option').nth(1).getAttribute('value');
    await menuSelect.selectOption(firstMenu ?? '');
    await page.getByRole('button', { name: '추가', exact: true }).click();
    await page.getByText('저장하지 않은 변경이 있습니다').waitFor();
    await page.getByTestId('save-attract').click();
    await page.getByText('저장하지 않은 변경이 있습니다').waitFor({ state: 'detached' });

    const saved = await admin.ok<AttractScreen>('GET', '/api/store/attract-screen');
    expect(saved).toMatchObject({
      enabled: true,
      idleSeconds: 30,
      title: { ko: '봄맞이 만두 축제', en: 'Spring dumpling festival' },
      message: { ko: '만두 주문 시 음료 한 잔 무료', en: 'A free drink with every dumpling order' },
      slides: [
        { kind: 'image', caption: { ko: '4월 한 달 만두 축제', en: 'Dumplings all April' } },
        { kind: 'menu', menuId: firstMenu },
      ],
    });
    await expect.poll(() => page.getByTestId('attract-slide-item').count()).toBe(2);
    await expectAccessible(page, 'attract screen editor');
    await page.getByRole('heading', { name: '대기 화면' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(SCREENSHOTS, 'admin-attract-1440.png') });

    // The menu first: moved up, saved.
    await page
      .getByRole('button', { name: /^위로 · / })
      .last()
      .click();
    await page.getByTestId('save-attract').click();
    await page.getByText('저장하지 않은 변경이 있습니다').waitFor({ state: 'detached' });
    const reordered = await admin.ok<AttractScreen>('GET', '/api/store/attract-screen');
    expect(reordered.slides.map((s) => s.kind)).toEqual(['menu', 'image']);

    // An upload the server refuses (not an image) says why, in the staff's language.
    await page
      .getByLabel('행사 이미지 올리기')
      .setInputFiles({ name: 'x.png', mimeType: 'image/png', buffer: Buffer.from('not an image') });
    await page.locator('.toast.err', { hasText: 'JPEG·PNG·WebP' }).waitFor();

    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Attract screen' }).waitFor();
    await expectAccessible(page, 'attract screen editor (en, 1024)');
    await page.getByRole('heading', { name: 'Attract screen' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(SCREENSHOTS, 'admin-attract-en-1024.png') });
    await context.close();
  }, 180_000);
});

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  mobileContext,
  screenshot,
  seriousViolations,
  startServer,
  type RunningServer,
} from './harness.js';

/*
 * The citizen web app without an account: home tiles and search, the directory (Danh bạ), text size,
 * deep links, a failed request with "Thử lại", settings and about, and the offline second visit.
 * Signed-in flows are in miniapp-account.test.ts.
 */

/** Utility keys the mini app has a screen for (miniapp/src/features/registry.ts). */
const KEYS_WITH_SCREENS = ['nop-ho-so', 'tra-cuu-ho-so', 'tra-cuu-thu-tuc', 'phan-anh', 'danh-ba'];
const POLICE_PHONE = '0276 3822 113';

let server: RunningServer;
let browser: Browser;

interface PublicTenant {
  name: string;
  utilities: string[];
  branding: { appName?: string };
  hotlines: { label: string; phone: string }[];
}

async function adminToken(): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/officer/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin.tinh', password: DEMO_PASSWORD, tokenMode: 'bearer' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** The demo agencies carry no phone numbers; the province admin gives the police one. */
async function givePolicePhone(): Promise<void> {
  const token = await adminToken();
  const list = (await (await fetch(`${server.url}/api/agencies?q=cong%20an%20tinh`)).json()) as {
    items: { id: string; name: string }[];
  };
  const police = list.items.find((a) => a.name === 'Công an tỉnh Tây Ninh');
  expect(police).toBeDefined();
  const response = await fetch(`${server.url}/api/admin/agencies/${police!.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ phone: POLICE_PHONE }),
  });
  expect(response.status).toBe(200);
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(path);
  await page.locator('main h1').waitFor();
  return page;
}

/** The smallest computed size among the body and the screen's labels and paragraphs. */
async function bodyTextPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const texts = [document.body, ...Array.from(document.querySelectorAll('main p, main label'))];
    return Math.min(...texts.map((el) => parseFloat(getComputedStyle(el).fontSize)));
  });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await givePolicePhone();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('citizen mini app, signed out', () => {
  it('home shows the tenant tiles in the tenant order, with search', async () => {
    const tenant = (await (await fetch(`${server.url}/api/tenant`)).json()) as PublicTenant;
    const context = await mobileContext(browser, server.url);
    const page = await open(context, '/');
    await expect(page.locator('main h1').textContent()).resolves.toBe(tenant.branding.appName ?? tenant.name);
    const tiles = page.locator('nav[aria-label="Tiện ích"] a[data-utility]');
    await tiles.first().waitFor();
    const shown = await tiles.evaluateAll((links) => links.map((a) => a.getAttribute('data-utility')));
    expect(shown).toEqual(tenant.utilities.filter((key) => KEYS_WITH_SCREENS.includes(key)));
    expect(shown).toContain('danh-ba');
    await expect(page.locator('a[data-utility="danh-ba"]').getAttribute('href')).resolves.toBe(
      '/?page=danh-ba',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'miniapp-home');

    // Accent-insensitive: "danh ba" finds "Danh bạ"; "co chu" finds the settings (text size).
    await page.getByLabel('Tìm tiện ích').fill('danh ba');
    await page
      .getByRole('link', { name: /Danh bạ/ })
      .first()
      .waitFor();
    await page.getByLabel('Tìm tiện ích').fill('co chu');
    await page
      .getByRole('link', { name: /Cài đặt/ })
      .first()
      .waitFor();
    await page.getByLabel('Tìm tiện ích').fill('khong co gi nhu the');
    await page.getByText('Không tìm thấy "khong co gi nhu the"').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'miniapp-home-search');
    await page.getByLabel('Tìm tiện ích').fill('');
    await tiles.first().waitFor();
    await context.close();
  });

  it('the directory searches accent-insensitively and calls with a tel: link', async () => {
    const context = await mobileContext(browser, server.url);
    const page = await open(context, '/');
    await page.locator('a[data-utility="danh-ba"]').click();
    await page.getByRole('heading', { level: 1, name: 'Danh bạ' }).waitFor();
    await page.getByLabel('Tìm cơ quan').fill('cong an');
    await page.getByRole('heading', { name: 'Công an tỉnh Tây Ninh' }).waitFor();
    await page.waitForURL(/page=danh-ba&q=cong\+an/);
    const call = page.getByRole('link', { name: `Gọi ${POLICE_PHONE}, Công an tỉnh Tây Ninh` });
    await expect(call.getAttribute('href')).resolves.toBe('tel:02763822113');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'miniapp-danh-ba');

    // Back returns to the home.
    await page.goBack();
    await page.locator('a[data-utility="danh-ba"]').waitFor();
    await context.close();
  });

  it('a deep link opens its screen with its parameters; an unknown page opens the home', async () => {
    const context = await mobileContext(browser, server.url);
    const page = await open(context, `/?page=danh-ba&q=${encodeURIComponent('Sở Y tế')}`);
    await expect(page.getByLabel('Tìm cơ quan').inputValue()).resolves.toBe('Sở Y tế');
    await page.getByRole('heading', { level: 2, name: 'Sở Y tế' }).waitFor();
    await page.goto('/?page=khong-co-man-hinh-nay');
    await page.locator('a[data-utility="danh-ba"]').waitFor();
    expect(new URL(page.url()).search).toBe('');
    await context.close();
  });

  it('a failed request shows a clear error and "Thử lại" works', async () => {
    const context = await mobileContext(browser, server.url);
    let failures = 0;
    await context.route('**/api/agencies?**', async (route) => {
      if (failures++ === 0) return route.abort('internetdisconnected');
      return route.continue();
    });
    const page = await open(context, '/?page=danh-ba');
    const alert = page.getByRole('alert').filter({ hasText: 'Không kết nối được' });
    await alert.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'miniapp-error-retry');
    await page.getByRole('button', { name: 'Thử lại' }).click();
    await page.getByRole('heading', { level: 2, name: 'Công an tỉnh Tây Ninh' }).waitFor();
    expect(failures).toBe(2);
    await context.close();
  });

  it('text size persists across reloads, scales body text and fits 320 px', async () => {
    const context = await mobileContext(browser, server.url);
    const page = await open(context, '/?page=settings');
    expect(await bodyTextPx(page)).toBeGreaterThanOrEqual(17);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'miniapp-settings');

    await page.getByLabel(/^Lớn/).check();
    await page.goto('/');
    await page.locator('a[data-utility="danh-ba"]').waitFor();
    expect(await bodyTextPx(page)).toBeGreaterThanOrEqual(21);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'miniapp-home-large');

    await page.goto('/?page=settings');
    await page.getByLabel(/^Rất lớn/).check();
    await page.reload();
    await page.locator('main h1').waitFor();
    await expect(page.getByLabel(/^Rất lớn/).isChecked()).resolves.toBe(true);
    expect(await bodyTextPx(page)).toBeGreaterThanOrEqual(25);
    await expect(page.evaluate(() => document.documentElement.dataset.textSize)).resolves.toBe('very-large');

    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/', '/?page=settings', '/?page=about', '/?page=danh-ba']) {
      await page.goto(path);
      await page.locator('main h1').waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await screenshot(page, 'miniapp-danh-ba-320-very-large');
    await context.close();
  });

  it('about lists the hotlines with tap to call; English is offered', async () => {
    const tenant = (await (await fetch(`${server.url}/api/tenant`)).json()) as PublicTenant;
    const context = await mobileContext(browser, server.url);
    const page = await open(context, '/?page=about');
    for (const hotline of tenant.hotlines) {
      const link = page.getByRole('link', { name: `Gọi ${hotline.label}, số ${hotline.phone}` });
      await expect(link.getAttribute('href')).resolves.toBe(`tel:${hotline.phone}`);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'miniapp-about');

    await page.goto('/?page=settings');
    await page.getByLabel(/^English/).check();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await context.close();
  });

  it('a second visit opens offline from the service worker', async () => {
    const context = await mobileContext(browser, server.url);
    const page = await open(context, '/');
    await page.locator('a[data-utility="danh-ba"]').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.reload();
    await page.locator('a[data-utility="danh-ba"]').waitFor();
    await page.getByText('Bạn đang ngoại tuyến').waitFor();
    await expect(page.locator('main h1').textContent()).resolves.toBe('Tây Ninh Smart');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'miniapp-offline');
    await context.setOffline(false);
    await context.close();
  });
});

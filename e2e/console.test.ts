import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { totpCode } from '../server/src/modules/identity/totp.js';
import {
  DEMO_PASSWORD,
  desktopContext,
  launchBrowser,
  mobileContext,
  screenshot,
  seriousViolations,
  startServer,
  type RunningServer,
} from './harness.js';

/*
 * The officer console, part one: signing in (wrong password, lock-out, TOTP), the tenant settings
 * reaching the citizens' mini app, the officer's own account, and what a role may not open.
 * Officers, agencies and the audit log are in console-admin.test.ts.
 */

/** How long a poll waits for the page to catch up (a wait, not a timing assertion). */
const WAIT = { timeout: 15_000 };

let server: RunningServer;
let browser: Browser;
let admin: BrowserContext;
let page: Page;

/**
 * A desktop context like the harness's, with the page's CSP bypassed: the harness injects axe-core as
 * an inline script, which the console's strict CSP (script-src 'self') rightly blocks. One test below
 * runs under the real CSP and checks the console works there and reports no violation.
 */
async function consoleContext(): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    bypassCSP: true,
  });
}

async function signIn(target: Page, username: string, password: string, totp?: string): Promise<void> {
  await target.goto('/console/sign-in');
  await target.getByLabel('Tên đăng nhập').fill(username);
  await target.getByLabel('Mật khẩu').fill(password);
  if (totp) await target.getByLabel('Mã xác thực 6 số').fill(totp);
  await target.getByRole('button', { name: 'Đăng nhập' }).click();
}

async function expectAccessible(target: Page, name: string): Promise<void> {
  expect(await seriousViolations(target)).toEqual([]);
  await screenshot(target, name);
}

/**
 * The mini app's home as a citizen sees it, in a fresh context (GET /api/tenant is cacheable for a
 * minute): its tiles, and the tenant's enabled utilities in order as that context's app received them
 * (the mini app shows tiles only for the utilities it implements so far).
 */
async function miniAppHome(): Promise<{ tiles: string[]; utilities: string[] }> {
  const phone = await mobileContext(browser, server.url);
  try {
    const home = await phone.newPage();
    const tenant = home.waitForResponse((r) => new URL(r.url()).pathname === '/api/tenant');
    await home.goto('/');
    const { utilities } = (await (await tenant).json()) as { utilities: string[] };
    // The title and the tiles render together, once the tenant has loaded.
    await home.locator('main h1').waitFor();
    const tiles = await home
      .locator('a[data-utility]')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-utility') ?? ''));
    return { tiles, utilities };
  } finally {
    await phone.close();
  }
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await consoleContext();
  // Signed in through the API (the cookie lands in the context), so each test can run alone.
  const login = await admin.request.post('/api/auth/officer/login', {
    data: { username: 'admin.tinh', password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  page = await admin.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('console sign-in', () => {
  it("works under the server's Content-Security-Policy without a violation", async () => {
    const context = await desktopContext(browser, server.url);
    const tab = await context.newPage();
    const violations: string[] = [];
    tab.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    const response = await tab.goto('/console/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await signIn(tab, 'motcua', DEMO_PASSWORD);
    await tab.getByRole('heading', { name: /^Xin chào,/ }).waitFor();
    await tab.getByRole('link', { name: 'Tài khoản của tôi' }).first().click();
    await tab.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    expect(violations).toEqual([]);
    await context.close();
  });

  it('refuses a wrong password with the server message, then signs the province admin in', async () => {
    const context = await consoleContext();
    const tab = await context.newPage();
    await tab.goto('/console/');
    await expect.poll(() => new URL(tab.url()).pathname, WAIT).toBe('/console/sign-in');
    await tab.getByRole('heading', { name: 'Đăng nhập trang quản trị' }).waitFor();
    await expectAccessible(tab, 'console-sign-in');

    await signIn(tab, 'admin.tinh', 'not-the-password');
    await tab.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
    await expectAccessible(tab, 'console-sign-in-error');

    await signIn(tab, 'admin.tinh', DEMO_PASSWORD);
    await tab.getByRole('heading', { name: /^Xin chào,/ }).waitFor();
    const nav = tab.getByRole('navigation', { name: 'Điều hướng chính' });
    for (const item of [
      'Cấu hình tỉnh',
      'Cơ quan, đơn vị',
      'Cán bộ',
      'Nhật ký hệ thống',
      'Tài khoản của tôi',
    ]) {
      await expect(nav.getByRole('link', { name: item }).isVisible()).resolves.toBe(true);
    }
    await expectAccessible(tab, 'console-home');
    await context.close();
  });
  it('shows the lock-out message with the unlock time after five wrong passwords', async () => {
    const context = await consoleContext();
    const tab = await context.newPage();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn(tab, 'lanhdao', `wrong-${attempt}`);
      await tab.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
    }
    await signIn(tab, 'lanhdao', 'wrong-5');
    const locked = tab.getByTestId('locked');
    await locked.waitFor();
    const text = await locked.innerText();
    expect(text).toContain('Tài khoản tạm khóa do nhập sai nhiều lần');
    expect(text).toMatch(/Có thể đăng nhập lại lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/);
    // Even the right password is refused while the account is locked.
    await signIn(tab, 'lanhdao', DEMO_PASSWORD);
    await locked.waitFor();
    await expectAccessible(tab, 'console-locked');
    await context.close();
  });

  it('shows what a role may not open: an editor has no settings', async () => {
    const context = await consoleContext();
    const tab = await context.newPage();
    await signIn(tab, 'bientap', DEMO_PASSWORD);
    await tab.getByRole('heading', { name: /^Xin chào,/ }).waitFor();
    expect(await tab.getByRole('link', { name: 'Cấu hình tỉnh' }).count()).toBe(0);
    await tab.goto('/console/settings');
    await tab.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
    await expectAccessible(tab, 'console-forbidden');
    await tab.goto('/console/khong-co-trang-nay');
    await tab.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor();
    await expectAccessible(tab, 'console-not-found');
    await context.close();
  });
});

describe('tenant settings reach the mini app', () => {
  it('switches Danh bạ off, then on and first, and the mini app home follows', async () => {
    expect((await miniAppHome()).tiles).toContain('danh-ba');

    await page.goto('/console/settings');
    const danhBa = page.getByRole('checkbox', { name: 'Danh bạ', exact: true });
    await danhBa.waitFor();
    await expectAccessible(page, 'console-settings');
    await danhBa.uncheck();
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu cấu hình.').waitFor();
    const off = await miniAppHome();
    expect(off.utilities).not.toContain('danh-ba');
    expect(off.tiles).not.toContain('danh-ba');

    await page.reload();
    await danhBa.check();
    const up = page.getByRole('button', { name: 'Chuyển “Danh bạ” lên' });
    while (await up.isEnabled()) await up.click();
    // The keyboard focus stayed with the moved item (its "down" button once it reached the top);
    // the editor moves it on the next animation frame, so wait for it rather than read it once.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Chuyển “Danh bạ” xuống');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu cấu hình.').last().waitFor();
    const on = await miniAppHome();
    expect(on.utilities[0]).toBe('danh-ba');
    expect(on.tiles[0]).toBe('danh-ba');
  });

  it('puts a server validation error beside its field and warns about a pale brand colour', async () => {
    await page.goto('/console/settings');
    const color = page.getByLabel('Màu chủ đạo');
    await color.fill('#9fc5f8');
    await page.getByText(/thấp hơn mức 4,5:1/).waitFor();
    await color.fill('blue');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.locator('.field-invalid', { has: color }).getByText('Định dạng không hợp lệ.').waitFor();
    await page.getByRole('link', { name: 'Màu chủ đạo: Định dạng không hợp lệ.' }).waitFor();
    await expectAccessible(page, 'console-settings-error');
  });
});

describe('my account', () => {
  it("shows the server's error for a too-short password beside the field", async () => {
    await page.goto('/console/account');
    const form = page.locator('form', { has: page.getByLabel('Nhập lại mật khẩu mới') });
    await form.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
    await form.getByLabel('Mật khẩu mới', { exact: false }).first().fill('ngan1');
    await form.getByLabel('Nhập lại mật khẩu mới').fill('ngan1');
    await form.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    const field = form.locator('.field-invalid');
    await field.getByText('Mật khẩu cần ít nhất 10 ký tự, gồm chữ và số.').waitFor();
    expect(await field.locator('input').getAttribute('autocomplete')).toBe('new-password');
    await expectAccessible(page, 'console-account');
  });

  it('sets up TOTP with a QR code, after which sign-in asks for the code', async () => {
    await page.goto('/console/account');
    await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
    const qr = page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' });
    await qr.waitFor();
    expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    await expectAccessible(page, 'console-account-totp');

    const secret = (await page.locator('code.secret').innerText()).replace(/\s/g, '');
    const panel = page.locator('section', { has: qr });
    await panel.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
    await panel.getByLabel('Mã 6 số từ ứng dụng').fill(totpCode(secret));
    await panel.getByRole('button', { name: 'Xác nhận bật' }).click();
    await page.getByText('Đang bật: mỗi lần đăng nhập cần thêm mã 6 số').waitFor();

    const context = await consoleContext();
    const tab = await context.newPage();
    await signIn(tab, 'admin.tinh', DEMO_PASSWORD);
    const code = tab.getByLabel('Mã xác thực 6 số');
    await code.waitFor();
    await expectAccessible(tab, 'console-sign-in-totp');
    // The code of the next 30-second step: the one used to enable TOTP cannot be used again.
    await code.fill(totpCode(secret, new Date(Date.now() + 30_000)));
    await tab.getByRole('button', { name: 'Đăng nhập' }).click();
    await tab.getByRole('heading', { name: /^Xin chào,/ }).waitFor();
    await context.close();
  });
});

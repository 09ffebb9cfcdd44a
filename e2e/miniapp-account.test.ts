import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  lastOtpFor,
  launchBrowser,
  mobileContext,
  screenshot,
  seriousViolations,
  startServer,
  type RunningServer,
} from './harness.js';

/*
 * The citizen web app with an account: a deep link that needs sign-in, phone + SMS code, the
 * simulated Zalo identity with its consent step, the inbox fed by an officer's message, and "Dữ liệu
 * của tôi" (download, delete). One Zalo-simulated citizen is shared by the later tests.
 */

let server: RunningServer;
let browser: Browser;
let zaloCitizen: BrowserContext;
let zaloPage: Page;

async function call(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  return fetch(`${server.url}${path}`, { ...init, headers });
}

async function citizenToken(page: Page): Promise<string> {
  const saved = await page.evaluate(() => localStorage.getItem('ctic.session'));
  expect(saved).not.toBeNull();
  return (JSON.parse(saved!) as { token: string }).token;
}

interface Me {
  id: string;
  name: string | null;
  phone: string | null;
  consents: { purposeCode: string; withdrawnAt: string | null }[];
}

async function me(token: string): Promise<Me> {
  const response = await call('/api/me', { token });
  expect(response.status).toBe(200);
  return (await response.json()) as Me;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('citizen mini app, signed in', () => {
  it('a deep link to the inbox asks for sign-in, then phone + code lands on the inbox', async () => {
    const phone = '0912345678';
    const context = await mobileContext(browser, server.url);
    const page = await context.newPage();
    await page.goto('/?page=inbox');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('page=inbox');
    await page.getByText('Vui lòng đăng nhập để mở mục này.').waitFor();

    await page.getByLabel('Số điện thoại').fill(phone);
    await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    // Consent comes before the number is used: what, why, yes/no.
    const sheet = page.getByRole('dialog', { name: 'Cho phép dùng số điện thoại của bạn?' });
    await sheet.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'miniapp-consent');
    await sheet.getByRole('button', { name: 'Đồng ý', exact: true }).click();

    await page.getByLabel('Mã xác nhận (6 chữ số)').waitFor();
    // A reload while waiting for the SMS keeps the step and the number.
    await page.reload();
    const codeField = page.getByLabel('Mã xác nhận (6 chữ số)');
    await codeField.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'miniapp-sign-in-code');
    await codeField.fill(lastOtpFor(server.sms, phone));
    await page.getByRole('button', { name: 'Xác nhận' }).click();

    await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('inbox');
    const profile = await me(await citizenToken(page));
    expect(profile.phone).not.toBeNull();
    expect(profile.consents.map((c) => c.purposeCode)).toContain('phone');
    await context.close();
  });

  it('the simulated Zalo sign-in asks consent first; "Không đồng ý" leaves the app usable', async () => {
    zaloCitizen = await mobileContext(browser, server.url);
    zaloPage = await zaloCitizen.newPage();
    await zaloPage.goto('/?page=sign-in');
    const zaloButton = zaloPage.getByRole('button', { name: 'Đăng nhập Zalo (mô phỏng)' });
    await zaloButton.waitFor();
    expect(await seriousViolations(zaloPage)).toEqual([]);
    await screenshot(zaloPage, 'miniapp-sign-in');

    await zaloPage.getByLabel('Tên Zalo (mô phỏng)').fill('Bà Nguyễn Thị Lan');
    await zaloButton.click();
    const sheet = zaloPage.getByRole('dialog', { name: 'Cho phép dùng tên Zalo của bạn?' });
    await sheet.getByRole('button', { name: 'Không đồng ý' }).click();
    await zaloPage.getByText('Bạn đã chọn không đồng ý.').waitFor();
    await expect(zaloPage.evaluate(() => localStorage.getItem('ctic.session'))).resolves.toBeNull();
    // Declining leaves everything that needs no personal data: the directory still works.
    await zaloPage.getByRole('link', { name: 'Trang chủ' }).click();
    await zaloPage.locator('a[data-utility="danh-ba"]').click();
    await zaloPage.getByRole('heading', { level: 2, name: 'Công an tỉnh Tây Ninh' }).waitFor();

    await zaloPage.goto('/?page=sign-in');
    await zaloButton.click();
    await sheet.getByRole('button', { name: 'Đồng ý', exact: true }).click();
    await zaloPage.locator('a[data-utility="danh-ba"]').waitFor();
    const profile = await me(await citizenToken(zaloPage));
    expect(profile.name).toBe('Bà Nguyễn Thị Lan');
    expect(profile.consents.filter((c) => c.purposeCode === 'profile' && !c.withdrawnAt)).toHaveLength(1);
  });

  it('the inbox shows a message an officer sent; opening it marks it read', async () => {
    const token = await citizenToken(zaloPage);
    const citizen = await me(token);
    const login = await call('/api/auth/officer/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'bientap', password: DEMO_PASSWORD, tokenMode: 'bearer' }),
    });
    expect(login.status).toBe(200);
    const officerToken = ((await login.json()) as { token: string }).token;
    const sent = await call('/api/admin/messages', {
      method: 'POST',
      token: officerToken,
      body: JSON.stringify({
        citizenId: citizen.id,
        title: 'Lịch tiếp công dân tháng này',
        body: 'Sở Y tế tiếp công dân vào sáng thứ Năm hằng tuần.\nMời bà xem số điện thoại trong Danh bạ.',
        link: { page: 'danh-ba', params: { q: 'Sở Y tế' } },
      }),
    });
    expect(sent.status).toBe(201);

    await zaloPage.goto('/');
    const bell = zaloPage.getByRole('link', { name: 'Thông báo: 1 chưa đọc' });
    await bell.first().waitFor();
    expect(await seriousViolations(zaloPage)).toEqual([]);
    await screenshot(zaloPage, 'miniapp-home-unread');

    await bell.first().click();
    await zaloPage.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    const row = zaloPage.locator('.message', { hasText: 'Lịch tiếp công dân tháng này' });
    await row.getByText('Chưa đọc').waitFor();
    const weight = await row.locator('.message-title').evaluate((el) => getComputedStyle(el).fontWeight);
    expect(Number(weight)).toBeGreaterThanOrEqual(700);
    expect(await seriousViolations(zaloPage)).toEqual([]);
    await screenshot(zaloPage, 'miniapp-inbox');

    await row.getByRole('link').click();
    await zaloPage.getByRole('heading', { level: 1, name: 'Lịch tiếp công dân tháng này' }).waitFor();
    await zaloPage.getByText('tiếp công dân vào sáng thứ Năm').waitFor();
    // Read on the server, and the count on the navigation drops to none.
    await zaloPage.getByRole('link', { name: 'Thông báo', exact: true }).waitFor();
    const inbox = (await (await call('/api/me/inbox', { token })).json()) as {
      items: { readAt: string | null }[];
    };
    expect(inbox.items[0]!.readAt).not.toBeNull();
    expect(await seriousViolations(zaloPage)).toEqual([]);
    await screenshot(zaloPage, 'miniapp-message');

    await zaloPage.getByRole('link', { name: 'Mở mục liên quan' }).click();
    await zaloPage.getByRole('heading', { level: 1, name: 'Danh bạ' }).waitFor();
    // The deep link's query replaces a remembered one in an effect after the first render: wait for it.
    await expect.poll(() => zaloPage.getByLabel('Tìm cơ quan').inputValue()).toBe('Sở Y tế');
  });

  it('profile and "Dữ liệu của tôi": see, download, delete', async () => {
    const token = await citizenToken(zaloPage);
    const citizen = await me(token);
    await zaloPage.goto('/?page=profile');
    await zaloPage.getByText('Bà Nguyễn Thị Lan').waitFor();
    expect(await seriousViolations(zaloPage)).toEqual([]);
    await screenshot(zaloPage, 'miniapp-profile');

    await zaloPage.getByRole('link', { name: /Dữ liệu của tôi/ }).click();
    await zaloPage.getByRole('heading', { level: 1, name: 'Dữ liệu của tôi' }).waitFor();
    await zaloPage.locator('.consent[data-purpose="profile"]').getByText('Đang có hiệu lực').waitFor();
    expect(await seriousViolations(zaloPage)).toEqual([]);
    await screenshot(zaloPage, 'miniapp-my-data');

    const [download] = await Promise.all([
      zaloPage.waitForEvent('download'),
      zaloPage.getByRole('button', { name: 'Tải dữ liệu về máy' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^du-lieu-ca-nhan-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      citizen: { id: string; name: string };
    };
    expect(exported.citizen).toMatchObject({ id: citizen.id, name: 'Bà Nguyễn Thị Lan' });

    await zaloPage.getByRole('button', { name: 'Xoá tài khoản và dữ liệu' }).click();
    const confirm = zaloPage.getByRole('dialog', { name: 'Xoá tài khoản và toàn bộ dữ liệu?' });
    await confirm.getByText('Không thể hoàn tác.').waitFor();
    expect(await seriousViolations(zaloPage)).toEqual([]);
    await screenshot(zaloPage, 'miniapp-delete-confirm');
    await confirm.getByRole('button', { name: 'Xoá vĩnh viễn' }).click();

    await zaloPage.getByText('Đã xoá tài khoản và dữ liệu của bạn.').waitFor();
    await zaloPage.locator('a[data-utility="danh-ba"]').waitFor();
    await expect(zaloPage.evaluate(() => localStorage.getItem('ctic.session'))).resolves.toBeNull();
    expect((await call('/api/me', { token })).status).toBe(401);
    await zaloCitizen.close();
  });
});

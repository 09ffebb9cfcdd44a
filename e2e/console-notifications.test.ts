import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  launchBrowser,
  screenshot,
  seriousViolations,
  startServer,
  type RunningServer,
} from './harness.js';
import { apiClient, type ApiClient } from './api.js';

/*
 * The officer console, notifications: a province admin edits the OA template of "Tiếp nhận hồ sơ"
 * (preview, an unknown variable refused beside the field, a valid override, back to the default),
 * reads the month's cost report and exports it, finds a notice a citizen's dossier submission sent in
 * the message log and opens its timeline, sees the delivery settings, and sends a news broadcast.
 * An editor sees the pages the server lets editors use, and not the admin-only ones.
 */

const WAIT = { timeout: 15_000 };

let server: RunningServer;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let json: ApiClient['json'];
let prepareDossier: ApiClient['prepareDossier'];

/** A citizen files a dossier through the API, which sends them a "dossier.submitted" notice. */
async function fileDossier(): Promise<string> {
  const { submit } = await prepareDossier({
    zaloId: 'e2e-notify-citizen',
    name: 'Trần Văn Bình',
    email: 'tran.van.binh@example.vn',
  });
  return (await json<{ code: string }>(await submit(), 201)).code;
}

async function consoleContext(): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    bypassCSP: true,
    acceptDownloads: true,
  });
}

async function signedIn(username: string): Promise<BrowserContext> {
  const context = await consoleContext();
  const login = await context.request.post('/api/auth/officer/login', {
    data: { username, password: DEMO_PASSWORD },
  });
  expect(login.status()).toBe(200);
  return context;
}

async function expectAccessible(target: Page, name: string): Promise<void> {
  expect(await seriousViolations(target)).toEqual([]);
  await screenshot(target, name);
}

beforeAll(async () => {
  server = await startServer();
  ({ json, prepareDossier } = apiClient(server.url));
  browser = await launchBrowser();
  admin = await signedIn('admin.tinh');
  page = await admin.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('templates', () => {
  it('previews the OA template of "Tiếp nhận hồ sơ", refuses an unknown variable beside the field, saves a valid one', async () => {
    await page.goto('/console/notifications/templates?type=dossier.received');
    await page.getByRole('heading', { name: 'Mẫu tin', level: 1 }).waitFor(WAIT);
    expect(await page.getByLabel('Loại tin').inputValue()).toBe('dossier.received');
    const oa = page.locator('section[data-channel="oa"]');
    await oa.getByRole('heading', { name: 'Zalo OA' }).waitFor(WAIT);
    await oa.getByText('Đang dùng mẫu mặc định').waitFor();
    await expectAccessible(page, 'console-notify-templates');

    await oa.getByRole('button', { name: 'Xem trước' }).click();
    const preview = oa.getByRole('status', { name: 'Bản xem trước' });
    await preview.waitFor(WAIT);
    expect(await preview.innerText()).toContain('Hồ sơ [code] ([procedure]) đã được tiếp nhận.');

    const body = oa.getByRole('textbox', { name: /^Nội dung/ });
    await body.fill('Hồ sơ {{code}} đã được tiếp nhận, mã bí mật {{khong_co}}.');
    await oa.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const fieldError = oa.locator('.field-invalid .field-error');
    await fieldError.waitFor(WAIT);
    expect(await fieldError.innerText()).toContain('{{khong_co}}');
    expect(await fieldError.innerText()).toContain('code, procedure, appointment');
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'console-notify-template-error');

    // A chip inserts a variable at the caret.
    await body.fill('Tỉnh đã tiếp nhận hồ sơ . Hẹn trả: {{appointment}}.');
    await body.evaluate((el: HTMLTextAreaElement) => {
      const caret = el.value.indexOf(' .') + 1;
      el.setSelectionRange(caret, caret);
    });
    await oa.getByRole('button', { name: 'Chèn biến code' }).click();
    expect(await body.inputValue()).toBe('Tỉnh đã tiếp nhận hồ sơ {{code}}. Hẹn trả: {{appointment}}.');
    await oa.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu mẫu tin.').waitFor(WAIT);
    await oa.getByText('Đang dùng mẫu riêng của tỉnh').waitFor(WAIT);
    expect(await oa.locator('.field-error').count()).toBe(0);

    // The SMS preview counts the parts.
    const sms = page.locator('section[data-channel="sms"]');
    await sms.getByRole('button', { name: 'Xem trước' }).click();
    await sms.getByTestId('sms-segments').waitFor(WAIT);
    expect(await sms.getByTestId('sms-segments').innerText()).toMatch(
      /Tin SMS này gồm 1 phần, chi phí khoảng 350 đ/,
    );

    // Back to the default, after a confirmation.
    await oa.getByRole('button', { name: 'Dùng mẫu mặc định' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dùng mẫu mặc định' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Dùng mẫu mặc định' }).click();
    await page.getByText('Đã quay lại mẫu mặc định.').waitFor(WAIT);
    await page.locator('section[data-channel="oa"]').getByText('Đang dùng mẫu mặc định').waitFor(WAIT);
  });
});

describe('cost report', () => {
  it("shows this month's cost with the all-SMS comparison and exports it as XLSX", async () => {
    await page.goto('/console/notifications/cost-report');
    await page.getByRole('heading', { name: 'Chi phí gửi tin', level: 1 }).waitFor(WAIT);
    const today = await page.getByLabel('Đến ngày').inputValue();
    expect(await page.getByLabel('Từ ngày').inputValue()).toBe(`${today.slice(0, 8)}01`);
    await page.getByTestId('cost-total').waitFor(WAIT);
    expect(await page.getByTestId('cost-total').innerText()).toMatch(/^[\d.]+ đ$/);
    expect(await page.getByTestId('cost-all-sms').innerText()).toMatch(/^[\d.]+ đ$/);
    await page.getByRole('heading', { name: 'Theo kênh' }).waitFor();
    await page.getByRole('heading', { name: 'Theo loại tin' }).waitFor();
    await expectAccessible(page, 'console-notify-cost');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải Excel (XLSX)' }).click(),
    ]);
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });
});

describe('message log', () => {
  it("finds the notice of a citizen's dossier submission and shows its timeline", async () => {
    const code = await fileDossier();
    await page.goto('/console/notifications?type=dossier.submitted');
    await page.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor(WAIT);
    const row = page.getByRole('row', { name: new RegExp(code) });
    await row.waitFor(WAIT);
    expect(await row.innerText()).toContain('Trần Văn Bình');
    expect(await row.innerText()).toContain('Đã nộp hồ sơ');
    await expectAccessible(page, 'console-notify-log');

    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'Chi tiết thông báo', level: 1 }).waitFor(WAIT);
    await page.getByRole('heading', { name: 'Đã nộp hồ sơ', level: 2 }).waitFor();
    const timeline = page.locator('section', { has: page.getByRole('heading', { name: 'Diễn biến' }) });
    await timeline.locator('.timeline li').first().waitFor(WAIT);
    expect(await timeline.locator('.timeline li').count()).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Các lần gửi theo kênh' }).waitFor();
    await expectAccessible(page, 'console-notify-detail');
  });
});

describe('settings and broadcasts', () => {
  it('shows the delivery settings with the channel order per type and the write-only OA token form', async () => {
    await page.goto('/console/notifications/settings');
    await page.getByRole('heading', { name: 'Cài đặt gửi tin', level: 1 }).waitFor(WAIT);
    await page.getByLabel('SMS (đồng mỗi phần tin)').waitFor(WAIT);
    expect(await page.getByLabel('SMS (đồng mỗi phần tin)').inputValue()).toBe('350');
    await page.getByRole('group', { name: 'Tiếp nhận hồ sơ' }).waitFor();
    expect(await page.getByLabel('Mã làm mới mới').getAttribute('type')).toBe('password');
    await expectAccessible(page, 'console-notify-settings');
  });

  it('sends a news broadcast after a confirmation and shows its progress', async () => {
    await page.goto('/console/notifications/broadcasts/new');
    await page.getByRole('heading', { name: 'Tạo đợt gửi mới', level: 1 }).waitFor(WAIT);
    await page.getByLabel(/^Tiêu đề/).fill('Lịch tiếp công dân tháng này');
    await page.getByLabel(/^Tóm tắt/).fill('Ủy ban tiếp công dân vào thứ Năm hằng tuần.');
    await expectAccessible(page, 'console-notify-broadcast-new');
    await page.getByRole('button', { name: 'Gửi tin', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Xác nhận gửi hàng loạt' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Gửi tin' }).click();
    await page.getByRole('heading', { name: 'Đợt gửi tin', level: 1 }).waitFor(WAIT);
    await page.getByText('Người nhận').first().waitFor(WAIT);
    await expectAccessible(page, 'console-notify-broadcast');

    await page.getByRole('link', { name: '← Gửi hàng loạt' }).click();
    await page.locator('#broadcasts tbody tr', { hasText: 'Tin tức' }).first().waitFor(WAIT);
  });

  it('gives an editor the log, templates and broadcasts, but not the cost report or settings', async () => {
    const editor = await signedIn('bientap');
    const tab = await editor.newPage();
    await tab.goto('/console/notifications');
    await tab.getByRole('heading', { name: 'Thông báo', level: 1 }).waitFor(WAIT);
    const tabs = tab.getByRole('navigation', { name: 'Các mục thông báo' });
    await tabs.getByRole('link', { name: 'Mẫu tin' }).waitFor();
    expect(await tabs.getByRole('link', { name: 'Chi phí gửi tin' }).count()).toBe(0);
    expect(await tabs.getByRole('link', { name: 'Cài đặt gửi tin' }).count()).toBe(0);
    await tab.goto('/console/notifications/cost-report');
    await tab.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor(WAIT);
    await editor.close();
  });
});

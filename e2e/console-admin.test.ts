import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  launchBrowser,
  screenshot,
  seriousViolations,
  startServer,
  type RunningServer,
} from './harness.js';

/*
 * The officer console, part two: a province admin manages officers (create with a role, the
 * temporary password once, search, CSV/XLSX export, disable with a confirmation), the new officer's
 * forced password change, agencies (create, server validation errors by field, edit, table), and the
 * audit log viewer showing all of it. Contexts bypass the page CSP only so the harness can inject
 * axe-core; console.test.ts checks the console under the real CSP.
 */

/** How long a poll waits for the page to catch up (a wait, not a timing assertion). */
const WAIT = { timeout: 15_000 };

let server: RunningServer;
let browser: Browser;
let admin: BrowserContext;
let page: Page;
let temporaryPassword = '';
let officerPath = '';

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

async function expectAccessible(target: Page, name: string): Promise<void> {
  expect(await seriousViolations(target)).toEqual([]);
  await screenshot(target, name);
}

async function downloadBytes(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFile(file);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await consoleContext();
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

describe('officers', () => {
  it('creates an officer with a role and shows the temporary password once', async () => {
    await page.goto('/console/officers/new');
    await page.getByRole('heading', { name: 'Thêm cán bộ' }).waitFor();
    await page.getByLabel('Tên đăng nhập').fill('e2e.kiemthu');
    await page.getByLabel('Họ và tên').fill('Nguyễn Thị Kiểm Thử');
    await page.getByRole('button', { name: 'Thêm vai trò' }).click();
    const agency = page.getByRole('combobox', { name: /^Cơ quan/ });
    await agency.selectOption({ index: 1 });
    const agencyName = (await agency.locator('option:checked').innerText()).trim();
    await page.getByRole('combobox', { name: /^Vai trò/ }).selectOption('handler');
    await expectAccessible(page, 'console-officer-new');
    await page.getByRole('button', { name: 'Thêm cán bộ' }).last().click();

    const panel = page.getByTestId('temporary-password');
    await panel.waitFor();
    expect(await panel.innerText()).toContain('chỉ hiển thị một lần');
    temporaryPassword = (await panel.locator('[data-copy-value]').innerText()).trim();
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);
    await expectAccessible(page, 'console-officer-created');
    await page.getByRole('link', { name: 'Xem hồ sơ cán bộ' }).click();
    await page.getByRole('heading', { name: 'Nguyễn Thị Kiểm Thử', level: 1 }).waitFor();
    officerPath = new URL(page.url()).pathname;
    await page.getByText(`Chuyên viên xử lý — ${agencyName}`).waitFor();
  });

  it('finds the officer by an unaccented search and exports the filtered list as CSV and XLSX', async () => {
    await page.goto('/console/officers');
    await page.getByRole('searchbox', { name: 'Tìm kiếm' }).fill('kiem thu');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect.poll(() => new URL(page.url()).search, WAIT).toContain('q=kiem+thu');
    const row = page.getByRole('row', { name: /e2e\.kiemthu/ });
    await row.waitFor();
    await page.getByText('Tổng số: 1').waitFor();
    await expectAccessible(page, 'console-officers');

    // A reload keeps the view: the filters live in the address.
    await page.reload();
    await row.waitFor();

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải CSV' }).click(),
    ]);
    const csvText = (await downloadBytes(csv)).toString('utf8');
    expect(csvText).toContain('e2e.kiemthu');
    expect(csvText).toContain('Nguyễn Thị Kiểm Thử');
    expect(csvText).not.toContain('admin.tinh');
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải Excel (XLSX)' }).click(),
    ]);
    const bytes = await downloadBytes(xlsx);
    expect(bytes.length).toBeGreaterThan(100);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('sorts by a column through the address', async () => {
    await page.goto('/console/officers');
    await page.getByRole('button', { name: 'Tên đăng nhập' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort'), WAIT).toBe('username');
    await page.getByRole('button', { name: 'Tên đăng nhập' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort'), WAIT).toBe('-username');
    await page.locator('th[aria-sort="descending"]').waitFor();
    // The previous page stays on screen while the next loads (aria-busy): poll until the new order shows.
    const usernames = page.locator('#officers tbody tr th');
    await expect
      .poll(async () => {
        const shown = await usernames.allInnerTexts();
        return shown.length > 1 && shown.join() === [...shown].sort().reverse().join();
      }, WAIT)
      .toBe(true);
  });

  it('makes the new officer replace the temporary password before anything else', async () => {
    const context = await consoleContext();
    const tab = await context.newPage();
    await tab.goto('/console/officers');
    await tab.getByLabel('Tên đăng nhập').fill('e2e.kiemthu');
    await tab.getByLabel('Mật khẩu').fill(temporaryPassword);
    await tab.getByRole('button', { name: 'Đăng nhập' }).click();
    await tab.getByRole('heading', { name: 'Đổi mật khẩu tạm' }).waitFor();
    expect(new URL(tab.url()).pathname).toBe('/console/change-password');
    await expectAccessible(tab, 'console-forced-password');
    await tab.getByLabel('Mật khẩu hiện tại').fill(temporaryPassword);
    await tab.getByLabel('Mật khẩu mới', { exact: false }).first().fill('MatKhauMoi2026');
    await tab.getByLabel('Nhập lại mật khẩu mới').fill('MatKhauMoi2026');
    await tab.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    // Then the screen first asked for opens (a handler may not manage officers: a clear refusal).
    await tab.getByRole('heading', { name: 'Không có quyền truy cập' }).waitFor();
    expect(new URL(tab.url()).pathname).toBe('/console/officers');
    await tab.getByRole('link', { name: 'Tổng quan' }).click();
    await tab.getByRole('heading', { name: 'Xin chào, Nguyễn Thị Kiểm Thử' }).waitFor();
    await context.close();
  });

  it('edits the officer, then disables them after a confirmation', async () => {
    await page.goto(officerPath + '/edit');
    const phone = page.getByLabel('Điện thoại');
    await phone.waitFor();
    await expectAccessible(page, 'console-officer-edit');
    await phone.fill('0901234567');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thông tin cán bộ.').waitFor();
    await page.getByText('0901234567').waitFor();

    await page.getByRole('button', { name: 'Vô hiệu hóa' }).click();
    const dialog = page.getByRole('dialog', { name: 'Xác nhận' });
    await dialog.waitFor();
    // Focus starts on the safe choice.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Hủy');
    await expectAccessible(page, 'console-confirm-dialog');
    await dialog.getByRole('button', { name: 'Vô hiệu hóa' }).click();
    await page.getByText('Đã vô hiệu hóa tài khoản.').waitFor();
    await page.locator('.badge-off', { hasText: 'Đã vô hiệu hóa' }).waitFor();
    await page.getByRole('heading', { name: 'Lịch sử thay đổi' }).waitFor();
    await page.getByText('Cập nhật tài khoản cán bộ').first().waitFor();
    await expectAccessible(page, 'console-officer-detail');
  });
});

describe('agencies', () => {
  it('shows server validation errors by field, creates an agency, edits it and lists it', async () => {
    await page.goto('/console/agencies/new');
    await page.getByLabel('Mã', { exact: false }).first().fill('E2E PHONG');
    await page.getByLabel('Tên cơ quan').fill('Phòng Kiểm thử Tự động');
    await page.getByLabel('Loại').selectOption('unit');
    await page.getByLabel('Cơ quan cấp trên').selectOption({ index: 1 });
    await page.getByLabel('Điện thoại').fill('0276 3822 000');
    await page.getByRole('checkbox', { name: /Phường Tân Ninh/ }).check();
    await page.getByRole('button', { name: 'Thêm cơ quan' }).last().click();
    const codeField = page.locator('.field-invalid', {
      has: page.getByLabel('Mã', { exact: false }).first(),
    });
    await codeField.getByText('Định dạng không hợp lệ.').waitFor();
    await expectAccessible(page, 'console-agency-new-error');

    await page.getByLabel('Mã', { exact: false }).first().fill('E2E-PHONG');
    await page.getByRole('button', { name: 'Thêm cơ quan' }).last().click();
    await page.getByRole('heading', { name: 'Phòng Kiểm thử Tự động', level: 1 }).waitFor();
    await page.getByText('Phường Tân Ninh').waitFor();
    await expectAccessible(page, 'console-agency-detail');

    await page.getByRole('link', { name: 'Sửa' }).click();
    const name = page.getByLabel('Tên cơ quan');
    await expect.poll(() => name.inputValue(), WAIT).toBe('Phòng Kiểm thử Tự động');
    await expectAccessible(page, 'console-agency-edit');
    await name.fill('Phòng Kiểm thử Tự động (đã sửa)');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('heading', { name: 'Phòng Kiểm thử Tự động (đã sửa)', level: 1 }).waitFor();

    await page.goto('/console/agencies?q=kiem%20thu');
    await page.getByRole('row', { name: /E2E-PHONG.*Phòng Kiểm thử Tự động \(đã sửa\)/ }).waitFor();
    await expectAccessible(page, 'console-agencies');
  });
});

describe('audit log', () => {
  it('lists the actions above, filters by action, and opens an entry with its details and hash', async () => {
    await page.goto('/console/audit');
    await page.locator('#audit tbody tr').first().waitFor();
    await expectAccessible(page, 'console-audit');
    for (const action of [
      'Tạo tài khoản cán bộ',
      'Cập nhật tài khoản cán bộ',
      'Tạo cơ quan',
      'Cập nhật cơ quan',
    ]) {
      await page.getByRole('cell', { name: action }).first().waitFor();
    }

    await page.getByLabel('Thao tác').selectOption('officer.create');
    await expect.poll(() => new URL(page.url()).searchParams.get('action'), WAIT).toBe('officer.create');
    await page.getByText('Tổng số: 1').waitFor();
    await page.locator('#audit tbody tr th a').first().click();
    await page.getByRole('heading', { name: /^Nhật ký số \d+$/ }).waitFor();
    await page.getByText('Mã băm (SHA-256)').waitFor();
    expect(await page.locator('code.hash').innerText()).toMatch(/^[0-9a-f]{64}$/);
    const details = page.locator('dl.tree').first();
    expect(await details.innerText()).toContain('e2e.kiemthu');
    await expectAccessible(page, 'console-audit-detail');
  });
});

describe('on a tablet', () => {
  it('stacks the navigation above the content and keeps the table usable', async () => {
    const tablet = await admin.newPage();
    await tablet.setViewportSize({ width: 800, height: 1100 });
    await tablet.goto('/console/officers');
    await tablet.locator('#officers tbody tr').first().waitFor();
    const nav = await tablet.getByRole('navigation', { name: 'Điều hướng chính' }).boundingBox();
    const table = await tablet.locator('#officers').boundingBox();
    expect(nav!.y + nav!.height).toBeLessThanOrEqual(table!.y);
    await expectAccessible(tablet, 'console-officers-tablet');
    await tablet.close();
  });
});

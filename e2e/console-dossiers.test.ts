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
 * The officer console, dossiers: a citizen files a dossier through the API (as the mini app does),
 * the one-stop clerk finds it in "Chờ tiếp nhận" by its code, opens it and receives it; the status
 * becomes "Đã tiếp nhận" with a due date and the Mẫu 01 slip appears once the background job has
 * issued it; refusing without a reason shows the field error.
 */

const WAIT = { timeout: 15_000 };
/** The slip is rendered by a job; the page polls for it. */
const SLIP_WAIT = { timeout: 90_000 };

let server: RunningServer;
let browser: Browser;
let clerk: BrowserContext;
let page: Page;
let dossierCode = '';
let call: ApiClient['call'];
let json: ApiClient['json'];
let prepareDossier: ApiClient['prepareDossier'];

async function signIn(target: Page, username: string): Promise<void> {
  await target.goto('/console/sign-in');
  await target.getByLabel('Tên đăng nhập').fill(username);
  await target.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await target.getByRole('button', { name: 'Đăng nhập' }).click();
  await target.getByRole('heading', { name: /^Xin chào,/ }).waitFor(WAIT);
}

async function expectAccessible(target: Page, name: string): Promise<void> {
  expect(await seriousViolations(target)).toEqual([]);
  await screenshot(target, name);
}

/** Files a dossier as a citizen, for a "khai sinh" procedure the clerk's agency receives if there is one. */
async function fileDossier(): Promise<string> {
  const { procedure, submit } = await prepareDossier({
    zaloId: 'e2e-dossier-citizen',
    name: 'Nguyễn Thị Mai',
    email: 'nguyen.thi.mai@example.vn',
  });
  const created = await json<{ id: string; code: string; status: string }>(await submit(), 201);
  expect(created.status).toBe('submitted');
  // The same key again is the same dossier, not a second one.
  const again = await json<{ id: string }>(await submit(), 201);
  expect(again.id).toBe(created.id);
  await letClerkSee(created.code, procedure.agency.id);
  return created.code;
}

async function bearer(username: string): Promise<string> {
  const login = await call('/api/auth/officer/login', {
    method: 'POST',
    body: { username, password: DEMO_PASSWORD, tokenMode: 'bearer' },
  });
  return (await json<{ token: string }>(login)).token;
}

/**
 * The demo clerk works at the province's service centre, while the demo "khai sinh" procedure belongs
 * to a ward: when the clerk's scope does not reach the dossier, the province admin gives the clerk a
 * clerk role at the procedure's agency too (as a province would for a one-stop desk serving it).
 */
async function letClerkSee(code: string, agencyId: string): Promise<void> {
  const clerkToken = await bearer('motcua');
  const seen = await json<{ total: number }>(
    await call(`/api/admin/dossiers?q=${encodeURIComponent(code)}`, { token: clerkToken }),
  );
  if (seen.total > 0) return;
  const adminToken = await bearer('admin.tinh');
  const officers = await json<{
    items: { id: string; username: string; roles: { agencyId: string; role: string }[] }[];
  }>(await call('/api/admin/officers?q=motcua', { token: adminToken }));
  const motcua = officers.items.find((o) => o.username === 'motcua')!;
  const roles = [
    ...motcua.roles.map((r) => ({ agencyId: r.agencyId, role: r.role })),
    { agencyId, role: 'clerk' },
  ];
  await json(
    await call(`/api/admin/officers/${motcua.id}`, { method: 'PATCH', token: adminToken, body: { roles } }),
  );
  const after = await json<{ total: number }>(
    await call(`/api/admin/dossiers?q=${encodeURIComponent(code)}`, { token: await bearer('motcua') }),
  );
  expect(after.total).toBe(1);
}

beforeAll(async () => {
  server = await startServer();
  ({ call, json, prepareDossier } = apiClient(server.url));
  browser = await launchBrowser();
  // CSP bypassed only so axe-core can be injected (see console.test.ts).
  clerk = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    bypassCSP: true,
  });
  page = await clerk.newPage();
  dossierCode = await fileDossier();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('console dossiers', () => {
  it('the clerk sees the dossier summary on the home screen and finds the dossier by code', async () => {
    await signIn(page, 'motcua');
    const card = page.getByTestId('dossier-card');
    await card.getByText('Chờ tiếp nhận').waitFor(WAIT);
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Hồ sơ' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ' }).waitFor(WAIT);
    const queues = page.getByRole('navigation', { name: 'Hàng đợi hồ sơ' });
    await expect
      .poll(() => queues.getByRole('link', { name: /Chờ tiếp nhận/ }).getAttribute('aria-current'), WAIT)
      .toBe('page');
    await page.getByLabel('Mã hồ sơ, họ tên hoặc số điện thoại').fill(dossierCode);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), WAIT).toBe(dossierCode);
    const row = page.getByRole('link', { name: dossierCode, exact: true });
    await row.waitFor(WAIT);
    await expect(page.locator('#dossiers tbody tr').count()).resolves.toBe(1);
    await expectAccessible(page, 'console-dossiers-submitted');
    await row.click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${dossierCode}` }).waitFor(WAIT);
  });

  it('receives the dossier: status, due date and the Mẫu 01 slip', async () => {
    await expect(page.locator('[data-status]').innerText()).resolves.toContain('Chờ tiếp nhận');
    await page.getByRole('heading', { name: 'Nội dung tờ khai' }).waitFor();
    await expectAccessible(page, 'console-dossier-submitted');

    await page.locator('button[data-action="receive"]').click();
    const dialog = page.getByRole('dialog', { name: `Tiếp nhận: ${dossierCode}` });
    await dialog.waitFor(WAIT);
    await expectAccessible(page, 'console-dossier-receive-dialog');
    await dialog.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await page.getByText('Đã thực hiện: Tiếp nhận.').waitFor(WAIT);
    await expect.poll(() => page.locator('[data-status]').innerText(), WAIT).toContain('Đã tiếp nhận');

    const due = page.locator('.field-row', { hasText: 'Hạn trả kết quả' }).locator('dd');
    await expect.poll(() => due.innerText(), WAIT).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    await page.getByRole('link', { name: /^Mẫu 01/ }).waitFor(SLIP_WAIT);
    const timeline = page.locator('.timeline');
    await timeline
      .getByText(/Tiếp nhận/)
      .first()
      .waitFor();
    await expectAccessible(page, 'console-dossier-received');
  });

  it('refusing without a reason shows the field error', async () => {
    await page.locator('button[data-action="refuse"]').click();
    const dialog = page.getByRole('dialog', { name: `Từ chối: ${dossierCode}` });
    await dialog.waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Từ chối', exact: true }).click();
    await dialog.locator('.field-error', { hasText: 'Vui lòng nhập lý do từ chối.' }).waitFor(WAIT);
    await expect(dialog.getByLabel(/Lý do từ chối/).getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible(page, 'console-dossier-refuse-error');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    // Nothing was refused.
    await expect(page.locator('[data-status]').innerText()).resolves.toContain('Đã tiếp nhận');
  });
});

describe('console procedures and one-stop integrations (province admin)', () => {
  let admin: BrowserContext;
  let tab: Page;

  beforeAll(async () => {
    admin = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 800 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      bypassCSP: true,
    });
    const login = await admin.request.post('/api/auth/officer/login', {
      data: { username: 'admin.tinh', password: DEMO_PASSWORD },
    });
    expect(login.status()).toBe(200);
    tab = await admin.newPage();
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('lists the catalog, opens a procedure with its documents and form', async () => {
    await tab.goto('/console/procedures?q=khai%20sinh');
    await tab.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor(WAIT);
    const first = tab.locator('#procedures tbody th a').first();
    await first.waitFor(WAIT);
    await expectAccessible(tab, 'console-procedures');
    await first.click();
    await tab.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor(WAIT);
    await tab.getByRole('heading', { name: 'Tờ khai trực tuyến' }).waitFor();
    await tab.getByRole('button', { name: 'Ngừng nhận hồ sơ trực tuyến' }).waitFor();
    await expectAccessible(tab, 'console-procedure-detail');
  });

  it('checks an import without applying it and lists the rejected rows', async () => {
    await tab.goto('/console/procedures/import');
    await tab.getByRole('heading', { level: 1, name: 'Nhập danh mục thủ tục' }).waitFor(WAIT);
    await tab
      .getByLabel(/^Nội dung/)
      .fill(JSON.stringify([{ code: 'E2E.0001', name: 'Thủ tục thiếu thông tin' }]));
    await tab.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    const report = tab.getByTestId('import-report');
    await report.getByRole('heading', { name: 'Kết quả kiểm tra' }).waitFor(WAIT);
    await report.getByRole('cell', { name: 'E2E.0001' }).waitFor();
    await expectAccessible(tab, 'console-procedure-import-check');
  });

  it('creates a one-stop integration and shows its secret once', async () => {
    await tab.goto('/console/integrations');
    await tab.getByRole('heading', { level: 1, name: 'Kết nối hệ thống một cửa' }).waitFor(WAIT);
    await tab.getByLabel(/^Tên kết nối/).fill('Hệ thống một cửa điện tử tỉnh (kiểm thử)');
    await tab.getByRole('button', { name: 'Tạo kết nối' }).click();
    await tab.getByText('Khóa bí mật chỉ hiển thị một lần.', { exact: false }).waitFor(WAIT);
    const secret = await tab.locator('[data-copy-value]').nth(1).innerText();
    expect(secret.length).toBeGreaterThan(16);
    await tab.getByRole('row', { name: /Hệ thống một cửa điện tử tỉnh \(kiểm thử\)/ }).waitFor(WAIT);
    await expectAccessible(tab, 'console-integrations-secret');
    await tab.getByRole('button', { name: 'Tôi đã lưu khóa, đóng' }).click();
    await expect(tab.locator('[data-copy-value]').count()).resolves.toBe(0);
  });
});

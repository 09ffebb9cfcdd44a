import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from './api.js';
import {
  expectAccessible,
  openFromInbox,
  reportsWorld,
  WAIT,
  type Filed,
} from './console-reports.helpers.js';
import { launchBrowser, startServer, type RunningServer } from './harness.js';

/*
 * The officer console, field incident reports: a citizen reports a fallen tree in phường Tân Ninh
 * through the API (as the mini app does); the ward's handler finds it in the inbox with its SLA,
 * starts it and resolves it with an answer and a proof photo; the citizen's own view says resolved.
 * A report nobody is routed to waits in the coordination centre's triage queue, whose officer
 * assigns it to the ward, where the handler starts it with a bulk action. The ward's supervisor sees
 * the supervision view (the demo's late reports) and hides a photo from the public feed; the province
 * admin sees the map and the configuration and issues an Open311 key. Axe finds no serious or
 * critical violation on any of these screens.
 */

const TREE = 'cay-xanh';

let server: RunningServer;
let browser: Browser;
type World = ReturnType<typeof reportsWorld>;
let world: World;
let call: World['call'];
let json: World['json'];
let bearer: World['bearer'];
let officerPage: World['officerPage'];
let fileReport: World['fileReport'];

let tree: Filed;
let ward: { id: string; name: string };
let point: { lat: number; lng: number };
let citizenToken: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  world = reportsWorld(server, browser);
  ({ call, json, bearer, officerPage, fileReport } = world);
  ward = await world.wardAgency();
  point = await world.wardPoint();
  citizenToken = await world.citizen('e2e-report-citizen', 'Lê Văn Nông');
  tree = await fileReport({
    zaloId: 'e2e-report-citizen',
    name: 'Lê Văn Nông',
    category: TREE,
    description: 'Cây dầu lớn bị đổ chắn ngang đường sau cơn mưa, xe máy không qua được.',
    point,
  });
  // The demo province routes fallen trees in the ward to the ward's committee.
  expect(tree.agency?.id).toBe(ward.id);
  expect(tree.inTriage).toBe(false);
});

afterAll(async () => {
  await world?.closePages();
  await browser?.close();
  await server?.stop();
});

describe('console reports: the ward handler', () => {
  let page: Page;

  it('finds the report in the inbox with its SLA countdown', async () => {
    page = await officerPage('xuly.xa');
    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Phản ánh hiện trường' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Phản ánh hiện trường' }).waitFor(WAIT);
    await page.getByLabel('Mã phản ánh, địa chỉ hoặc nội dung').fill(tree.code);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), WAIT).toBe(tree.code);
    const link = page.getByRole('link', { name: tree.code, exact: true });
    await link.waitFor(WAIT);
    const row = page.locator('#reports tbody tr', { has: link });
    await expect(row.locator('[data-state]').innerText()).resolves.toContain('Đã chuyển cơ quan xử lý');
    await expect(row.innerText()).resolves.toContain(ward.name);
    // A fresh report has time left: the shared SLA badge, not yet late.
    const sla = row.locator('.sla');
    await expect(sla.getAttribute('data-level')).resolves.toMatch(/^(ok|warning)$/);
    await expect(sla.innerText()).resolves.toMatch(/còn/i);
    await expectAccessible(page, 'console-reports-inbox');
    // The export is the same filtered list, built by the server.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải CSV' }).click(),
    ]);
    expect((await readFile(await csv.path())).toString('utf8')).toContain(tree.code);
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải Excel (XLSX)' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await readFile(await xlsx.path())).subarray(0, 2).toString('latin1')).toBe('PK');
    await link.click();
    await page.getByRole('heading', { level: 1, name: `Phản ánh hiện trường ${tree.code}` }).waitFor(WAIT);
  });

  it('shows the report: photos, reporter, timeline, and the actions the server allows', async () => {
    await expect(page.locator('[data-status]').innerText()).resolves.toContain('Đã chuyển cơ quan xử lý');
    await page.getByRole('img', { name: 'Ảnh hiện trường 1' }).waitFor(WAIT);
    const reporter = page.locator('section', { has: page.getByRole('heading', { name: 'Người phản ánh' }) });
    await expect(reporter.innerText()).resolves.toContain('Lê Văn Nông');
    await page.locator('button[data-action="start"]').waitFor(WAIT);
    await expect(page.locator('button[data-action="resolve"]').count()).resolves.toBe(1);
    await expectAccessible(page, 'console-report-detail');
  });

  it('starts the report', async () => {
    await page.locator('button[data-action="start"]').click();
    const dialog = page.getByRole('dialog', { name: `Bắt đầu xử lý: ${tree.code}` });
    await dialog.waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Bắt đầu xử lý', exact: true }).click();
    await page.getByText('Đã thực hiện: Bắt đầu xử lý.').waitFor(WAIT);
    await expect.poll(() => page.locator('[data-status]').innerText(), WAIT).toContain('Đang xử lý');
  });

  it('refuses to resolve without an answer and a proof photo, then resolves with both', async () => {
    await page.locator('button[data-action="resolve"]').click();
    const dialog = page.getByRole('dialog', { name: `Hoàn thành xử lý: ${tree.code}` });
    await dialog.waitFor(WAIT);
    await dialog.getByRole('button', { name: 'Hoàn thành xử lý', exact: true }).click();
    await dialog.locator('.field-error', { hasText: 'Vui lòng nhập nội dung trả lời.' }).waitFor(WAIT);
    // Fallen trees ask for a photo of the finished work.
    await dialog.locator('.field-error', { hasText: 'Vui lòng chọn ít nhất một ảnh kết quả.' }).waitFor();
    await expectAccessible(page, 'console-report-resolve-errors');

    await dialog
      .getByLabel(/Trả lời của cơ quan/)
      .fill('Tổ công tác phường đã cắt dọn cây đổ, thông đường lúc 15 giờ.');
    await dialog
      .getByLabel(/Ảnh kết quả xử lý/)
      .setInputFiles({ name: 'da-don-cay.png', mimeType: 'image/png', buffer: PNG });
    await dialog.getByRole('button', { name: 'Hoàn thành xử lý', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Xác nhận' });
    await confirm.waitFor(WAIT);
    await confirm.getByRole('button', { name: 'Hoàn thành xử lý', exact: true }).click();
    await page.getByText('Đã thực hiện: Hoàn thành xử lý.').waitFor(WAIT);
    await expect.poll(() => page.locator('[data-status]').innerText(), WAIT).toContain('Đã xử lý');
    await page.getByRole('img', { name: 'Ảnh kết quả 1' }).waitFor(WAIT);
    await expect(page.locator('.timeline').innerText()).resolves.toContain('Hoàn thành xử lý');
    await expectAccessible(page, 'console-report-resolved');
  });

  it('the citizen sees the resolution and the answer', async () => {
    const mine = await json<{ state: string; answer: string | null; resolutionPhotos: unknown[] }>(
      await call(`/api/me/reports/${tree.id}`, { token: citizenToken }),
    );
    expect(mine.state).toBe('resolved');
    expect(mine.answer).toBe('Tổ công tác phường đã cắt dọn cây đổ, thông đường lúc 15 giờ.');
    expect(mine.resolutionPhotos).toHaveLength(1);
  });
});

describe('console reports: triage, supervision, map and configuration', () => {
  let other: Filed;

  it('the coordination centre assigns an unrouted report to the ward', async () => {
    // "Khác" has no routing rule in the demo province: it waits for the coordination centre.
    other = await fileReport({
      zaloId: 'e2e-report-citizen-2',
      name: 'Trần Thị Hoa',
      category: 'khac',
      description: 'Bảng quảng cáo cũ bị gió làm nghiêng trước chợ phường.',
      point,
    });
    expect(other.inTriage).toBe(true);
    expect(other.state).toBe('submitted');
    const page = await officerPage('dieuphoi');
    await openFromInbox(page, other.code, '&triage=true');
    await expect(page.locator('[data-status]').innerText()).resolves.toContain('Chờ phân loại');
    await expectAccessible(page, 'console-report-triage');
    await page.locator('button[data-action="assign_agency"]').click();
    const dialog = page.getByRole('dialog', { name: `Chuyển cơ quan xử lý: ${other.code}` });
    await dialog.waitFor(WAIT);
    await dialog.getByLabel(/Cơ quan xử lý/).selectOption({ label: ward.name });
    await dialog.getByRole('button', { name: 'Chuyển cơ quan xử lý', exact: true }).click();
    // The toast either way: the report may now be outside the centre's scope (see ReportActionDialog).
    await page.getByText(/^Đã thực hiện: Chuyển cơ quan xử lý\./).waitFor(WAIT);
    const after = await json<{ state: string; inTriage: boolean; agency: { id: string } }>(
      await call(`/api/admin/reports/${other.id}`, { token: await bearer('xuly.xa') }),
    );
    expect(after.state).toBe('assigned');
    expect(after.inTriage).toBe(false);
    expect(after.agency.id).toBe(ward.id);
  });

  it('the ward handler starts the assigned report with a bulk action', async () => {
    const page = await officerPage('xuly.xa');
    await page.goto(`/console/reports?q=${encodeURIComponent(other.code)}`);
    await page.getByLabel(`Chọn phản ánh ${other.code}`).check(WAIT);
    await page.getByText('Đã chọn 1 phản ánh').waitFor(WAIT);
    await page.getByLabel('Thao tác', { exact: true }).selectOption({ label: 'Bắt đầu xử lý' });
    await page.getByRole('button', { name: 'Thực hiện', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Bắt đầu xử lý: Đã chọn 1 phản ánh' });
    await dialog.waitFor(WAIT);
    await expectAccessible(page, 'console-reports-bulk');
    await dialog.getByRole('button', { name: 'Bắt đầu xử lý', exact: true }).click();
    await page.getByText('Đã thực hiện cho 1 phản ánh.').waitFor(WAIT);
    const row = page.locator('#reports tbody tr', { has: page.getByRole('link', { name: other.code }) });
    await expect.poll(() => row.locator('[data-state]').innerText(), WAIT).toContain('Đang xử lý');
  });

  it('the ward supervisor sees counts per agency and the late or escalated reports', async () => {
    const page = await officerPage('lanhdao.xa');
    const supervision = await json<{
      counts: { open: number; late: number; escalated: number }[];
      items: { code: string; late: boolean; escalationLevel: number }[];
    }>(await call('/api/admin/reports/supervision', { token: await bearer('lanhdao.xa') }));
    // The first screen tells the supervisor how many reports are late or escalated to them.
    await page.goto('/console');
    const card = page.getByTestId('report-card');
    const late = supervision.counts.reduce((n, c) => n + c.late, 0);
    const escalated = supervision.counts.reduce((n, c) => n + c.escalated, 0);
    expect(late + escalated).toBeGreaterThan(0);
    await expect
      .poll(() => card.locator('.stat').allInnerTexts(), WAIT)
      .toEqual([
        supervision.counts.reduce((n, c) => n + c.open, 0).toLocaleString('vi-VN'),
        late.toLocaleString('vi-VN'),
        escalated.toLocaleString('vi-VN'),
      ]);
    await card.getByRole('link', { name: 'Đã cảnh báo lãnh đạo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Giám sát, quá hạn' }).waitFor(WAIT);
    const counts = page.locator('#supervision-counts');
    await counts.waitFor(WAIT);
    await expect(counts.innerText()).resolves.toContain(ward.name);
    expect(supervision.items.length).toBeGreaterThan(0);
    const first = supervision.items[0]!;
    expect(first.late || first.escalationLevel > 0).toBe(true);
    await page
      .locator('#supervision-items')
      .getByRole('link', { name: first.code, exact: true })
      .waitFor(WAIT);
    await expectAccessible(page, 'console-reports-supervision');

    // The supervisor hides the reporter's photo from the public feed; the feed stops showing it.
    type FeedItem = { photos: unknown[]; resolutionPhotos: unknown[] };
    const before = await json<FeedItem>(await call(`/api/reports/feed/${tree.id}`));
    expect(before.photos).toHaveLength(1);
    await openFromInbox(page, tree.code);
    const hide = page.getByRole('checkbox', { name: 'Ẩn khỏi trang công khai' }).first();
    await hide.click();
    await page.getByText('Đã cập nhật kiểm duyệt.').waitFor(WAIT);
    await expect.poll(() => hide.isChecked(), WAIT).toBe(true);
    const after = await json<FeedItem>(await call(`/api/reports/feed/${tree.id}`));
    expect(after.photos).toHaveLength(0);
    expect(after.resolutionPhotos).toHaveLength(1);
    await expectAccessible(page, 'console-report-moderated');
  });

  it('the ward supervisor merges a duplicate into the original', async () => {
    const duplicate = await fileReport({
      zaloId: 'e2e-report-citizen-3',
      name: 'Phan Văn Tài',
      category: TREE,
      description: 'Có cây đổ ngang đường gần chợ, chưa ai dọn.',
      point,
    });
    const page = await officerPage('lanhdao.xa');
    await openFromInbox(page, duplicate.code);
    await page.locator('button[data-action="reject"]').click();
    const dialog = page.getByRole('dialog', { name: `Từ chối: ${duplicate.code}` });
    await dialog.waitFor(WAIT);
    await dialog.getByLabel(/Lý do từ chối/).selectOption({ label: 'Trùng lặp' });
    await dialog.getByLabel(/Mã phản ánh gốc/).fill(tree.code);
    await expectAccessible(page, 'console-report-merge');
    await dialog.getByRole('button', { name: 'Từ chối', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Xác nhận' });
    await confirm.waitFor(WAIT);
    await confirm.getByRole('button', { name: 'Từ chối', exact: true }).click();
    await page.getByText('Đã thực hiện: Từ chối.').waitFor(WAIT);
    await expect.poll(() => page.locator('[data-status]').innerText(), WAIT).toContain('Từ chối');
    await page.getByRole('link', { name: tree.code, exact: true }).waitFor(WAIT);
    // The duplicate's reporter now follows the original.
    const mine = await json<{ items: { id: string; following: boolean; mine: boolean }[] }>(
      await call('/api/me/reports', { token: await world.citizen('e2e-report-citizen-3', 'Phan Văn Tài') }),
    );
    expect(mine.items.find((r) => r.id === tree.id)?.following).toBe(true);
  });

  it('the province admin sees the map and configures categories and Open311 keys', async () => {
    const page = await officerPage('admin.tinh');
    await page.goto(`/console/reports/map?q=${encodeURIComponent(tree.code)}`);
    await page.getByRole('region', { name: 'Bản đồ phản ánh' }).waitFor(WAIT);
    await page.getByText('1 phản ánh trên bản đồ').first().waitFor(WAIT);
    // Leaflet is its own chunk, loaded for this screen: the map container is live.
    await page.locator('.leaflet-container').waitFor(WAIT);
    await page.locator('path.leaflet-interactive').first().waitFor(WAIT);
    await expectAccessible(page, 'console-reports-map');

    await page
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link', { name: 'Cấu hình phản ánh' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Cấu hình phản ánh' }).waitFor(WAIT);
    await page.locator('#report-categories').getByText('Cây xanh').first().waitFor(WAIT);
    await expectAccessible(page, 'console-reports-categories');

    await page.getByRole('link', { name: 'Thiết lập quy trình' }).click();
    await page.getByRole('heading', { name: 'Quy trình đang áp dụng' }).waitFor(WAIT);
    await page.getByLabel(/Người dân được mở lại trong/).fill('10');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu.').waitFor(WAIT);
    const settings = await json<{ reopenDays: number; triageAgencyId: string | null }>(
      await call('/api/admin/report-settings', { token: await bearer('admin.tinh') }),
    );
    expect(settings.reopenDays).toBe(10);
    expect(settings.triageAgencyId).not.toBeNull();
    await expectAccessible(page, 'console-reports-settings');

    await page.getByRole('link', { name: 'Ứng dụng Open311' }).click();
    await page.getByLabel(/Tên ứng dụng/).fill('Tổng đài 1022 thử nghiệm');
    await page.getByRole('button', { name: 'Cấp khóa API' }).click();
    const key = page.locator('[data-copy-value]');
    await key.waitFor(WAIT);
    await expect(key.innerText()).resolves.toMatch(/^o311_/);
    await expectAccessible(page, 'console-reports-open311');
    await page.getByRole('button', { name: 'Tôi đã lưu khóa' }).click();
    await expect(key.count()).resolves.toBe(0);
    const client = page.locator('#open311-clients tbody tr', { hasText: 'Tổng đài 1022 thử nghiệm' });
    await client.getByRole('button', { name: 'Thu hồi' }).click();
    const confirm = page.getByRole('dialog', { name: 'Xác nhận' });
    await confirm.getByRole('button', { name: 'Thu hồi' }).click();
    await client.getByText('Đã thu hồi').waitFor(WAIT);
  });
});

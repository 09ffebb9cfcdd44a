import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lastOtpFor,
  launchBrowser,
  mobileContext,
  screenshot,
  seriousViolations,
  startServer,
  type RunningServer,
} from './harness.js';

/*
 * The citizen's way through a procedure: find it in the catalog without accents, read what it
 * needs, sign in, fill its form (a wrong value is explained beside the field, a photo is attached,
 * a reload keeps what was typed), review, submit, see the code, find it in "Hồ sơ của tôi", and
 * look it up signed out with the code and the last 4 digits of the phone.
 */

const PHONE = '0987654321';
const MOTHER_ID = '072190001234';

let server: RunningServer;
let browser: Browser;

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

/** A small real PNG (a 48×32 gradient): what a phone photo of a paper becomes in the test. */
function makePng(width = 48, height = 32): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([(x * 5) % 256, (y * 7) % 256, 128], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, name);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('citizen mini app: procedures and dossiers', () => {
  let code = '';

  it('finds a procedure, signs in, fills the form, submits, and lists the dossier', async () => {
    const context = await mobileContext(browser, server.url);
    const page = await context.newPage();

    // Home: the tile opens the catalog, which says to pick a procedure to submit.
    await page.goto('/');
    await page.locator('a[data-utility="nop-ho-so"]').click();
    await page.getByText('Chọn thủ tục để nộp hồ sơ.').waitFor();

    // Search without accents.
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    const result = page
      .locator('a.procedure-link')
      .filter({ has: page.locator('strong', { hasText: /^Đăng ký khai sinh$/ }) });
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain('ngày làm việc');
    await checkScreen(page, 'miniapp-catalog');
    await result.click();

    // The procedure: papers, time, level, and the one main action.
    await page.getByRole('heading', { level: 1, name: 'Đăng ký khai sinh' }).waitFor();
    await page.getByText('Giấy chứng sinh', { exact: false }).first().waitFor();
    await page.getByText('Trực tuyến toàn trình').waitFor();
    await page.getByText('1 ngày làm việc').waitFor();
    await checkScreen(page, 'miniapp-procedure');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    // Signing in first, then straight back to the form.
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Số điện thoại').fill(PHONE);
    await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
    await page
      .getByRole('dialog', { name: 'Cho phép dùng số điện thoại của bạn?' })
      .getByRole('button', { name: 'Đồng ý', exact: true })
      .click();
    const codeField = page.getByLabel('Mã xác nhận (6 chữ số)');
    await codeField.waitFor();
    await codeField.fill(lastOtpFor(server.sms, PHONE));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ' }).waitFor();
    expect(new URL(page.url()).searchParams.get('page')).toBe('nop-ho-so');

    // Required marks are words, not only a star.
    const childName = page.getByLabel(/^Họ, chữ đệm, tên của trẻ/);
    await expect(page.locator('label[for="f-ho_ten_tre"]').textContent()).resolves.toContain('(bắt buộc)');
    await childName.fill('Nguyễn Văn An');
    await page.getByLabel(/^Ngày, tháng, năm sinh/).fill('2025-01-15');
    await page.getByLabel('Nam', { exact: true }).check();
    await page.getByLabel(/^Dân tộc/).fill('Kinh');

    // A wrong citizen ID is explained beside the field when leaving it.
    const motherId = page.getByLabel(/^Số CCCD của người mẹ/);
    await motherId.fill('12345');
    await page.getByLabel(/^Họ, chữ đệm, tên người mẹ/).focus();
    const idError = page.locator('#f-so_cccd_me-error');
    await idError.waitFor();
    await expect(idError.textContent()).resolves.toContain('Số CCCD phải gồm 12 chữ số.');
    await expect(motherId.getAttribute('aria-invalid')).resolves.toBe('true');
    await checkScreen(page, 'miniapp-form-error');
    await motherId.fill(MOTHER_ID);
    await idError.waitFor({ state: 'detached' });
    await page.getByLabel(/^Họ, chữ đệm, tên người mẹ/).fill('Trần Thị Bình');

    // A reload in the middle keeps everything typed so far.
    await page.waitForTimeout(300);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ' }).waitFor();
    await expect(page.getByLabel(/^Họ, chữ đệm, tên của trẻ/).inputValue()).resolves.toBe('Nguyễn Văn An');
    await expect(page.getByLabel(/^Số CCCD của người mẹ/).inputValue()).resolves.toBe(MOTHER_ID);
    await expect(page.getByLabel('Nam', { exact: true }).isChecked()).resolves.toBe(true);

    // Place of birth: a commune of the province and the street.
    const commune = page.locator('#f-noi_sinh-communeId');
    await commune.locator('option').nth(1).waitFor({ state: 'attached' });
    await commune.selectOption({ index: 1 });
    await page.getByLabel('Số nhà, đường, ấp/khu phố').fill('12 đường 30/4, khu phố 1');
    await page.getByLabel('Mẹ', { exact: true }).check();

    // A photo of the birth certificate, made smaller in the browser and uploaded.
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Chọn từ thư viện' }).first().click(),
    ]);
    await chooser.setFiles({ name: 'giay-chung-sinh.png', mimeType: 'image/png', buffer: makePng() });
    await page.getByText('Đã tải lên').first().waitFor({ timeout: 20_000 });
    await page.getByLabel(/^Tôi cam đoan/).check();
    await checkScreen(page, 'miniapp-form');

    // Review, then send.
    await page.getByRole('button', { name: 'Tiếp tục: xem lại hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Xem lại hồ sơ' }).waitFor();
    await page.getByText('Nguyễn Văn An').waitFor();
    await page.getByText('giay-chung-sinh.png').waitFor();
    await checkScreen(page, 'miniapp-form-review');
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();

    await page.getByRole('heading', { level: 1, name: 'Đã gửi hồ sơ' }).waitFor({ timeout: 30_000 });
    code = ((await page.locator('#dossier-code').textContent()) ?? '').trim();
    expect(code.length).toBeGreaterThan(3);
    await page.getByText('Chờ tiếp nhận').first().waitFor();
    await checkScreen(page, 'miniapp-dossier-submitted');

    // "Hồ sơ của tôi" lists it with its status in words.
    await page.goto('/?page=ho-so-cua-toi');
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    const row = page.locator(`li[data-code="${code}"]`);
    await row.waitFor();
    await row.getByText('Chờ tiếp nhận').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Bản nháp của tôi' }).waitFor();
    await checkScreen(page, 'miniapp-my-dossiers');

    // Its detail: timeline and due date.
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Các bước đã qua' }).waitFor();
    await checkScreen(page, 'miniapp-dossier');
    await context.close();
  }, 180_000);

  it('looks the dossier up signed out with the code and the last 4 digits of the phone', async () => {
    expect(code).not.toBe('');
    const context = await mobileContext(browser, server.url);
    const page = await context.newPage();
    await page.goto('/?page=tra-cuu-ho-so');
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await checkScreen(page, 'miniapp-lookup');
    await page.getByLabel('Mã hồ sơ').fill(code);
    await page.getByLabel('4 số cuối điện thoại').fill(PHONE.slice(-4));
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Kết quả tra cứu' }).waitFor();
    await page.locator('.lookup-result').getByText('Chờ tiếp nhận').first().waitFor();
    await checkScreen(page, 'miniapp-lookup-result');

    // A wrong phone says so in words, without revealing whether the dossier exists.
    await page.getByLabel('4 số cuối điện thoại').fill('0000');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await page.getByText('Không tìm thấy hồ sơ.', { exact: false }).waitFor();
    await context.close();
  }, 60_000);
});

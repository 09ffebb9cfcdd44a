import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './api.js';
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
import { DEMO_COMMUNE_CENTRES } from '../server/src/modules/reports/seed-demo-geo.js';
import { jpegExif } from '../server/src/platform/files/exif-gps.js';

/*
 * The citizen's field report from a phone-sized browser: sign in, a photo first (a real JPEG through
 * the file chooser), the place from the phone's position and a tap on the map (no tile server: the
 * map must work without tiles), "Cây xanh", a description, send, see the code, find it in "Phản ánh
 * của tôi". Then the same place again: the first report is offered as a nearby duplicate, and the
 * new one is made offline, kept, and sent exactly once when the connection returns. The ward's
 * answer with its proof photo reaches the citizen, who rates it; the public feed shows the report
 * without the reporter's name, signed out.
 */

const PHONE = '0912345678';
const NEIGHBOUR_PHONE = '0912345679';

let server: RunningServer;
let browser: Browser;
let centre: { lat: number; lng: number };
let communeName: string;

/** A 1024×768 JPEG with detail and the GPS position a phone camera writes into it. */
async function makeJpeg(): Promise<Buffer> {
  const width = 1024;
  const height = 768;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    pixels.set([(x * 7 + y) % 256, (y * 5) % 256, (x ^ y) % 256], i * 3);
  }
  // Taken at Phường Tân Ninh's centre (11.3101, 106.0983), as the phone's EXIF GPS data says.
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '11/1 18/1 3636/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 5/1 5388/100',
      },
    })
    .toBuffer();
}

async function checkScreen(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, name);
}

async function signIn(page: Page, phone = PHONE): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
  await page.getByLabel('Số điện thoại').fill(phone);
  await page.getByRole('button', { name: 'Gửi mã xác nhận' }).click();
  await page
    .getByRole('dialog', { name: 'Cho phép dùng số điện thoại của bạn?' })
    .getByRole('button', { name: 'Đồng ý', exact: true })
    .click();
  const codeField = page.getByLabel('Mã xác nhận (6 chữ số)');
  await codeField.waitFor();
  await codeField.fill(lastOtpFor(server.sms, phone));
  await page.getByRole('button', { name: 'Xác nhận' }).click();
}

/** Photo, place from the phone, the field and the description: the form up to "Gửi phản ánh". */
async function fillReport(page: Page, jpeg: Buffer, description: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Gửi phản ánh' }).waitFor();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Chụp ảnh' }).click(),
  ]);
  await chooser.setFiles({ name: 'cay-do.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.getByRole('img', { name: 'Ảnh hiện trường số 1' }).waitFor();
  await page.getByText('Đã chọn 1/4 ảnh').waitFor();

  await page.getByRole('button', { name: 'Lấy vị trí hiện tại' }).click();
  // The location consent is asked once per device: the second report goes straight to the position.
  const consent = page.getByRole('dialog', { name: 'Cho phép dùng vị trí của bạn?' });
  const placed = page.getByText('Theo vị trí của máy');
  await consent.or(placed).first().waitFor();
  if (await consent.isVisible()) await consent.getByRole('button', { name: 'Đồng ý', exact: true }).click();
  await placed.waitFor();
  await page.getByTestId('report-commune').filter({ hasText: communeName }).waitFor();
  await page.getByRole('radio', { name: /^Cây xanh/ }).check();
  await page.getByLabel('Nội dung phản ánh').fill(description);
}

beforeAll(async () => {
  // No internet here: a tile server that cannot answer; the map must still take the pin. PostgreSQL
  // when TEST_DATABASE_URL names one, else the embedded database.
  server = await startServer(
    { MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' },
    { database: 'postgres' },
  );
  browser = await launchBrowser();
  // Phường Tân Ninh: a demo commune with a boundary and its own committee, which handles "Cây xanh".
  centre = DEMO_COMMUNE_CENTRES['25459']!;
  const located = (await (
    await fetch(`${server.url}/api/reports/locate?lat=${centre.lat}&lng=${centre.lng}`)
  ).json()) as { commune: { name: string } | null };
  if (!located.commune) throw new Error('the demo province has no report geography');
  communeName = located.commune.name;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('citizen mini app: field reports', () => {
  let context: BrowserContext;
  let page: Page;
  let firstCode = '';
  let firstId = '';
  let jpeg: Buffer;

  it('sends a fallen-tree report with a photo and the place, and finds it in "Phản ánh của tôi"', async () => {
    jpeg = await makeJpeg();
    context = await mobileContext(browser, server.url);
    await context.grantPermissions(['geolocation'], { origin: server.url });
    await context.setGeolocation({ latitude: centre.lat, longitude: centre.lng, accuracy: 10 });
    page = await context.newPage();

    // The home tile opens the utility; sending needs a signed-in citizen.
    await page.goto('/');
    await page.locator('a[data-utility="phan-anh"]').click();
    await page.getByRole('heading', { level: 1, name: 'Phản ánh hiện trường' }).waitFor();
    await checkScreen(page, 'miniapp-reports-hub');
    await page.getByRole('link', { name: 'Gửi phản ánh' }).click();
    await signIn(page);

    await fillReport(page, jpeg, 'Cây phượng bật gốc đổ chắn ngang đường, xe máy không qua được.');
    // The photo's own GPS data (read on the phone before compression) gives the same commune.
    await page.getByRole('button', { name: 'Dùng vị trí trong ảnh' }).click();
    await page.getByText('Theo vị trí trong ảnh').waitFor();
    await page.getByTestId('report-commune').filter({ hasText: communeName }).waitFor();
    // The map (Leaflet, no tiles reachable) takes a tap: the pin moves there.
    const map = page.locator('#report-map[data-ready="true"]');
    await map.waitFor();
    await map.click({ position: { x: 180, y: 140 } });
    await page.getByText('Theo ghim trên bản đồ').waitFor();
    await page.getByRole('button', { name: 'Lấy vị trí hiện tại' }).click();
    await page.getByText('Theo vị trí của máy').waitFor();
    await checkScreen(page, 'miniapp-report-form');

    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const code = page.getByTestId('report-code');
    await code.waitFor();
    firstCode = (await code.textContent())!.trim();
    expect(firstCode).not.toBe('');
    await page.getByRole('heading', { level: 1, name: 'Đã gửi phản ánh' }).waitFor();
    // Routed by the point and the rules: Cây xanh in Phường Tân Ninh goes to its ward committee, with a deadline.
    const facts = await page.locator('.facts').textContent();
    expect(facts).toContain('Ủy ban nhân dân phường Tân Ninh');
    expect(facts).toContain('Hạn xử lý');
    await checkScreen(page, 'miniapp-report-sent');

    await page.getByRole('link', { name: 'Xem phản ánh của tôi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Phản ánh của tôi' }).waitFor();
    const item = page.locator(`li[data-code="${firstCode}"]`);
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('Cây xanh');
    await checkScreen(page, 'miniapp-my-reports');

    // The detail: its photo, state and timeline, to the reporter only.
    await item.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${firstCode}` }).waitFor();
    firstId = new URL(page.url()).searchParams.get('id')!;
    await page.getByRole('heading', { name: 'Ảnh hiện trường' }).waitFor();
    await page.getByRole('heading', { name: 'Quá trình xử lý' }).waitFor();
    await checkScreen(page, 'miniapp-report-detail');
  });

  it('offers the nearby report, and keeps a report made offline until it is sent exactly once', async () => {
    await page.goto('/?page=gui-phan-anh');
    await fillReport(page, jpeg, 'Thêm một cây nữa nghiêng sát dây điện, có nguy cơ đổ.');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();

    // The first report is open, same field, same place: offered to follow instead.
    const nearby = page.getByRole('region', { name: 'Có phản ánh tương tự gần đây' });
    await nearby.waitFor();
    await nearby.locator(`li[data-code="${firstCode}"]`).waitFor();
    await checkScreen(page, 'miniapp-report-nearby');

    // No connection: the report is kept on the phone, not lost.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Vẫn gửi phản ánh mới' }).click();
    await page.getByText('Chưa có kết nối. Phản ánh đã được lưu và sẽ tự gửi khi có mạng.').waitFor();
    await page.getByRole('link', { name: 'Xem phản ánh của tôi' }).click();
    const pending = page.locator('li[data-pending]');
    await pending.waitFor();
    await expect(pending.textContent()).resolves.toContain('Đang chờ gửi');

    // Back online: sent by itself, once.
    await context.setOffline(false);
    await pending.waitFor({ state: 'detached' });
    await page.locator('ul.my-reports > li').nth(1).waitFor();
    const token = await page.evaluate(
      () => (JSON.parse(localStorage.getItem('ctic.session') ?? 'null') as { token: string }).token,
    );
    const mine = (await (
      await fetch(`${server.url}/api/me/reports`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { total: number; items: { code: string; description: string }[] };
    expect(mine.total).toBe(2);
    expect(mine.items.filter((r) => r.description?.startsWith('Thêm một cây nữa'))).toHaveLength(1);
    await checkScreen(page, 'miniapp-my-reports-after-offline');
  });

  it('lets a neighbour follow the open report instead of filing it again, and stop following', async () => {
    const neighbour = await mobileContext(browser, server.url);
    await neighbour.grantPermissions(['geolocation'], { origin: server.url });
    await neighbour.setGeolocation({ latitude: centre.lat, longitude: centre.lng, accuracy: 10 });
    const other = await neighbour.newPage();
    await other.goto('/?page=gui-phan-anh');
    await signIn(other, NEIGHBOUR_PHONE);
    await fillReport(other, jpeg, 'Cây đổ chắn đường trước chợ, chưa ai dọn.');
    await other.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const nearby = other.getByRole('region', { name: 'Có phản ánh tương tự gần đây' });
    await nearby
      .locator(`li[data-code="${firstCode}"]`)
      .getByRole('button', { name: /^Theo dõi phản ánh này/ })
      .click();
    await other.getByText(`Bạn đã theo dõi phản ánh ${firstCode}.`, { exact: false }).waitFor();
    await checkScreen(other, 'miniapp-report-followed');

    await other.getByRole('link', { name: 'Xem phản ánh của tôi' }).click();
    const followed = other.locator(`li[data-code="${firstCode}"]`);
    await followed.waitFor();
    await expect(followed.textContent()).resolves.toContain('Đang theo dõi');
    await followed.getByRole('link').click();
    await other.getByRole('heading', { level: 1, name: `Phản ánh ${firstCode}` }).waitFor();
    // A follower sees the public view: nothing to rate or reopen.
    await expect(other.getByRole('heading', { name: 'Đánh giá kết quả xử lý' }).count()).resolves.toBe(0);
    await other.getByRole('button', { name: 'Bỏ theo dõi' }).click();
    await other.getByRole('heading', { level: 1, name: 'Phản ánh của tôi' }).waitFor();
    await other.getByText('Bạn chưa gửi hoặc theo dõi phản ánh nào.').waitFor();
    await neighbour.close();
  });

  it('brings the agency’s answer and proof photo to the citizen, who rates it', async () => {
    // The ward's handler resolves it through the console API (the console's own test drives the screens).
    const { call, json } = apiClient(server.url);
    const login = await call('/api/auth/officer/login', {
      method: 'POST',
      body: { username: 'xuly.xa', password: DEMO_PASSWORD, tokenMode: 'bearer' },
    });
    const officer = (await json<{ token: string }>(login)).token;
    const proof = new FormData();
    proof.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'da-xu-ly.jpg');
    const uploaded = await fetch(`${server.url}/api/files?kind=image`, {
      method: 'POST',
      headers: { authorization: `Bearer ${officer}` },
      body: proof,
    });
    const proofId = (await json<{ id: string }>(uploaded, 201)).id;
    await json(
      await call(`/api/admin/reports/${firstId}/actions/start`, { method: 'POST', token: officer, body: {} }),
    );
    await json(
      await call(`/api/admin/reports/${firstId}/actions/resolve`, {
        method: 'POST',
        token: officer,
        body: { answer: 'Đã cưa dọn cây đổ, thông đường lúc 15 giờ.', photoFileIds: [proofId] },
      }),
    );

    // The notification's link: page phan-anh with the report's id.
    await page.goto(`/?page=phan-anh&id=${firstId}`);
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${firstCode}` }).waitFor();
    await page.getByText('Đã cưa dọn cây đổ, thông đường lúc 15 giờ.').first().waitFor();
    await page.getByRole('heading', { name: 'Ảnh sau khi xử lý' }).waitFor();
    await page.getByRole('heading', { name: 'Đánh giá kết quả xử lý' }).waitFor();
    await checkScreen(page, 'miniapp-report-resolved');

    await page.getByLabel(/^5 – Rất hài lòng/).check();
    await page.getByLabel('Đã khắc phục', { exact: true }).check();
    await page.getByLabel('Ý kiến thêm (không bắt buộc)').fill('Cảm ơn các anh đã xử lý nhanh.');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Bạn đã đánh giá 5/5 sao.').waitFor();
    await expect(page.getByRole('heading', { name: 'Đánh giá kết quả xử lý' }).count()).resolves.toBe(0);
    await checkScreen(page, 'miniapp-report-rated');
  });

  it('shows the handled report in the public feed without the reporter’s name, signed out', async () => {
    const visitor = await mobileContext(browser, server.url);
    const feed = await visitor.newPage();
    await feed.goto('/?page=phan-anh-cong-khai');
    await feed.getByRole('heading', { level: 1, name: 'Phản ánh đã xử lý' }).waitFor();
    await feed.getByLabel('Lĩnh vực').selectOption({ label: 'Cây xanh' });
    expect(feed.url()).toContain('linhVuc=');
    const item = feed.locator(`li[data-code="${firstCode}"]`);
    await item.waitFor();
    await checkScreen(feed, 'miniapp-report-feed');

    await feed.getByRole('tab', { name: 'Bản đồ' }).click();
    await feed.locator('.report-map.leaflet-container').waitFor();
    await checkScreen(feed, 'miniapp-report-feed-map');
    await feed.getByRole('tab', { name: 'Danh sách' }).click();

    await item.getByRole('link').click();
    await feed.getByRole('heading', { level: 1, name: `Phản ánh ${firstCode}` }).waitFor();
    await feed.getByText('Đã cưa dọn cây đổ, thông đường lúc 15 giờ.').first().waitFor();
    // The reporter did not tick "Cho phép hiển thị tên tôi công khai".
    await expect(feed.getByText('Người phản ánh').count()).resolves.toBe(0);
    await checkScreen(feed, 'miniapp-report-feed-detail');
    // The public photo carries no position any more (the server re-encoded it without EXIF).
    const detail = (await (await fetch(`${server.url}/api/reports/feed/${firstId}`)).json()) as {
      photos: { url: string }[];
    };
    const publicPhoto = Buffer.from(
      await (await fetch(`${server.url}${detail.photos[0]!.url}`)).arrayBuffer(),
    );
    expect(publicPhoto.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    // No EXIF segment at all, so no position, camera serial or time either.
    expect(jpegExif(new Uint8Array(publicPhoto))).toBeNull();

    await feed.goto('/?page=phan-anh-cong-khai');
    await feed.getByRole('tab', { name: 'Cơ quan' }).click();
    await feed.getByRole('heading', { name: 'Kết quả xử lý của các cơ quan' }).waitFor();
    await feed.getByText('Đúng hạn').first().waitFor();
    await checkScreen(feed, 'miniapp-report-scores');
    await visitor.close();
  });

  it('lets the reporter reopen the report within the window when the problem is back', async () => {
    // The same phone, still signed in.
    await page.goto(`/?page=phan-anh&id=${firstId}`);
    await page.getByRole('heading', { level: 1, name: `Phản ánh ${firstCode}` }).waitFor();
    const reopen = page.getByRole('region', { name: 'Mở lại phản ánh' });
    await reopen.getByRole('button', { name: 'Mở lại phản ánh' }).click();
    // The reason is required: explained beside the box, nothing sent.
    await reopen.getByText('Hãy cho biết lý do mở lại.').waitFor();
    await reopen.getByLabel('Lý do mở lại').fill('Gốc cây còn nằm trên lề đường, chưa được dọn.');
    await reopen.getByRole('button', { name: 'Mở lại phản ánh' }).click();
    await page.locator('[data-state="reopened"]').first().waitFor();
    await expect(page.getByRole('region', { name: 'Mở lại phản ánh' }).count()).resolves.toBe(0);
    await checkScreen(page, 'miniapp-report-reopened');
    await context.close();
  });
});

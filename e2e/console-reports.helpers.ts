import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { apiClient } from './api.js';
import { DEMO_PASSWORD, screenshot, seriousViolations, type RunningServer } from './harness.js';

/*
 * Set-up for the console's report tests (console-reports.test.ts): demo officers' tokens, a
 * citizen filing a report with a photo through the API as the mini app does, and signed-in
 * console pages.
 */

export const WAIT = { timeout: 15_000 };
export const WARD = 'UBND-TANNINH';

export interface Filed {
  id: string;
  code: string;
  state: string;
  inTriage: boolean;
  agency: { id: string; name: string } | null;
}

export function reportsWorld(server: RunningServer, browser: Browser) {
  const { call, json, upload } = apiClient(server.url);
  const contexts: BrowserContext[] = [];

  async function bearer(username: string): Promise<string> {
    const login = await call('/api/auth/officer/login', {
      method: 'POST',
      body: { username, password: DEMO_PASSWORD, tokenMode: 'bearer' },
    });
    return (await json<{ token: string }>(login)).token;
  }

  async function citizen(zaloId: string, name: string): Promise<string> {
    const answer = await call('/api/auth/dev-zalo', { method: 'POST', body: { zaloId, name } });
    return (await json<{ token: string }>(answer)).token;
  }

  async function categoryId(code: string): Promise<string> {
    const list = await json<{ id: string; code: string }[]>(await call('/api/reports/categories'));
    const found = list.find((c) => c.code === code);
    expect(found, `category ${code}`).toBeDefined();
    return found!.id;
  }

  async function wardAgency(): Promise<{ id: string; name: string }> {
    const list = await json<{ items: { id: string; code: string; name: string }[] }>(
      await call(`/api/agencies?q=${encodeURIComponent('Tân Ninh')}&pageSize=50`),
    );
    const ward = list.items.find((a) => a.code === WARD);
    expect(ward, WARD).toBeDefined();
    return ward!;
  }

  /** The centre of phường Tân Ninh from the province's report geography. */
  async function wardPoint(): Promise<{ lat: number; lng: number }> {
    const geo = await json<{
      items: { adminUnit: { id: string; name: string }; centre: { lat: number; lng: number } | null }[];
    }>(await call('/api/admin/report-geo', { token: await bearer('admin.tinh') }));
    const ward = geo.items.find((g) => g.adminUnit.name === 'Phường Tân Ninh');
    expect(ward?.centre, 'centre of phường Tân Ninh').toBeTruthy();
    return ward!.centre!;
  }

  /** A citizen files a report with one photo through the API, as the mini app does. */
  async function fileReport(options: {
    zaloId: string;
    name: string;
    category: string;
    description: string;
    point: { lat: number; lng: number };
  }): Promise<Filed> {
    const token = await citizen(options.zaloId, options.name);
    const photo = await upload(token, 'image');
    const response = await call('/api/me/reports', {
      method: 'POST',
      token,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        categoryId: await categoryId(options.category),
        description: options.description,
        lat: options.point.lat,
        lng: options.point.lng,
        locationSource: 'device',
        photoFileIds: [photo],
        showName: false,
      },
    });
    return json<Filed>(response, 201);
  }

  /** A desktop console page signed in as a demo officer. */
  async function officerPage(username: string): Promise<Page> {
    // CSP bypassed only so axe-core can be injected (see console.test.ts).
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1280, height: 800 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      bypassCSP: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/console/sign-in');
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: /^Xin chào,/ }).waitFor(WAIT);
    return page;
  }

  async function closePages(): Promise<void> {
    for (const context of contexts) await context.close();
  }

  return { call, json, bearer, citizen, wardAgency, wardPoint, fileReport, officerPage, closePages };
}

export async function expectAccessible(page: Page, name: string): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, name);
}

/** Searches the inbox for a code and opens the report. */
export async function openFromInbox(page: Page, code: string, extraQuery = ''): Promise<void> {
  await page.goto(`/console/reports?q=${encodeURIComponent(code)}${extraQuery}`);
  await page.getByRole('heading', { level: 1, name: 'Phản ánh hiện trường' }).waitFor(WAIT);
  const link = page.getByRole('link', { name: code, exact: true });
  await link.waitFor(WAIT);
  await link.click();
  await page.getByRole('heading', { level: 1, name: `Phản ánh hiện trường ${code}` }).waitFor(WAIT);
}

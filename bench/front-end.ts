import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/** Helpers shared by bench:size and bench:load. */

export function buildApps(options: { zalo: boolean }): void {
  const run = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('npm', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  run(['run', 'build', '-w', 'miniapp']);
  run(['run', 'build', '-w', 'console']);
  if (options.zalo) {
    run(['run', 'build:zalo', '-w', 'miniapp'], {
      ZALO_APP_ID: process.env.ZALO_APP_ID ?? '1234567890123456789',
      VITE_API_URL: process.env.VITE_API_URL ?? 'https://api.example.gov.vn',
      VITE_TENANT_ID: process.env.VITE_TENANT_ID ?? 'tay-ninh',
    });
  }
}

export interface LoadedAsset {
  url: string;
  type: 'script' | 'stylesheet';
  bytes: number;
  gzipBytes: number;
}

/**
 * Records every script and stylesheet the page fetches (the browser's own view of what a screen
 * needs), with its size and its size gzipped at level 9 as a server would send it. Await
 * `settled()` before reading `assets`: bodies arrive after the response events.
 */
export function recordAssets(page: Page): { assets: LoadedAsset[]; settled(): Promise<void> } {
  const assets: LoadedAsset[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    pending.push(
      response.body().then(
        (body) =>
          void assets.push({ url: response.url(), type, bytes: body.length, gzipBytes: gzipBytes(body) }),
        () => undefined,
      ),
    );
  });
  return { assets, settled: async () => void (await Promise.all(pending)) };
}

export function gzipBytes(data: Buffer | string): number {
  return gzipSync(data, { level: 9 }).length;
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

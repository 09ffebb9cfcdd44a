import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { desktopContext, launchBrowser, mobileContext, ROOT, startServer } from '../e2e/harness.js';
import { buildApps, gzipBytes, recordAssets, sum } from './front-end.js';

/*
 * npm run bench:size — builds both apps (and the Zalo package), then asks Chromium what the mini
 * app's home and the console's first screen actually load, and prints JSON. Budgets (DESIGN.md §5):
 * home ≤ 50 KB gzip of JS + CSS, Zalo package ≤ 500 KB.
 */

const HOME_BUDGET = 50 * 1024;
const ZALO_BUDGET = 500 * 1024;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function main(): Promise<void> {
  buildApps({ zalo: true });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const mobile = await mobileContext(browser, server.url);
    const home = await mobile.newPage();
    const homeRecord = recordAssets(home);
    await home.goto('/', { waitUntil: 'networkidle' });
    await home.locator('h1').first().waitFor();
    await homeRecord.settled();
    await mobile.close();
    const homeAssets = homeRecord.assets;

    const loaded = new Set(homeAssets.map((a) => new URL(a.url).pathname));
    const webDir = path.join(ROOT, 'miniapp', 'dist', 'web');
    const lazy = [];
    for (const file of await filesUnder(path.join(webDir, 'assets'))) {
      const urlPath = `/${path.relative(webDir, file).split(path.sep).join('/')}`;
      if (!file.endsWith('.js') || loaded.has(urlPath)) continue;
      lazy.push({ file: urlPath, gzipBytes: gzipBytes(await readFile(file)) });
    }
    lazy.sort((a, b) => b.gzipBytes - a.gzipBytes);

    const zaloDir = path.join(ROOT, 'miniapp', 'dist', 'zalo');
    const zaloFiles = await filesUnder(zaloDir);
    const zaloSizes = await Promise.all(zaloFiles.map(async (f) => (await stat(f)).size));
    const zaloGzip = await Promise.all(zaloFiles.map(async (f) => gzipBytes(await readFile(f))));
    const zaloBytes = sum(zaloSizes);

    const desk = await desktopContext(browser, server.url);
    const consolePage = await desk.newPage();
    const consoleRecord = recordAssets(consolePage);
    await consolePage.goto('/console/', { waitUntil: 'networkidle' });
    await consolePage.locator('h1').first().waitFor();
    await consoleRecord.settled();
    await desk.close();
    const consoleAssets = consoleRecord.assets;

    const homeGzip = sum(homeAssets.map((a) => a.gzipBytes));
    console.log(
      JSON.stringify(
        {
          miniappHome: {
            gzipBytes: homeGzip,
            budgetBytes: HOME_BUDGET,
            withinBudget: homeGzip <= HOME_BUDGET,
            files: homeAssets.map((a) => ({ path: new URL(a.url).pathname, gzipBytes: a.gzipBytes })),
          },
          largestLazyChunk: lazy[0] ?? null,
          lazyChunks: lazy.length,
          zaloPackage: {
            bytes: zaloBytes,
            gzipBytes: sum(zaloGzip),
            files: zaloFiles.length,
            largestFileBytes: Math.max(...zaloSizes),
            budgetBytes: ZALO_BUDGET,
            withinBudget: zaloBytes <= ZALO_BUDGET,
          },
          consoleFirstLoad: {
            gzipBytes: sum(consoleAssets.map((a) => a.gzipBytes)),
            files: consoleAssets.map((a) => ({ path: new URL(a.url).pathname, gzipBytes: a.gzipBytes })),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesWithoutAccessRule } from '../auth/access.js';
import { buildTestApp, type TestApp } from '../../../test/helpers.js';
import { APP_CSP } from './static-apps.js';

describe('built front ends', () => {
  let dir: string;
  let t: TestApp;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'ctic-static-'));
    const miniapp = path.join(dir, 'web');
    const consoleDir = path.join(dir, 'console');
    await mkdir(path.join(miniapp, 'assets'), { recursive: true });
    await mkdir(path.join(consoleDir, 'assets'), { recursive: true });
    await writeFile(path.join(miniapp, 'index.html'), '<!doctype html><title>mini</title>');
    await writeFile(path.join(miniapp, 'assets', 'home.abc123.js'), 'console.log(1)');
    // What the build's precompress plugin writes beside a file (content differs so the test can tell).
    await writeFile(path.join(miniapp, 'assets', 'home.abc123.js.br'), 'BROTLI');
    await writeFile(path.join(miniapp, 'sw.js'), 'self.addEventListener("fetch", () => {})');
    await writeFile(path.join(consoleDir, 'index.html'), '<!doctype html><title>console</title>');
    t = await buildTestApp('pglite', { staticApps: { miniapp, console: consoleDir } });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the mini app at / with a content security policy and revalidation', async () => {
    const res = await t.app.inject({ url: '/?page=inbox' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>mini</title>');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(APP_CSP);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('caches hashed assets for a year and the service worker not at all', async () => {
    const asset = await t.app.inject({ url: '/assets/home.abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const sw = await t.app.inject({ url: '/sw.js' });
    expect(sw.headers['cache-control']).toBe('no-cache');
  });

  it("sends the build's brotli copy to browsers that accept it, the file to others, varying by encoding", async () => {
    const br = await t.app.inject({
      url: '/assets/home.abc123.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body).toBe('BROTLI');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(String(br.headers.vary)).toMatch(/Accept-Encoding/);
    const plain = await t.app.inject({
      url: '/assets/home.abc123.js',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe('console.log(1)');
    expect(String(plain.headers.vary)).toMatch(/Accept-Encoding/);
  });

  it('answers any console path with the console document', async () => {
    for (const url of ['/console/', '/console/officers/123', '/console/audit?page=2']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>console</title>');
      expect(res.headers['content-security-policy']).toBe(APP_CSP);
    }
    const bare = await t.app.inject({ url: '/console' });
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/console/');
  });

  it('leaves the API alone: unknown API paths are JSON 404s, not documents', async () => {
    const res = await t.app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('declares an access rule on every static route', () => {
    expect(routesWithoutAccessRule(t.app)).toEqual([]);
  });
});

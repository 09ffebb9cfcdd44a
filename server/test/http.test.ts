import { afterAll, beforeAll, expect, it } from 'vitest';
import { routesWithoutAccessRule } from '../src/platform/auth/access.js';
import { insertTenant } from './fixtures.js';
import { buildTestApp, describeEachDatabase, type TestApp } from './helpers.js';

describeEachDatabase('HTTP platform', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, { env: { BODY_LIMIT_BYTES: '2048' } });
    await insertTenant(t.database.db, 'tay-ninh');
  });
  afterAll(async () => t?.close());

  it('answers /health and /ready', async () => {
    expect((await t.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: 'up' });
  });

  it('serves OpenAPI 3 and the docs page', async () => {
    const spec = await t.app.inject({ url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    expect(spec.json().openapi).toMatch(/^3\./);
    expect(spec.json().paths['/health']).toBeDefined();
    const docs = await t.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('gives unknown routes a JSON 404 with a code, in Vietnamese or English', async () => {
    const vi = await t.app.inject({ url: '/khong-co' });
    expect(vi.statusCode).toBe(404);
    expect(vi.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ yêu cầu.' } });
    const en = await t.app.inject({ url: '/nope', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json().error.message).toBe('The requested address was not found.');
  });

  it('rejects malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/officer/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('rejects an oversize body with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/officer/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(5000), password: 'y' }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('sets security headers, a request id, and CORS for the Zalo origin only', async () => {
    const res = await t.app.inject({ url: '/health', headers: { origin: 'https://h5.zdn.vn' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.headers['access-control-allow-origin']).toBe('https://h5.zdn.vn');
    const evil = await t.app.inject({ url: '/health', headers: { origin: 'https://evil.example' } });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('declares an access rule on every route', () => {
    expect(routesWithoutAccessRule(t.app)).toEqual([]);
  });
});

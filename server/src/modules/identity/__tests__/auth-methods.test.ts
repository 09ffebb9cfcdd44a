import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertTenant } from '../../../../test/fixtures.js';
import { buildTestApp, createTestDatabase, describeEachDatabase } from '../../../../test/helpers.js';
import type { DatabaseHandle } from '../../../db/connection.js';

describeEachDatabase('GET /api/auth/methods', (kind) => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await insertTenant(database.db, 'tay-ninh');
  });
  afterAll(async () => database?.close());

  /** The answer of a server started with `env`; the database is shared, the configuration is not. */
  async function methods(env: Record<string, string>) {
    const t = await buildTestApp(kind, { env, database });
    try {
      return await t.app.inject({ url: '/api/auth/methods', headers: { 'x-tenant-id': 'tay-ninh' } });
    } finally {
      await t.app.close();
    }
  }

  it('offers the simulated Zalo sign-in in development and hides Zalo until it is configured', async () => {
    const res = await methods({ DEV_LOGIN: 'true' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ zalo: false, phoneOtp: true, devZalo: true });
    // Asked before every sign-in screen: cacheable like the tenant configuration.
    expect(res.headers['cache-control']).toBe('public, max-age=60');
  });

  it('offers Zalo once both app id and secret are set, and no simulation without DEV_LOGIN', async () => {
    const onlyId = await methods({ ZALO_APP_ID: 'mini-app-1', DEV_LOGIN: 'false' });
    expect(onlyId.json()).toEqual({ zalo: false, phoneOtp: true, devZalo: false });
    const both = await methods({
      ZALO_APP_ID: 'mini-app-1',
      ZALO_APP_SECRET: 'secret-1',
      DEV_LOGIN: 'false',
    });
    expect(both.json()).toEqual({ zalo: true, phoneOtp: true, devZalo: false });
  });
});

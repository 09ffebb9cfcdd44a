import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, describeEachDatabase, type TestApp } from '../../../../test/helpers.js';
import { insertTenant } from '../../../../test/fixtures.js';
import { call, errorCode, startCitizenFakes } from '../../identity/__tests__/citizen.test-helpers.js';

/**
 * Inside Zalo the phone's position comes as a one-use token from getLocation(); the server turns
 * it into coordinates with Zalo's graph API (DESIGN §4), here the fake Zalo server on a real port.
 */
describeEachDatabase('reports: position from Zalo', (kind) => {
  let t: TestApp;
  let fakes: Awaited<ReturnType<typeof startCitizenFakes>>;
  const A = 'tay-ninh';
  const url = '/api/reports/zalo-location';

  beforeAll(async () => {
    fakes = await startCitizenFakes();
    t = await buildTestApp(kind, { env: fakes.env });
    await insertTenant(t.database.db, A);
  });
  afterAll(async () => {
    await t?.close();
    await fakes?.close();
  });

  it('exchanges the token for the coordinates, with the app secret, once', async () => {
    const { accessToken } = fakes.zalo.addUser({
      id: '5421987654321000777',
      name: 'Trần Thị Bình',
      location: { latitude: '11.36512', longitude: '106.12034', provider: 'gps' },
    });
    const token = fakes.zalo.issueLocationToken('5421987654321000777');
    const res = await call(t.app, A, 'POST', url, { body: { accessToken, token } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ lat: 11.36512, lng: 106.12034 });
    expect(fakes.zalo.requestsTo('/v2.0/me/info').at(-1)!.headers).toMatchObject({
      access_token: accessToken,
      code: token,
      secret_key: 'zalo-secret-1',
    });

    // The token is single-use: a replay is refused with a message the citizen can act on.
    const again = await call(t.app, A, 'POST', url, { body: { accessToken, token } });
    expect(again.statusCode).toBe(400);
    expect(errorCode(again)).toBe('ZALO_LOCATION_TOKEN_INVALID');
    expect(again.json().error.message).toBe('Không lấy được vị trí từ Zalo. Vui lòng thử lại.');
  });

  it("refuses another user's token, a bad session and a malformed body", async () => {
    const first = fakes.zalo.addUser({ id: '5421987654321000778', name: 'Lê Văn Cường' });
    fakes.zalo.addUser({ id: '5421987654321000779', name: 'Phạm Thị Dung' });
    const othersToken = fakes.zalo.issueLocationToken('5421987654321000779');
    const stolen = await call(t.app, A, 'POST', url, {
      body: { accessToken: first.accessToken, token: othersToken },
    });
    expect(errorCode(stolen)).toBe('ZALO_LOCATION_TOKEN_INVALID');

    const badSession = await call(t.app, A, 'POST', url, {
      body: { accessToken: 'not-a-zalo-token', token: othersToken },
    });
    expect(badSession.statusCode).toBe(401);
    expect(errorCode(badSession)).toBe('ZALO_TOKEN_INVALID');

    const missing = await call(t.app, A, 'POST', url, { body: { accessToken: first.accessToken } });
    expect(missing.statusCode).toBe(400);
    expect(errorCode(missing)).toBe('VALIDATION_FAILED');
  });

  it('says Zalo is not set up when the app has no Zalo secret', async () => {
    const bare = await buildTestApp(kind, { database: t.database });
    try {
      const res = await call(bare.app, A, 'POST', url, { body: { accessToken: 'a', token: 'b' } });
      expect(res.statusCode).toBe(503);
      expect(errorCode(res)).toBe('ZALO_NOT_CONFIGURED');
    } finally {
      await bare.app.close();
    }
  });
});

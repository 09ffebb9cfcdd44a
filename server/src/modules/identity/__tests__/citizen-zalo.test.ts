import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, describeEachDatabase, type TestApp } from '../../../../test/helpers.js';
import { insertTenant } from '../../../../test/fixtures.js';
import { call, errorCode, startCitizenFakes } from './citizen.test-helpers.js';

describeEachDatabase('Citizen sign-in with Zalo', (kind) => {
  let t: TestApp;
  let fakes: Awaited<ReturnType<typeof startCitizenFakes>>;
  const A = 'tay-ninh';
  const B = 'long-an';

  beforeAll(async () => {
    fakes = await startCitizenFakes();
    t = await buildTestApp(kind, { env: fakes.env });
    await insertTenant(t.database.db, A);
    await insertTenant(t.database.db, B);
  });
  afterAll(async () => {
    await t?.close();
    await fakes?.close();
  });

  /** Another app on the same database with different settings; closed without closing the database. */
  async function withApp(env: Record<string, string>, fn: (app: TestApp['app']) => Promise<void>) {
    const other = await buildTestApp(kind, { env: { ...fakes.env, ...env }, database: t.database });
    try {
      await fn(other.app);
    } finally {
      await other.app.close();
    }
  }

  describe('happy path', () => {
    it('signs in with profile and phone, stores the citizen and records the phone consent', async () => {
      const { accessToken } = fakes.zalo.addUser({
        id: '5421987654321000001',
        name: 'Nguyễn Văn An',
        pictureUrl: 'https://s120-ava-talk.zadn.vn/a.jpg',
        phone: '84987654321',
      });
      const phoneToken = fakes.zalo.issuePhoneToken('5421987654321000001');
      const res = await call(t.app, A, 'POST', '/api/auth/zalo', { body: { accessToken, phoneToken } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.token).toEqual(expect.any(String));
      expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      expect(body.citizen).toEqual({
        id: expect.any(String),
        name: 'Nguyễn Văn An',
        avatarUrl: 'https://s120-ava-talk.zadn.vn/a.jpg',
        hasPhone: true,
      });

      const profileCall = fakes.zalo.requestsTo('/v2.0/me').at(-1)!;
      expect(profileCall.headers.appsecret_proof).toBe(
        createHmac('sha256', 'zalo-secret-1').update(accessToken).digest('hex'),
      );
      expect(fakes.zalo.requestsTo('/v2.0/me/info').at(-1)!.headers).toMatchObject({
        access_token: accessToken,
        code: phoneToken,
        secret_key: 'zalo-secret-1',
      });

      const row = await t.database.db
        .selectFrom('citizens')
        .selectAll()
        .where('id', '=', body.citizen.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ tenant_id: A, zalo_id: '5421987654321000001', phone: '0987654321' });
      expect(row.phone_verified_at).toBeInstanceOf(Date);

      const me = await call(t.app, A, 'GET', '/api/me', { token: body.token });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ phone: '0987654321', hasZalo: true });
      expect(me.json().consents).toEqual([
        expect.objectContaining({ purposeCode: 'phone', withdrawnAt: null }),
      ]);
    });

    it('updates the same citizen on the next sign-in and does not duplicate the consent', async () => {
      const { accessToken } = fakes.zalo.addUser({ id: 'z-repeat', name: 'Tên Cũ', phone: '84911111111' });
      const first = await call(t.app, A, 'POST', '/api/auth/zalo', {
        body: { accessToken, phoneToken: fakes.zalo.issuePhoneToken('z-repeat') },
      });
      fakes.zalo.addUser({ id: 'z-repeat', name: 'Tên Mới', phone: '84911111111' });
      const second = await call(t.app, A, 'POST', '/api/auth/zalo', {
        body: { accessToken, phoneToken: fakes.zalo.issuePhoneToken('z-repeat') },
      });
      expect(second.json().citizen.id).toBe(first.json().citizen.id);
      expect(second.json().citizen.name).toBe('Tên Mới');
      const consents = await t.database.db
        .selectFrom('consents')
        .select('id')
        .where('citizen_id', '=', first.json().citizen.id)
        .execute();
      expect(consents).toHaveLength(1);
    });

    it('signs in without a phone when no phone token is sent', async () => {
      const { accessToken } = fakes.zalo.addUser({ id: 'z-nophone', name: 'Bùi Thu', phone: '84922222222' });
      const before = fakes.zalo.requestsTo('/v2.0/me/info').length;
      const res = await call(t.app, A, 'POST', '/api/auth/zalo', { body: { accessToken } });
      expect(res.statusCode).toBe(200);
      expect(res.json().citizen.hasPhone).toBe(false);
      expect(fakes.zalo.requestsTo('/v2.0/me/info')).toHaveLength(before);
    });
  });

  describe('phone numbers shared between accounts', () => {
    it('links a web (phone-only) account to the Zalo user who verifies the same number', async () => {
      const db = t.database.db;
      const web = await db
        .insertInto('citizens')
        .values({
          tenant_id: A,
          zalo_id: null,
          display_name: null,
          avatar_url: null,
          phone: '0944000001',
          phone_verified_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { accessToken } = fakes.zalo.addUser({ id: 'z-link', name: 'Liên Kết', phone: '84944000001' });
      const res = await call(t.app, A, 'POST', '/api/auth/zalo', {
        body: { accessToken, phoneToken: fakes.zalo.issuePhoneToken('z-link') },
      });
      expect(res.json().citizen.id).toBe(web.id);
    });

    it('moves a recycled number to the Zalo user who verified it now, with an audit row', async () => {
      const first = fakes.zalo.addUser({ id: 'z-old-owner', name: 'Chủ Cũ', phone: '84944000002' });
      const old = await call(t.app, A, 'POST', '/api/auth/zalo', {
        body: { accessToken: first.accessToken, phoneToken: fakes.zalo.issuePhoneToken('z-old-owner') },
      });
      const second = fakes.zalo.addUser({ id: 'z-new-owner', name: 'Chủ Mới', phone: '84944000002' });
      const now = await call(t.app, A, 'POST', '/api/auth/zalo', {
        body: { accessToken: second.accessToken, phoneToken: fakes.zalo.issuePhoneToken('z-new-owner') },
      });
      expect(now.json().citizen.hasPhone).toBe(true);
      const oldMe = await call(t.app, A, 'GET', '/api/me', { token: old.json().token });
      expect(oldMe.json().phone).toBeNull();
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('action', '=', 'citizen.phone_reassigned')
        .where('entity_id', '=', old.json().citizen.id)
        .execute();
      expect(audit).toHaveLength(1);
    });
  });

  describe('Zalo errors', () => {
    it('answers 401 ZALO_TOKEN_INVALID for an unknown token (-216)', async () => {
      const res = await call(t.app, A, 'POST', '/api/auth/zalo', { body: { accessToken: 'forged' } });
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('ZALO_TOKEN_INVALID');
      expect(res.json().error.message).toBe('Phiên Zalo không hợp lệ. Vui lòng mở lại ứng dụng.');
    });

    it('answers 401 ZALO_TOKEN_EXPIRED for an expired token (-220)', async () => {
      fakes.zalo.addUser({ id: 'z-expired', name: 'Hết Hạn' });
      const accessToken = fakes.zalo.issueExpiredAccessToken('z-expired');
      const res = await call(t.app, A, 'POST', '/api/auth/zalo', { body: { accessToken } });
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('ZALO_TOKEN_EXPIRED');
    });

    it('is refused by Zalo when the server signs with the wrong app secret', async () => {
      const { accessToken } = fakes.zalo.addUser({ id: 'z-proof', name: 'Sai Khóa' });
      await withApp({ ZALO_APP_SECRET: 'not-the-real-secret' }, async (app) => {
        const res = await call(app, A, 'POST', '/api/auth/zalo', { body: { accessToken } });
        expect(res.statusCode).toBe(401);
        expect(errorCode(res)).toBe('ZALO_TOKEN_INVALID');
      });
      const sent = fakes.zalo.requestsTo('/v2.0/me').at(-1)!;
      expect(sent.headers.appsecret_proof).toBe(
        createHmac('sha256', 'not-the-real-secret').update(accessToken).digest('hex'),
      );
    });

    it('answers 400 ZALO_PHONE_TOKEN_INVALID for a used or stale phone token', async () => {
      const { accessToken } = fakes.zalo.addUser({ id: 'z-used', name: 'Dùng Lại', phone: '84933333333' });
      const phoneToken = fakes.zalo.issuePhoneToken('z-used');
      expect(
        (await call(t.app, A, 'POST', '/api/auth/zalo', { body: { accessToken, phoneToken } })).statusCode,
      ).toBe(200);
      const again = await call(t.app, A, 'POST', '/api/auth/zalo', { body: { accessToken, phoneToken } });
      expect(again.statusCode).toBe(400);
      expect(errorCode(again)).toBe('ZALO_PHONE_TOKEN_INVALID');

      const stale = fakes.zalo.issuePhoneToken('z-used');
      fakes.zalo.advanceTime(2 * 60_000 + 1000);
      try {
        const late = await call(t.app, A, 'POST', '/api/auth/zalo', {
          body: { accessToken: fakes.zalo.issueAccessToken('z-used'), phoneToken: stale },
        });
        expect(errorCode(late)).toBe('ZALO_PHONE_TOKEN_INVALID');
      } finally {
        fakes.zalo.advanceTime(-(2 * 60_000 + 1000));
      }
    });

    it('answers 400 PHONE_INVALID when the Zalo account has a foreign number', async () => {
      const { accessToken } = fakes.zalo.addUser({ id: 'z-abroad', name: 'Ở Xa', phone: '14155550100' });
      const res = await call(t.app, A, 'POST', '/api/auth/zalo', {
        body: { accessToken, phoneToken: fakes.zalo.issuePhoneToken('z-abroad') },
      });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('PHONE_INVALID');
    });

    it('answers 503 ZALO_RATE_LIMITED when Zalo says -32', async () => {
      const { accessToken } = fakes.zalo.addUser({ id: 'z-busy', name: 'Quá Tải' });
      fakes.zalo.failNext(-32, { path: '/v2.0/me' });
      const res = await call(t.app, A, 'POST', '/api/auth/zalo', { body: { accessToken } });
      expect(res.statusCode).toBe(503);
      expect(errorCode(res)).toBe('ZALO_RATE_LIMITED');
    });

    it('answers 502 ZALO_UNAVAILABLE when Zalo is down or unreachable', async () => {
      const { accessToken } = fakes.zalo.addUser({ id: 'z-down', name: 'Mất Kết Nối' });
      fakes.zalo.setOutage('http-503');
      try {
        const res = await call(t.app, A, 'POST', '/api/auth/zalo', { body: { accessToken } });
        expect(res.statusCode).toBe(502);
        expect(errorCode(res)).toBe('ZALO_UNAVAILABLE');
        expect(JSON.stringify(res.json())).not.toContain('HTTP 503');
      } finally {
        fakes.zalo.setOutage(null);
      }
      await withApp({ ZALO_GRAPH_URL: 'http://127.0.0.1:9' }, async (app) => {
        const res = await call(app, A, 'POST', '/api/auth/zalo', { body: { accessToken } });
        expect(errorCode(res)).toBe('ZALO_UNAVAILABLE');
      });
    });

    it('answers 503 ZALO_NOT_CONFIGURED without an app secret', async () => {
      await withApp({ ZALO_APP_SECRET: '' }, async (app) => {
        const res = await call(app, A, 'POST', '/api/auth/zalo', { body: { accessToken: 'x' } });
        expect(res.statusCode).toBe(503);
        expect(errorCode(res)).toBe('ZALO_NOT_CONFIGURED');
      });
    });

    it('rejects a body without an access token', async () => {
      const res = await call(t.app, A, 'POST', '/api/auth/zalo', { body: { phoneToken: 'x' } });
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('VALIDATION_FAILED');
    });
  });

  describe('development sign-in', () => {
    it('accepts a simulated Zalo identity when DEV_LOGIN is on', async () => {
      const res = await call(t.app, A, 'POST', '/api/auth/dev-zalo', {
        body: { zaloId: 'dev-1', name: 'Thử Nghiệm' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().citizen).toMatchObject({ name: 'Thử Nghiệm', hasPhone: false });
    });

    it('refuses it with 403 DEV_LOGIN_DISABLED when DEV_LOGIN=false', async () => {
      await withApp({ DEV_LOGIN: 'false' }, async (app) => {
        const res = await call(app, A, 'POST', '/api/auth/dev-zalo', {
          body: { zaloId: 'dev-1', name: 'X' },
        });
        expect(res.statusCode).toBe(403);
        expect(errorCode(res)).toBe('DEV_LOGIN_DISABLED');
      });
    });
  });

  describe('sessions and tenants', () => {
    it("does not accept tenant A's citizen token on tenant B", async () => {
      const { accessToken } = fakes.zalo.addUser({ id: 'z-tenant', name: 'Hai Tỉnh' });
      const inA = await call(t.app, A, 'POST', '/api/auth/zalo', { body: { accessToken } });
      const token = inA.json().token as string;
      expect((await call(t.app, A, 'GET', '/api/me', { token })).statusCode).toBe(200);
      const onB = await call(t.app, B, 'GET', '/api/me', { token });
      expect(onB.statusCode).toBe(401);
      expect(errorCode(onB)).toBe('AUTH_REQUIRED');

      // The same Zalo user in another province is another citizen record.
      const inB = await call(t.app, B, 'POST', '/api/auth/zalo', { body: { accessToken } });
      expect(inB.json().citizen.id).not.toBe(inA.json().citizen.id);
    });

    it('ends the session on logout', async () => {
      const signIn = await call(t.app, A, 'POST', '/api/auth/dev-zalo', {
        body: { zaloId: 'dev-out', name: 'Ra' },
      });
      const token = signIn.json().token as string;
      const out = await call(t.app, A, 'POST', '/api/auth/logout', { token });
      expect(out.statusCode).toBe(204);
      expect((await call(t.app, A, 'GET', '/api/me', { token })).statusCode).toBe(401);
      expect((await call(t.app, A, 'POST', '/api/auth/logout', {})).statusCode).toBe(401);
    });
  });
});

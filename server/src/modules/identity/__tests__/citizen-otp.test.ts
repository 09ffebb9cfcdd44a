import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, describeEachDatabase, type TestApp } from '../../../../test/helpers.js';
import { insertTenant } from '../../../../test/fixtures.js';
import { call, errorCode, startCitizenFakes } from './citizen.test-helpers.js';

describeEachDatabase('Citizen sign-in with an SMS code', (kind) => {
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

  const request = (phone: string, tenant = A) =>
    call(t.app, tenant, 'POST', '/api/auth/otp/request', { body: { phone } });
  const verify = (phone: string, code: string, tenant = A) =>
    call(t.app, tenant, 'POST', '/api/auth/otp/verify', { body: { phone, code } });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  /** Moves a number's codes into the past instead of waiting for the clock. */
  async function age(phone: string, seconds: number, column: 'created_at' | 'expires_at' = 'created_at') {
    await t.database.db
      .updateTable('otp_challenges')
      .set({ [column]: sql`${sql.ref(column)} - make_interval(secs => ${seconds})` })
      .where('phone', '=', phone)
      .execute();
  }

  describe('happy path', () => {
    it('sends a 6-digit code by SMS, stores only its hash, and signs the citizen in', async () => {
      const res = await request('0987 111 222');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.sentTo).toBe('098*****22');
      expect(body.resendAfterSeconds).toBe(60);
      const ttl = new Date(body.expiresAt).getTime() - Date.now();
      expect(ttl).toBeGreaterThan(4 * 60_000);
      expect(ttl).toBeLessThanOrEqual(5 * 60_000);

      const sms = fakes.sms.messagesTo('0987111222').at(-1)!;
      expect(sms.to).toBe('+84987111222');
      expect(sms.sender).toBe('TAYNINH');
      expect(sms.text).toMatch(/^\d{6} la ma xac thuc dang nhap .+ 5 phut/);
      const code = fakes.sms.lastCodeTo('0987111222')!;

      const row = await t.database.db
        .selectFrom('otp_challenges')
        .selectAll()
        .where('phone', '=', '0987111222')
        .executeTakeFirstOrThrow();
      expect(row.tenant_id).toBe(A);
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.code_hash).not.toContain(code);

      const ok = await verify('+84987111222', code);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().citizen).toMatchObject({ name: null, hasPhone: true });
      const me = await call(t.app, A, 'GET', '/api/me', { token: ok.json().token });
      expect(me.json()).toMatchObject({ phone: '0987111222', hasZalo: false, consents: [] });

      const reused = await verify('0987111222', code);
      expect(errorCode(reused)).toBe('OTP_EXPIRED');
    });

    it('signs in to the citizen who already has this number from Zalo', async () => {
      const { accessToken } = fakes.zalo.addUser({ id: 'z-web', name: 'Cả Hai', phone: '84987333444' });
      const zalo = await call(t.app, A, 'POST', '/api/auth/zalo', {
        body: { accessToken, phoneToken: fakes.zalo.issuePhoneToken('z-web') },
      });
      await request('0987333444');
      const web = await verify('0987333444', fakes.sms.lastCodeTo('0987333444')!);
      expect(web.json().citizen.id).toBe(zalo.json().citizen.id);
      expect(web.json().citizen.name).toBe('Cả Hai');
    });
  });

  describe('rules', () => {
    it('rejects numbers that are not Vietnamese mobiles', async () => {
      for (const phone of ['12345', '02763822222', '01689123456', '+14155550100']) {
        const res = await request(phone);
        expect(res.statusCode, phone).toBe(400);
        expect(errorCode(res), phone).toBe(phone.length < 9 ? 'VALIDATION_FAILED' : 'PHONE_INVALID');
      }
      expect(errorCode(await verify('0211111111', '123456'))).toBe('PHONE_INVALID');
    });

    it('throttles resending to one code a minute, and only the newest code works', async () => {
      expect((await request('0912000001')).statusCode).toBe(200);
      const first = fakes.sms.lastCodeTo('0912000001')!;
      const tooSoon = await request('0912000001');
      expect(tooSoon.statusCode).toBe(429);
      expect(errorCode(tooSoon)).toBe('OTP_RESEND_TOO_SOON');
      expect(tooSoon.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
      expect(Number(tooSoon.headers['retry-after'])).toBeGreaterThan(0);
      expect(fakes.sms.messagesTo('0912000001')).toHaveLength(1);

      await age('0912000001', 61);
      expect((await request('0912000001')).statusCode).toBe(200);
      const second = fakes.sms.lastCodeTo('0912000001')!;
      if (first !== second) expect(errorCode(await verify('0912000001', first))).toBe('OTP_INVALID');
      expect((await verify('0912000001', second)).statusCode).toBe(200);
    });

    it('allows five codes an hour per number', async () => {
      for (let i = 0; i < 5; i += 1) {
        expect((await request('0912000002')).statusCode).toBe(200);
        await age('0912000002', 61);
      }
      const sixth = await request('0912000002');
      expect(sixth.statusCode).toBe(429);
      expect(errorCode(sixth)).toBe('OTP_LIMIT_REACHED');
    });

    it('refuses the code after five wrong tries, even the right one', async () => {
      await request('0912000003');
      const code = fakes.sms.lastCodeTo('0912000003')!;
      for (let left = 4; left >= 1; left -= 1) {
        const res = await verify('0912000003', wrong(code));
        expect(res.statusCode).toBe(400);
        expect(errorCode(res)).toBe('OTP_INVALID');
        expect(res.json().error.details).toEqual({ attemptsLeft: left });
      }
      const fifth = await verify('0912000003', wrong(code));
      expect(fifth.statusCode).toBe(429);
      expect(errorCode(fifth)).toBe('OTP_TOO_MANY_ATTEMPTS');
      expect(errorCode(await verify('0912000003', code))).toBe('OTP_TOO_MANY_ATTEMPTS');
    });

    it('counts parallel wrong guesses without losing any', async () => {
      await request('0912000006');
      const code = fakes.sms.lastCodeTo('0912000006')!;
      await Promise.all(Array.from({ length: 6 }, () => verify('0912000006', wrong(code))));
      const row = await t.database.db
        .selectFrom('otp_challenges')
        .select('attempts')
        .where('phone', '=', '0912000006')
        .executeTakeFirstOrThrow();
      expect(row.attempts).toBe(5);
      expect(errorCode(await verify('0912000006', code))).toBe('OTP_TOO_MANY_ATTEMPTS');
    });

    it('refuses a code older than five minutes', async () => {
      await request('0912000004');
      const code = fakes.sms.lastCodeTo('0912000004')!;
      await age('0912000004', 5 * 60 + 1, 'expires_at');
      const res = await verify('0912000004', code);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe('OTP_EXPIRED');
    });

    it('answers 502 SMS_UNAVAILABLE when the gateway fails, without blocking a retry', async () => {
      fakes.sms.failNext(500);
      const res = await request('0912000005');
      expect(res.statusCode).toBe(502);
      expect(errorCode(res)).toBe('SMS_UNAVAILABLE');
      expect((await request('0912000005')).statusCode).toBe(200);
    });

    it('keeps codes inside their province', async () => {
      await request('0912000007', A);
      const res = await verify('0912000007', fakes.sms.lastCodeTo('0912000007')!, B);
      expect(errorCode(res)).toBe('OTP_EXPIRED');
    });
  });
});

describe('Citizen SMS codes in development', () => {
  it('reach the log when no gateway is configured', async () => {
    const lines: string[] = [];
    const t = await buildTestApp('pglite', { env: { NODE_ENV: 'development', LOG_LEVEL: 'silent' } });
    try {
      // The SMS sender logs through the app's logger; a spy on it sees what pino is given.
      const sender = t.app.ctx.sms;
      const original = t.app.log.info.bind(t.app.log);
      t.app.log.info = ((obj: unknown, msg?: string) => {
        if (msg?.startsWith('SMS')) lines.push(JSON.stringify(obj));
        return original(obj as object, msg);
      }) as typeof t.app.log.info;
      await insertTenant(t.database.db, 'tay-ninh');
      const res = await call(t.app, 'tay-ninh', 'POST', '/api/auth/otp/request', {
        body: { phone: '0987000111' },
      });
      expect(res.statusCode).toBe(200);
      expect(sender.constructor.name).toBe('LogSmsSender');
      const logged = lines.join('\n');
      expect(logged).toMatch(/\d{6} la ma xac thuc/);
      expect(logged).not.toContain('0987000111');
    } finally {
      await t.close();
    }
  });
});

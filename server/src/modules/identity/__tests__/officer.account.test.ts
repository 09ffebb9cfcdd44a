import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { verifyAuditChain } from '../../../platform/audit/audit.js';
import { SESSION_COOKIE } from '../../../platform/auth/sessions.js';
import { newTotpSecret, totpCode } from '../totp.js';
import {
  auditActions,
  bearerLogin,
  buildOfficerWorld,
  consolePost,
  cookieLogin,
  login,
  PASSWORD,
  type OfficerWorld,
} from './officer.test-helpers.js';

/** A code from ten minutes ago: well outside the ±1 step window. */
const staleCode = (secret: string) => totpCode(secret, new Date(Date.now() - 10 * 60_000));
/** The code of the step `offset` steps from now; -1, 0 and +1 are all inside the window. */
const stepCode = (secret: string, offset: number) => totpCode(secret, new Date(Date.now() + offset * 30_000));
const currentStep = () => Math.floor(Date.now() / 30_000);

describeEachDatabase('officer password and TOTP', (kind) => {
  let w: OfficerWorld;
  beforeAll(async () => {
    w = await buildOfficerWorld(kind, ['doimatkhau', 'haibuoc', 'songsong', 'tamthoi']);
  });
  afterAll(async () => w?.t.close());

  const officerRow = (id: string) =>
    w.t.database.db.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('changes the password and signs out the other sessions only', async () => {
    const url = '/api/auth/officer/password';
    await w.t.database.db
      .updateTable('officers')
      .set({ must_change_password: true })
      .where('id', '=', w.officers.doimatkhau!)
      .execute();
    const consoleSession = await cookieLogin(w.t, 'doimatkhau');
    const otherToken = await bearerLogin(w.t, 'doimatkhau');
    const meFlag = async () =>
      (
        await w.t.app.inject({
          url: '/api/auth/officer/me',
          headers: { 'x-tenant-id': 'tinh-a' },
          cookies: { [SESSION_COOKIE]: consoleSession.cookie },
        })
      ).json().officer.mustChangePassword;
    expect(await meFlag()).toBe(true);

    const weak = await consolePost(w.t, consoleSession, url, {
      currentPassword: PASSWORD,
      newPassword: 'ngan',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({
      code: 'PASSWORD_TOO_WEAK',
      message: 'Mật khẩu cần ít nhất 10 ký tự, gồm chữ và số.',
    });
    const wrong = await consolePost(w.t, consoleSession, url, {
      currentPassword: 'khong-dung-1',
      newPassword: 'mat-khau-moi-2025',
    });
    expect(wrong.json().error.code).toBe('PASSWORD_INCORRECT');
    expect((await officerRow(w.officers.doimatkhau!)).failed_logins).toBe(1);
    const same = await consolePost(w.t, consoleSession, url, {
      currentPassword: PASSWORD,
      newPassword: PASSWORD,
    });
    expect(same.json().error.code).toBe('PASSWORD_UNCHANGED');

    const ok = await consolePost(w.t, consoleSession, url, {
      currentPassword: PASSWORD,
      newPassword: 'mat-khau-moi-2025',
    });
    expect(ok.statusCode).toBe(204);
    const row = await officerRow(w.officers.doimatkhau!);
    expect(row).toMatchObject({ failed_logins: 0, must_change_password: false });
    expect(await meFlag()).toBe(false);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const other = await w.t.app.inject({
      url: '/api/auth/officer/me',
      headers: { 'x-tenant-id': 'tinh-a', authorization: `Bearer ${otherToken}` },
    });
    expect(other.statusCode).toBe(401);
    const me = await w.t.app.inject({
      url: '/api/auth/officer/me',
      headers: { 'x-tenant-id': 'tinh-a' },
      cookies: { [SESSION_COOKIE]: consoleSession.cookie },
    });
    expect(me.statusCode).toBe(200);
    expect((await login(w.t, { username: 'doimatkhau', password: PASSWORD })).statusCode).toBe(401);
    expect((await login(w.t, { username: 'doimatkhau', password: 'mat-khau-moi-2025' })).statusCode).toBe(
      200,
    );
    expect(await auditActions(w.t, w.officers.doimatkhau!)).toContain('officer.password_changed');
  });

  it('enrols TOTP, then asks for and checks the code at login, then turns it off', async () => {
    const id = w.officers.haibuoc!;
    const session = await cookieLogin(w.t, 'haibuoc');

    const setup = await consolePost(w.t, session, '/api/auth/officer/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = setup.json<{ secret: string; otpauthUrl: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const parsed = new URL(otpauthUrl);
    expect(parsed.protocol).toBe('otpauth:');
    expect(parsed.searchParams.get('issuer')).toBe('Cong tien ich cong dan');
    expect(parsed.searchParams.get('secret')).toBe(secret);
    expect(parsed.searchParams.get('digits')).toBe('6');
    expect(parsed.searchParams.get('period')).toBe('30');
    expect(parsed.searchParams.get('algorithm')).toBe('SHA1');
    // Stored sealed, and pending: login does not ask for a code yet.
    const pending = await officerRow(id);
    expect(pending.totp_enabled).toBe(false);
    expect(pending.totp_secret).toMatch(/^v1\./);
    expect(pending.totp_secret).not.toContain(secret);
    expect((await login(w.t, { username: 'haibuoc', password: PASSWORD })).statusCode).toBe(200);

    const enableUrl = '/api/auth/officer/totp/enable';
    const bad = await consolePost(w.t, session, enableUrl, { password: PASSWORD, code: staleCode(secret) });
    expect(bad.json().error.code).toBe('TOTP_INVALID');
    const stolen = await consolePost(w.t, session, enableUrl, {
      password: 'khong-biet-1',
      code: stepCode(secret, -1),
    });
    expect(stolen.json().error.code).toBe('PASSWORD_INCORRECT');
    expect((await officerRow(id)).totp_enabled).toBe(false);
    await w.t.database.db.updateTable('officers').set({ failed_logins: 0 }).where('id', '=', id).execute();
    // Each code below belongs to its own time step: every code is good for one use only.
    const enableCode = stepCode(secret, -1);
    const enabled = await consolePost(w.t, session, enableUrl, { password: PASSWORD, code: enableCode });
    expect(enabled.statusCode).toBe(204);
    const again = await consolePost(w.t, session, '/api/auth/officer/totp/setup');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('TOTP_ALREADY_ENABLED');

    const noCode = await login(w.t, { username: 'haibuoc', password: PASSWORD });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().error.code).toBe('TOTP_REQUIRED');
    const wrongCode = await login(w.t, { username: 'haibuoc', password: PASSWORD, totp: staleCode(secret) });
    expect(wrongCode.json().error.code).toBe('TOTP_INVALID');
    expect((await officerRow(id)).failed_logins).toBe(1);
    // A wrong password with a right code is still just a wrong password, and does not spend the code.
    const loginCode = stepCode(secret, 0);
    const wrongPassword = await login(w.t, { username: 'haibuoc', password: 'sai', totp: loginCode });
    expect(wrongPassword.json().error.code).toBe('INVALID_CREDENTIALS');
    expect((await officerRow(id)).failed_logins).toBe(2);
    // The code that switched TOTP on is spent, although still inside the ±1 step window.
    const reusedEnable = await login(w.t, { username: 'haibuoc', password: PASSWORD, totp: enableCode });
    expect(reusedEnable.statusCode).toBe(401);
    expect(reusedEnable.json().error.code).toBe('TOTP_INVALID');
    expect((await officerRow(id)).failed_logins).toBe(3);
    const withCode = await login(w.t, { username: 'haibuoc', password: PASSWORD, totp: loginCode });
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json().officer.totpEnabled).toBe(true);
    expect((await officerRow(id)).failed_logins).toBe(0);
    const replayed = await login(w.t, { username: 'haibuoc', password: PASSWORD, totp: loginCode });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().error.code).toBe('TOTP_INVALID');
    expect((await officerRow(id)).failed_logins).toBe(1);

    const disableUrl = '/api/auth/officer/totp/disable';
    const noPassword = await consolePost(w.t, session, disableUrl, {
      password: 'sai-mat-khau',
      code: stepCode(secret, 1),
    });
    expect(noPassword.json().error.code).toBe('PASSWORD_INCORRECT');
    const stale = await consolePost(w.t, session, disableUrl, {
      password: PASSWORD,
      code: staleCode(secret),
    });
    expect(stale.json().error.code).toBe('TOTP_INVALID');
    // The code typed at login, say seen over a shoulder, cannot strip the second factor.
    const reusedLogin = await consolePost(w.t, session, disableUrl, { password: PASSWORD, code: loginCode });
    expect(reusedLogin.json().error.code).toBe('TOTP_INVALID');
    expect(await officerRow(id)).toMatchObject({ totp_enabled: true, failed_logins: 4 });
    const off = await consolePost(w.t, session, disableUrl, {
      password: PASSWORD,
      code: stepCode(secret, 1),
    });
    expect(off.statusCode).toBe(204);
    expect(await officerRow(id)).toMatchObject({ totp_enabled: false, totp_secret: null, failed_logins: 0 });
    expect((await login(w.t, { username: 'haibuoc', password: PASSWORD })).statusCode).toBe(200);

    // Enrolling again at once works: the steps spent belonged to the old secret.
    const reSetup = await consolePost(w.t, session, '/api/auth/officer/totp/setup');
    const newSecret = reSetup.json<{ secret: string }>().secret;
    expect((await officerRow(id)).totp_last_step).toBeNull();
    const reEnabled = await consolePost(w.t, session, enableUrl, {
      password: PASSWORD,
      code: stepCode(newSecret, 0),
    });
    expect(reEnabled.statusCode).toBe(204);

    const actions = await auditActions(w.t, id);
    for (const action of ['officer.totp_setup', 'officer.totp_enabled', 'officer.totp_disabled']) {
      expect(actions).toContain(action);
    }
  });

  it('lets only one of two parallel logins use the same code', async () => {
    const id = w.officers.songsong!;
    const secret = newTotpSecret();
    // Plain base32 is read as is (see totp.ts), so the test can enrol the officer directly.
    await w.t.database.db
      .updateTable('officers')
      .set({ totp_secret: secret, totp_enabled: true })
      .where('id', '=', id)
      .execute();
    const before = currentStep();
    const totp = stepCode(secret, 0);
    const results = await Promise.all(
      [0, 1, 2].map(() => login(w.t, { username: 'songsong', password: PASSWORD, totp })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401]);
    for (const r of results.filter((x) => x.statusCode === 401)) {
      expect(r.json().error.code).toBe('TOTP_INVALID');
    }
    const sessions = await w.t.database.db
      .selectFrom('sessions')
      .select('id')
      .where('subject_id', '=', id)
      .execute();
    expect(sessions).toHaveLength(1);
    const row = await officerRow(id);
    expect(row.failed_logins).toBe(2);
    // The step of the code, not of the clock at the end: a step boundary may pass meanwhile.
    expect(row.totp_last_step).toBeGreaterThanOrEqual(before);
    expect(row.totp_last_step).toBeLessThanOrEqual(before + 1);
  });

  it('keeps an officer on a temporary password to me, password change and logout', async () => {
    const id = w.officers.tamthoi!;
    const db = w.t.database.db;
    await db.updateTable('officers').set({ must_change_password: true }).where('id', '=', id).execute();
    // An administrator too: the refusal comes before roles, and the change must open admin routes.
    await db
      .insertInto('officer_roles')
      .values({ tenant_id: 'tinh-a', officer_id: id, agency_id: w.agencyA, role: 'province_admin' })
      .execute();
    const session = await cookieLogin(w.t, 'tamthoi');
    const spare = await bearerLogin(w.t, 'tamthoi');
    const get = (url: string, lang = 'vi') =>
      w.t.app.inject({
        url,
        headers: { 'x-tenant-id': 'tinh-a', 'accept-language': lang },
        cookies: { [SESSION_COOKIE]: session.cookie },
      });

    const admin = await get('/api/admin/officers');
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error).toEqual({
      code: 'PASSWORD_CHANGE_REQUIRED',
      message: 'Bạn đang dùng mật khẩu tạm. Vui lòng đổi mật khẩu trước khi tiếp tục.',
    });
    expect((await get('/api/admin/officers', 'en')).json().error.message).toBe(
      'You are using a temporary password. Please change it before continuing.',
    );
    const totp = await consolePost(w.t, session, '/api/auth/officer/totp/setup');
    expect(totp.statusCode).toBe(403);
    expect(totp.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const me = await get('/api/auth/officer/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().officer.mustChangePassword).toBe(true);
    const out = await w.t.app.inject({
      method: 'POST',
      url: '/api/auth/officer/logout',
      headers: { 'x-tenant-id': 'tinh-a', authorization: `Bearer ${spare}` },
    });
    expect(out.statusCode).toBe(204);

    const changed = await consolePost(w.t, session, '/api/auth/officer/password', {
      currentPassword: PASSWORD,
      newPassword: 'mat-khau-rieng-2025',
    });
    expect(changed.statusCode).toBe(204);
    expect((await officerRow(id)).must_change_password).toBe(false);
    // The same session goes on: the flag is read afresh on every request.
    const after = await get('/api/admin/officers');
    expect(after.statusCode).toBe(200);
    expect((await consolePost(w.t, session, '/api/auth/officer/totp/setup')).statusCode).toBe(200);
  });

  it('refuses enabling TOTP before setup, and malformed codes', async () => {
    const session = await cookieLogin(w.t, 'doimatkhau', { password: 'mat-khau-moi-2025' });
    const enable = await consolePost(w.t, session, '/api/auth/officer/totp/enable', {
      password: 'mat-khau-moi-2025',
      code: '123456',
    });
    expect(enable.statusCode).toBe(409);
    expect(enable.json().error.code).toBe('TOTP_NOT_SET_UP');
    const malformed = await consolePost(w.t, session, '/api/auth/officer/totp/enable', {
      password: 'mat-khau-moi-2025',
      code: '12ab56',
    });
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('needs a signed-in officer for every account route', async () => {
    for (const url of [
      '/api/auth/officer/logout',
      '/api/auth/officer/password',
      '/api/auth/officer/totp/setup',
    ]) {
      const res = await w.t.app.inject({ method: 'POST', url, headers: { 'x-tenant-id': 'tinh-a' } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('AUTH_REQUIRED');
    }
  });

  it('leaves an audit chain that verifies', async () => {
    expect(await verifyAuditChain(w.t.database.db, 'tinh-a')).toMatchObject({ ok: true });
    expect((await verifyAuditChain(w.t.database.db, 'tinh-a')).checked).toBeGreaterThan(5);
  });
});

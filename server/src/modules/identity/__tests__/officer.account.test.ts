import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { verifyAuditChain } from '../../../platform/audit/audit.js';
import { SESSION_COOKIE } from '../../../platform/auth/sessions.js';
import { totpCode } from '../totp.js';
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

describeEachDatabase('officer password and TOTP', (kind) => {
  let w: OfficerWorld;
  beforeAll(async () => {
    w = await buildOfficerWorld(kind, ['doimatkhau', 'haibuoc']);
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
      code: totpCode(secret),
    });
    expect(stolen.json().error.code).toBe('PASSWORD_INCORRECT');
    expect((await officerRow(id)).totp_enabled).toBe(false);
    await w.t.database.db.updateTable('officers').set({ failed_logins: 0 }).where('id', '=', id).execute();
    const enabled = await consolePost(w.t, session, enableUrl, {
      password: PASSWORD,
      code: totpCode(secret),
    });
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
    // A wrong password with a right code is still just a wrong password.
    const wrongPassword = await login(w.t, { username: 'haibuoc', password: 'sai', totp: totpCode(secret) });
    expect(wrongPassword.json().error.code).toBe('INVALID_CREDENTIALS');
    const withCode = await login(w.t, { username: 'haibuoc', password: PASSWORD, totp: totpCode(secret) });
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json().officer.totpEnabled).toBe(true);

    const disableUrl = '/api/auth/officer/totp/disable';
    const noPassword = await consolePost(w.t, session, disableUrl, {
      password: 'sai-mat-khau',
      code: totpCode(secret),
    });
    expect(noPassword.json().error.code).toBe('PASSWORD_INCORRECT');
    const stale = await consolePost(w.t, session, disableUrl, {
      password: PASSWORD,
      code: staleCode(secret),
    });
    expect(stale.json().error.code).toBe('TOTP_INVALID');
    const off = await consolePost(w.t, session, disableUrl, { password: PASSWORD, code: totpCode(secret) });
    expect(off.statusCode).toBe(204);
    expect(await officerRow(id)).toMatchObject({ totp_enabled: false, totp_secret: null });
    expect((await login(w.t, { username: 'haibuoc', password: PASSWORD })).statusCode).toBe(200);

    const actions = await auditActions(w.t, id);
    for (const action of ['officer.totp_setup', 'officer.totp_enabled', 'officer.totp_disabled']) {
      expect(actions).toContain(action);
    }
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

import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, describeEachDatabase } from '../../../../test/helpers.js';
import { SESSION_COOKIE } from '../../../platform/auth/sessions.js';
import {
  auditActions,
  bearerLogin,
  buildOfficerWorld,
  consolePost,
  cookieLogin,
  login,
  OTHER_PASSWORD,
  PASSWORD,
  type OfficerWorld,
} from './officer.test-helpers.js';

describeEachDatabase('officer login', (kind) => {
  let w: OfficerWorld;
  beforeAll(async () => {
    w = await buildOfficerWorld(kind, ['nguyenvana', 'tranthib', 'khoa', 'lehoa', 'vohieu', 'csrf']);
  });
  afterAll(async () => w?.t.close());

  const officerRow = (id: string) =>
    w.t.database.db.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('signs in with a cookie session and returns the profile, CSRF token and expiry', async () => {
    const res = await login(w.t, { username: 'nguyenvana', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      csrfToken: expect.any(String),
      officer: {
        id: w.officers.nguyenvana,
        username: 'nguyenvana',
        fullName: 'Cán bộ nguyenvana',
        totpEnabled: false,
        mustChangePassword: false,
        roles: [{ agencyId: w.agencyA, agencyName: 'Sở Nội vụ', role: 'handler' }],
      },
    });
    expect(body.token).toBeUndefined();
    expect(Object.keys(body.officer).sort()).toEqual([
      'fullName',
      'id',
      'mustChangePassword',
      'roles',
      'totpEnabled',
      'username',
    ]);
    const expiresIn = new Date(body.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(11.9 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(12 * 3600_000);

    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();

    const me = await w.t.app.inject({
      url: '/api/auth/officer/me',
      headers: { 'x-tenant-id': 'tinh-a' },
      cookies: { [SESSION_COOKIE]: cookie.value },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ csrfToken: body.csrfToken, officer: body.officer });
    expect(await auditActions(w.t, w.officers.nguyenvana!)).toContain('officer.login');
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secure = await buildTestApp(kind, {
      env: { PUBLIC_URL: 'https://dichvucong.example.vn' },
      database: w.t.database,
    });
    try {
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/auth/officer/login',
        headers: { 'x-tenant-id': 'tinh-a' },
        payload: { username: 'nguyenvana', password: PASSWORD },
      });
      expect(res.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
    } finally {
      await secure.app.close();
    }
  });

  it('matches usernames without regard to case', async () => {
    expect((await login(w.t, { username: 'NguyenVanA', password: PASSWORD })).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown username identically', async () => {
    const wrong = await login(w.t, { username: 'tranthib', password: 'sai-mat-khau-1' });
    const unknown = await login(w.t, { username: 'khongtontai', password: 'sai-mat-khau-1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({
      error: { code: 'INVALID_CREDENTIALS', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' },
    });
    expect(unknown.json()).toEqual(wrong.json());
    expect((await login(w.t, { username: 'tranthib' })).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('locks the account after 5 failures, refuses the right password, and unlocks after the lock time', async () => {
    const id = w.officers.khoa!;
    for (let i = 1; i <= 4; i++) {
      const res = await login(w.t, { username: 'khoa', password: `sai-${i}` });
      expect(res.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await login(w.t, { username: 'khoa', password: 'sai-5' });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      details: { retryAfterSeconds: 900 },
    });
    const right = await login(w.t, { username: 'khoa', password: PASSWORD });
    expect(right.statusCode).toBe(423);
    expect(right.json().error.code).toBe('ACCOUNT_LOCKED');
    expect(await auditActions(w.t, id)).toEqual(['officer.locked']);
    const locked = await officerRow(id);
    expect(locked.locked_until!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);

    // Fifteen minutes pass.
    await w.t.database.db
      .updateTable('officers')
      .set({ locked_until: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    expect((await login(w.t, { username: 'khoa', password: PASSWORD })).statusCode).toBe(200);
    expect(await officerRow(id)).toMatchObject({ failed_logins: 0, locked_until: null });
  });

  it('resets the failure count on success, so only consecutive failures lock', async () => {
    for (let i = 0; i < 4; i++) await login(w.t, { username: 'lehoa', password: 'sai-mat-khau' });
    expect((await officerRow(w.officers.lehoa!)).failed_logins).toBe(4);
    expect((await login(w.t, { username: 'lehoa', password: PASSWORD })).statusCode).toBe(200);
    expect((await officerRow(w.officers.lehoa!)).failed_logins).toBe(0);
    const again = await login(w.t, { username: 'lehoa', password: 'sai-mat-khau' });
    expect(again.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('tells only someone with the right password that an account is disabled', async () => {
    await w.t.database.db
      .updateTable('officers')
      .set({ disabled: true })
      .where('id', '=', w.officers.vohieu!)
      .execute();
    const right = await login(w.t, { username: 'vohieu', password: PASSWORD });
    expect(right.statusCode).toBe(403);
    expect(right.json().error.code).toBe('ACCOUNT_DISABLED');
    const wrong = await login(w.t, { username: 'vohieu', password: 'sai-mat-khau' });
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('requires the CSRF token on unsafe requests made with the cookie', async () => {
    const session = await cookieLogin(w.t, 'csrf');
    const url = '/api/auth/officer/logout';
    const cookies = { [SESSION_COOKIE]: session.cookie };
    const headers = { 'x-tenant-id': 'tinh-a' };
    const missing = await w.t.app.inject({ method: 'POST', url, headers, cookies });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_INVALID');
    const wrong = await w.t.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'x-csrf-token': session.csrfToken.slice(0, -2) + 'xx' },
      cookies,
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('CSRF_INVALID');

    const ok = await consolePost(w.t, session, url);
    expect(ok.statusCode).toBe(204);
    const cleared = ok.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cleared.value).toBe('');
    const me = await w.t.app.inject({ url: '/api/auth/officer/me', headers, cookies });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('AUTH_REQUIRED');
    expect(await auditActions(w.t, w.officers.csrf!)).toEqual(['officer.login', 'officer.logout']);
  });

  it('gives API clients a bearer token that needs no CSRF token and sets no cookie', async () => {
    const res = await login(w.t, { username: 'tranthib', password: PASSWORD, tokenMode: 'bearer' });
    expect(res.statusCode).toBe(200);
    expect(res.cookies).toEqual([]);
    const token = res.json().token as string;
    expect(token.length).toBeGreaterThan(30);
    const headers = { 'x-tenant-id': 'tinh-a', authorization: `Bearer ${token}` };
    const me = await w.t.app.inject({ url: '/api/auth/officer/me', headers });
    expect(me.json()).toMatchObject({ csrfToken: null, officer: { username: 'tranthib' } });
    const out = await w.t.app.inject({ method: 'POST', url: '/api/auth/officer/logout', headers });
    expect(out.statusCode).toBe(204);
    expect((await w.t.app.inject({ url: '/api/auth/officer/me', headers })).statusCode).toBe(401);
  });

  it('keeps provinces apart: sessions and usernames belong to one tenant', async () => {
    const session = await cookieLogin(w.t, 'nguyenvana');
    const token = await bearerLogin(w.t, 'nguyenvana');
    const asB = [
      { cookies: { [SESSION_COOKIE]: session.cookie } },
      { headers: { authorization: `Bearer ${token}` } },
    ];
    for (const carrier of asB) {
      const res = await w.t.app.inject({
        url: '/api/auth/officer/me',
        ...carrier,
        headers: { ...('headers' in carrier ? carrier.headers : {}), 'x-tenant-id': 'tinh-b' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('AUTH_REQUIRED');
    }
    // tinh-a's password does not open tinh-b's account of the same name, and the other way round.
    expect((await login(w.t, { username: 'nguyenvana', password: PASSWORD }, 'tinh-b')).statusCode).toBe(401);
    expect((await login(w.t, { username: 'tranthib', password: PASSWORD }, 'tinh-b')).statusCode).toBe(401);
    expect((await login(w.t, { username: 'nguyenvana', password: OTHER_PASSWORD })).statusCode).toBe(401);
    const b = await login(w.t, { username: 'nguyenvana', password: OTHER_PASSWORD }, 'tinh-b');
    expect(b.statusCode).toBe(200);
    expect(b.json().officer).toMatchObject({
      id: w.officers['b:nguyenvana'],
      roles: [{ agencyName: 'Sở Nội vụ tỉnh B', role: 'supervisor' }],
    });
  });

  it('answers in English when asked', async () => {
    const res = await w.t.app.inject({
      method: 'POST',
      url: '/api/auth/officer/login',
      headers: { 'x-tenant-id': 'tinh-a', 'accept-language': 'en' },
      payload: { username: 'khongtontai', password: 'x' },
    });
    expect(res.json().error.message).toBe('Wrong username or password.');
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { verifyAuditChain } from '../../../platform/audit/audit.js';
import { verifyPassword } from '../../../platform/auth/passwords.js';
import { buildWorld, call, tokenFor, type World } from './tenancy.test-helpers.js';

describeEachDatabase('tenancy: administration', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(kind);
  });
  afterAll(async () => w?.t.close());

  const asProv = (options: Parameters<typeof call>[3]) => call(w, 'tinh-a', w.tokens.provAdmin, options);
  const asStp = (options: Parameters<typeof call>[3]) => call(w, 'tinh-a', w.tokens.stpAdmin, options);

  it('lets the province admin reorder and switch utilities; GET /api/tenant shows it at once', async () => {
    const before = await call(w, 'tinh-a', null, { url: '/api/tenant' });
    expect(before.json().utilities).toEqual(['nop-ho-so', 'phan-anh']);
    const res = await asProv({
      method: 'PATCH',
      url: '/api/admin/tenant',
      payload: {
        utilities: ['tra-cuu-ho-so', 'nop-ho-so', 'danh-ba'],
        hotlines: [{ label: 'Tổng đài dịch vụ công', phone: '1022' }],
        branding: { primaryColor: '#0b5394', appName: 'Tỉnh A Smart' },
        zalo: { oaId: '4318273740238472' },
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      utilities: ['tra-cuu-ho-so', 'nop-ho-so', 'danh-ba'],
      zalo: { appId: 'app-tinh-a', oaId: '4318273740238472' },
      hostNames: ['a.example.vn'],
    });
    expect(res.json().availableUtilities).toHaveLength(14);
    const after = await call(w, 'tinh-a', null, { url: '/api/tenant' });
    expect(after.json()).toMatchObject({
      utilities: ['tra-cuu-ho-so', 'nop-ho-so', 'danh-ba'],
      branding: { appName: 'Tỉnh A Smart' },
    });
  });

  it('refuses unknown or repeated utility keys and unknown fields', async () => {
    for (const payload of [
      { utilities: ['nop-ho-so', 'khong-co'] },
      { utilities: ['nop-ho-so', 'nop-ho-so'] },
      { hostNames: ['evil.example'] },
      {},
    ]) {
      const res = await asProv({ method: 'PATCH', url: '/api/admin/tenant', payload });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('creates agencies with the communes they serve, within the admin scope', async () => {
    const created = await asProv({
      method: 'POST',
      url: '/api/admin/agencies',
      payload: {
        code: 'UBND-TANNINH',
        name: 'Ủy ban nhân dân phường Tân Ninh',
        kind: 'commune_committee',
        parentId: w.agencies.ubnd,
        communeIds: [w.communes[0]],
      },
    });
    expect(created.statusCode).toBe(201);
    const detail = await call(w, 'tinh-a', null, { url: `/api/agencies/${created.json().id}` });
    expect(detail.json().communes.map((c: { code: string }) => c.code)).toEqual(['25459']);
    const found = await call(w, 'tinh-a', null, { url: '/api/agencies?q=uy ban nhan dan phuong tan ninh' });
    expect(found.json().items[0].id).toBe(created.json().id);

    const duplicate = await asProv({
      method: 'POST',
      url: '/api/admin/agencies',
      payload: { code: 'UBND-TANNINH', name: 'Trùng mã', kind: 'unit', parentId: w.agencies.ubnd },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('AGENCY_CODE_TAKEN');

    const foreignCommune = await asProv({
      method: 'POST',
      url: '/api/admin/agencies',
      payload: {
        code: 'X1',
        name: 'Xã khác',
        kind: 'unit',
        communeIds: ['00000000-0000-4000-8000-000000000000'],
      },
    });
    expect(foreignCommune.statusCode).toBe(404);
    expect(foreignCommune.json().error.code).toBe('ADMIN_UNIT_NOT_FOUND');
  });

  it("keeps an agency admin inside its agency's subtree", async () => {
    const below = await asStp({
      method: 'POST',
      url: '/api/admin/agencies',
      payload: { code: 'STP-HCTP', name: 'Phòng Hành chính tư pháp', kind: 'unit', parentId: w.agencies.stp },
    });
    expect(below.statusCode).toBe(201);
    for (const payload of [
      { code: 'ROOT', name: 'Gốc', kind: 'unit' },
      { code: 'SXD-2', name: 'Dưới Sở Xây dựng', kind: 'unit', parentId: w.agencies.sxd },
    ]) {
      const res = await asStp({ method: 'POST', url: '/api/admin/agencies', payload });
      expect(res.statusCode).toBe(403);
    }
    const other = await asStp({
      method: 'PATCH',
      url: `/api/admin/agencies/${w.agencies.sxd}`,
      payload: { name: 'Bị sửa' },
    });
    expect(other.statusCode).toBe(403);
    const moveOwn = await asStp({
      method: 'PATCH',
      url: `/api/admin/agencies/${w.agencies.stp}`,
      payload: { parentId: w.agencies.sxd },
    });
    expect(moveOwn.statusCode).toBe(403);
    const rename = await asStp({
      method: 'PATCH',
      url: `/api/admin/agencies/${w.agencies.tgpl}`,
      payload: { phone: '0276 3822 322' },
    });
    expect(rename.statusCode).toBe(200);
    expect(rename.json().phone).toBe('0276 3822 322');
  });

  it('refuses a cycle in the agency tree', async () => {
    const res = await asProv({
      method: 'PATCH',
      url: `/api/admin/agencies/${w.agencies.stp}`,
      payload: { parentId: w.agencies.tgpl },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('AGENCY_PARENT_INVALID');
  });

  it('lists officers by scope, agency, role and accent-insensitive name', async () => {
    const all = await asProv({ url: '/api/admin/officers' });
    expect(all.json().total).toBe(4);
    const scoped = await asStp({ url: '/api/admin/officers' });
    expect(
      scoped
        .json()
        .items.map((o: { username: string }) => o.username)
        .sort(),
    ).toEqual(['admin.stp', 'le.lan']);
    const byName = await asProv({ url: '/api/admin/officers?q=hung' });
    expect(byName.json().items.map((o: { fullName: string }) => o.fullName)).toEqual(['Trần Văn Hùng']);
    const byUsername = await asProv({ url: '/api/admin/officers?q=LE.LAN' });
    expect(byUsername.json().total).toBe(1);
    const byRole = await asProv({ url: '/api/admin/officers?role=handler' });
    expect(byRole.json().total).toBe(2);
    const byAgency = await asProv({ url: `/api/admin/officers?agencyId=${w.agencies.sxd}` });
    expect(byAgency.json().items[0]).toMatchObject({
      username: 'tran.hung',
      roles: [{ agencyId: w.agencies.sxd, agencyName: 'Sở Xây dựng', role: 'handler' }],
    });
    const outside = await asStp({ url: `/api/admin/officers?agencyId=${w.agencies.sxd}` });
    expect(outside.json().total).toBe(0);
    const hidden = await asStp({ url: `/api/admin/officers/${w.officers.sxdHandler}` });
    expect(hidden.statusCode).toBe(404);
  });

  it('creates an officer with a temporary password, within scope', async () => {
    const res = await asStp({
      method: 'POST',
      url: '/api/admin/officers',
      payload: {
        username: 'ngo.minh',
        fullName: 'Ngô Minh',
        roles: [{ agencyId: w.agencies.tgpl, role: 'supervisor' }],
      },
    });
    expect(res.statusCode).toBe(201);
    const { officer, temporaryPassword } = res.json();
    expect(officer).toMatchObject({ username: 'ngo.minh', mustChangePassword: true, disabled: false });
    const row = await w.t.database.db
      .selectFrom('officers')
      .select('password_hash')
      .where('id', '=', officer.id)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, temporaryPassword)).toBe(true);
    expect(JSON.stringify(res.json())).not.toContain('argon2');

    const taken = await asProv({
      method: 'POST',
      url: '/api/admin/officers',
      payload: { username: 'NGO.MINH', fullName: 'Khác', roles: [] },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('OFFICER_USERNAME_TAKEN');
    const grantAdmin = await asStp({
      method: 'POST',
      url: '/api/admin/officers',
      payload: {
        username: 'x.y.z',
        fullName: 'X',
        roles: [{ agencyId: w.agencies.stp, role: 'province_admin' }],
      },
    });
    expect(grantAdmin.statusCode).toBe(403);
    expect(grantAdmin.json().error.code).toBe('ROLE_NOT_GRANTABLE');
    const outOfScope = await asStp({
      method: 'POST',
      url: '/api/admin/officers',
      payload: { username: 'x.y.z', fullName: 'X', roles: [{ agencyId: w.agencies.sxd, role: 'handler' }] },
    });
    expect(outOfScope.statusCode).toBe(403);
    const weak = await asProv({
      method: 'POST',
      url: '/api/admin/officers',
      payload: { username: 'weak.pw', fullName: 'W', roles: [], temporaryPassword: 'abcdefghijk' },
    });
    expect(weak.json().error.code).toBe('PASSWORD_TOO_WEAK');
  });

  it('changes roles within scope and keeps roles elsewhere', async () => {
    // le.lan also works at SXD: the STP admin may change its STP roles, not the SXD one, nor disable it.
    const db = w.t.database.db;
    await db
      .insertInto('officer_roles')
      .values({
        tenant_id: 'tinh-a',
        officer_id: w.officers.tgplHandler,
        agency_id: w.agencies.sxd,
        role: 'clerk',
      })
      .execute();
    const res = await asStp({
      method: 'PATCH',
      url: `/api/admin/officers/${w.officers.tgplHandler}`,
      payload: { roles: [{ agencyId: w.agencies.stp, role: 'supervisor' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().officer.roles).toEqual([
      { agencyId: w.agencies.stp, agencyName: 'Sở Tư pháp', role: 'supervisor' },
    ]);
    const all = await asProv({ url: `/api/admin/officers/${w.officers.tgplHandler}` });
    expect(
      all
        .json()
        .roles.map((r: { role: string }) => r.role)
        .sort(),
    ).toEqual(['clerk', 'supervisor']);
    const disable = await asStp({
      method: 'PATCH',
      url: `/api/admin/officers/${w.officers.tgplHandler}`,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(403);
  });

  it('disables an officer and ends its sessions; resets a password', async () => {
    const token = await tokenFor(w.t.database.db, 'tinh-a', w.officers.sxdHandler);
    const before = await call(w, 'tinh-a', token, { url: '/api/admin/officers' });
    expect(before.statusCode).toBe(403); // signed in, but not an administrator
    const res = await asProv({
      method: 'PATCH',
      url: `/api/admin/officers/${w.officers.sxdHandler}`,
      payload: { disabled: true, resetPassword: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().officer).toMatchObject({ disabled: true, mustChangePassword: true });
    expect(res.json().temporaryPassword).toMatch(/^Tn/);
    const after = await call(w, 'tinh-a', token, { url: '/api/admin/officers' });
    expect(after.statusCode).toBe(401);
  });

  it('unlocks on a password reset and ends the sessions; the new password is temporary', async () => {
    const db = w.t.database.db;
    const id = w.officers.tgplHandler;
    const token = await tokenFor(db, 'tinh-a', id);
    await db
      .updateTable('officers')
      .set({ failed_logins: 3, locked_until: new Date(Date.now() + 10 * 60_000) })
      .where('id', '=', id)
      .execute();
    const res = await asProv({
      method: 'PATCH',
      url: `/api/admin/officers/${id}`,
      payload: { resetPassword: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().officer).toMatchObject({ disabled: false, mustChangePassword: true });
    const row = await db
      .selectFrom('officers')
      .select(['failed_logins', 'locked_until'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    const me = (bearer: string) => call(w, 'tinh-a', bearer, { url: '/api/auth/officer/me' });
    expect((await me(token)).statusCode).toBe(401);

    const login = await call(w, 'tinh-a', null, {
      method: 'POST',
      url: '/api/auth/officer/login',
      payload: { username: 'le.lan', password: res.json().temporaryPassword, tokenMode: 'bearer' },
    });
    expect(login.statusCode).toBe(200);
    const fresh = login.json().token as string;
    expect((await me(fresh)).json().officer.mustChangePassword).toBe(true);
    const other = await call(w, 'tinh-a', fresh, { method: 'POST', url: '/api/auth/officer/totp/setup' });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('never lets a province lose its last province admin', async () => {
    const self = await asProv({
      method: 'PATCH',
      url: `/api/admin/officers/${w.officers.provAdmin}`,
      payload: { disabled: true },
    });
    expect(self.json().error.code).toBe('OFFICER_SELF_DISABLE');
    const demote = await asProv({
      method: 'PATCH',
      url: `/api/admin/officers/${w.officers.provAdmin}`,
      payload: { roles: [{ agencyId: w.agencies.ubnd, role: 'editor' }] },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('OFFICER_LAST_PROVINCE_ADMIN');
  });

  it('writes an audit row for every administrative write, and the chain verifies', async () => {
    const rows = await w.t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_id'])
      .where('tenant_id', '=', 'tinh-a')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'tenant.update',
      'agency.create',
      'agency.create',
      'agency.update',
      'officer.create',
      'officer.update',
      'officer.update',
      'officer.update',
      'officer.login',
    ]);
    expect(rows[0]).toMatchObject({ actor_type: 'officer', actor_id: w.officers.provAdmin });
    expect(rows[2]).toMatchObject({ actor_id: w.officers.stpAdmin });
    expect(await verifyAuditChain(w.t.database.db, 'tinh-a')).toMatchObject({ ok: true, checked: 9 });
    // Refused writes left nothing behind, and the other province's chain is untouched.
    expect(await verifyAuditChain(w.t.database.db, 'tinh-b')).toMatchObject({ ok: true, checked: 0 });
  });
});

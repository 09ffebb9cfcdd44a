import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { buildWorld, call, type World } from './tenancy.test-helpers.js';

describeEachDatabase('tenancy: public configuration and isolation', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(kind);
  });
  afterAll(async () => w?.t.close());

  it('serves GET /api/tenant by host name', async () => {
    const res = await w.t.app.inject({ url: '/api/tenant', headers: { host: 'a.example.vn' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: 'tinh-a',
      code: '80',
      name: 'Tỉnh tinh-a',
      shortName: 'tinh-a',
      utilities: ['nop-ho-so', 'phan-anh'],
      branding: {},
      hotlines: [{ label: 'Đường dây nóng', phone: '1022' }],
      zalo: { appId: 'app-tinh-a', oaId: 'oa-tinh-a' },
    });
  });

  it('serves GET /api/tenant by X-Tenant-Id, which wins over the host name', async () => {
    const res = await w.t.app.inject({
      url: '/api/tenant',
      headers: { host: 'a.example.vn', 'x-tenant-id': 'tinh-b' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'tinh-b', code: '66' });
    // Host names, officers and anything else internal stay out of the public configuration.
    expect(Object.keys(res.json()).sort()).toEqual(
      ['branding', 'code', 'hotlines', 'id', 'name', 'shortName', 'utilities', 'zalo'].sort(),
    );
  });

  it('lets browsers and shared caches keep public configuration briefly, per tenant', async () => {
    const res = await w.t.app.inject({
      url: '/api/tenant',
      headers: { host: 'a.example.vn', origin: 'https://h5.zdn.vn' },
    });
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers.vary).toBe('Origin, x-tenant-id');
    expect(res.headers['x-content-type-options']).toBe('nosniff');

    // Errors and signed-in routes are never marked cacheable.
    const missing = await w.t.app.inject({ url: '/api/tenant', headers: { 'x-tenant-id': 'nowhere' } });
    expect(missing.headers['cache-control']).toBeUndefined();
    const admin = await call(w, 'tinh-a', w.tokens.provAdmin, { url: '/api/admin/tenant' });
    expect(admin.statusCode).toBe(200);
    expect(admin.headers['cache-control']).toBeUndefined();
  });

  it('answers 404 TENANT_NOT_FOUND for an unknown tenant', async () => {
    for (const headers of [{ 'x-tenant-id': 'khong-co' }, { host: 'unknown.example.vn' }]) {
      const res = await w.t.app.inject({ url: '/api/tenant', headers });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('TENANT_NOT_FOUND');
    }
  });

  it('lists and searches agencies without accents, paged', async () => {
    const res = await call(w, 'tinh-a', null, { url: '/api/agencies?q=tu phap' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(res.json().items[0]).toMatchObject({ code: 'STP', name: 'Sở Tư pháp', parentId: w.agencies.ubnd });

    const page = await call(w, 'tinh-a', null, { url: '/api/agencies?pageSize=2&page=2' });
    expect(page.json()).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page.json().items).toHaveLength(2);
    const past = await call(w, 'tinh-a', null, { url: '/api/agencies?pageSize=2&page=9' });
    expect(past.json()).toMatchObject({ items: [], total: 4, page: 9 });
    const none = await call(w, 'tinh-a', null, { url: '/api/agencies?q=khong co' });
    expect(none.json()).toMatchObject({ items: [], total: 0 });

    const children = await call(w, 'tinh-a', null, { url: `/api/agencies?parentId=${w.agencies.ubnd}` });
    expect(
      children
        .json()
        .items.map((a: { code: string }) => a.code)
        .sort(),
    ).toEqual(['STP', 'SXD']);
  });

  it('returns one agency with its parent, children and communes', async () => {
    await w.t.database.db
      .insertInto('agency_communes')
      .values({ tenant_id: 'tinh-a', agency_id: w.agencies.stp, admin_unit_id: w.communes[0]! })
      .execute();
    const res = await call(w, 'tinh-a', null, { url: `/api/agencies/${w.agencies.stp}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: 'STP',
      parent: { id: w.agencies.ubnd, code: 'UBND' },
      children: [{ id: w.agencies.tgpl, code: 'STP-TGPL' }],
      communes: [{ id: w.communes[0], code: '25459', name: 'Phường Tân Ninh' }],
    });
    const top = await call(w, 'tinh-a', null, { url: `/api/agencies/${w.agencies.ubnd}` });
    expect(top.json()).toMatchObject({ parent: null, communes: [] });
    expect(top.json().children.map((c: { code: string }) => c.code)).toEqual(['STP', 'SXD']);
    const bad = await call(w, 'tinh-a', null, { url: '/api/agencies/not-a-uuid' });
    expect(bad.statusCode).toBe(400);
  });

  it('lists communes for pickers, searchable', async () => {
    const res = await call(w, 'tinh-a', null, { url: '/api/admin-units?level=commune&q=ben cau' });
    expect(res.json()).toMatchObject({
      total: 1,
      items: [{ code: '25681', name: 'Xã Bến Cầu', level: 'commune' }],
    });
    const all = await call(w, 'tinh-a', null, { url: '/api/admin-units?level=commune' });
    expect(all.json().total).toBe(3);
  });

  it("never shows one province's agencies, communes or officers to another", async () => {
    const agencies = await call(w, 'tinh-b', null, { url: '/api/agencies?pageSize=100' });
    expect(agencies.json().items.map((a: { id: string }) => a.id)).toEqual([w.agencies.b]);
    const units = await call(w, 'tinh-b', null, { url: '/api/admin-units' });
    expect(units.json().items.map((u: { code: string }) => u.code)).toEqual(['24121']);
    const detail = await call(w, 'tinh-b', null, { url: `/api/agencies/${w.agencies.stp}` });
    expect(detail.statusCode).toBe(404);
    expect(detail.json().error.code).toBe('AGENCY_NOT_FOUND');

    const officers = await call(w, 'tinh-b', w.tokens.bAdmin, { url: '/api/admin/officers' });
    expect(officers.statusCode).toBe(200);
    expect(officers.json().items.map((o: { id: string }) => o.id)).toEqual([w.officers.bAdmin]);
    const aOfficer = await call(w, 'tinh-b', w.tokens.bAdmin, {
      url: `/api/admin/officers/${w.officers.provAdmin}`,
    });
    expect(aOfficer.statusCode).toBe(404);
  });

  it("refuses B's officer a change to A's agency or officer (404)", async () => {
    const agency = await call(w, 'tinh-b', w.tokens.bAdmin, {
      method: 'PATCH',
      url: `/api/admin/agencies/${w.agencies.stp}`,
      payload: { name: 'Bị sửa' },
    });
    expect(agency.statusCode).toBe(404);
    expect(agency.json().error.code).toBe('AGENCY_NOT_FOUND');
    const officer = await call(w, 'tinh-b', w.tokens.bAdmin, {
      method: 'PATCH',
      url: `/api/admin/officers/${w.officers.sxdHandler}`,
      payload: { disabled: true },
    });
    expect(officer.statusCode).toBe(404);
    const row = await w.t.database.db
      .selectFrom('agencies')
      .select('name')
      .where('id', '=', w.agencies.stp)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Sở Tư pháp');
  });

  it("does not accept A's session on B's address", async () => {
    const res = await call(w, 'tinh-b', w.tokens.provAdmin, { url: '/api/admin/officers' });
    expect(res.statusCode).toBe(401);
  });

  it('requires an administrator for the admin routes', async () => {
    const anonymous = await call(w, 'tinh-a', null, { url: '/api/admin/officers' });
    expect(anonymous.statusCode).toBe(401);
    const handler = await call(w, 'tinh-a', w.tokens.tgplHandler, { url: '/api/admin/officers' });
    expect(handler.statusCode).toBe(403);
    const agencyAdmin = await call(w, 'tinh-a', w.tokens.stpAdmin, { url: '/api/admin/tenant' });
    expect(agencyAdmin.statusCode).toBe(403);
  });
});

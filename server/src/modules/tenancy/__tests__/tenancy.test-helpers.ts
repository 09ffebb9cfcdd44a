import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { insertAgency, insertOfficer, insertTenant } from '../../../../test/fixtures.js';
import { buildTestApp, type DatabaseKind, type TestApp } from '../../../../test/helpers.js';
import type { Db } from '../../../db/connection.js';
import type { Role } from '../../../db/schema.js';
import { createSession } from '../../../platform/auth/sessions.js';
import { normalizeVi } from '../../../platform/search/normalize.js';

export const PASSWORD = 'matkhau-2025';

/**
 * Two provinces. In A: UBND → (STP → STP-TGPL), SXD; officers: a province admin, an agency admin of
 * STP, a handler in STP-TGPL and one in SXD. In B: one agency and its province admin.
 */
export interface World {
  t: TestApp;
  agencies: Record<'ubnd' | 'stp' | 'tgpl' | 'sxd' | 'b', string>;
  officers: Record<'provAdmin' | 'stpAdmin' | 'tgplHandler' | 'sxdHandler' | 'bAdmin', string>;
  tokens: Record<'provAdmin' | 'stpAdmin' | 'tgplHandler' | 'sxdHandler' | 'bAdmin', string>;
  communes: string[];
}

async function agency(db: Db, tenantId: string, code: string, name: string, parentId: string | null) {
  const id = await insertAgency(db, tenantId, code, name);
  await db
    .updateTable('agencies')
    .set({ parent_id: parentId, name_norm: normalizeVi(name) })
    .where('id', '=', id)
    .execute();
  return id;
}

export async function tokenFor(db: Db, tenantId: string, officerId: string): Promise<string> {
  const session = await createSession(db, {
    tenantId,
    subjectType: 'officer',
    subjectId: officerId,
    ttlHours: 1,
  });
  return session.token;
}

export async function buildWorld(kind: DatabaseKind): Promise<World> {
  const t = await buildTestApp(kind);
  const db = t.database.db;
  await insertTenant(db, 'tinh-a', { code: '80', hostNames: ['a.example.vn'] });
  await insertTenant(db, 'tinh-b', { code: '66', hostNames: ['b.example.vn'] });
  const communes: string[] = [];
  for (const [code, name] of [
    ['25459', 'Phường Tân Ninh'],
    ['27694', 'Phường Long An'],
    ['25681', 'Xã Bến Cầu'],
  ] as const) {
    const row = await db
      .insertInto('admin_units')
      .values({
        tenant_id: 'tinh-a',
        code,
        name,
        name_norm: normalizeVi(name),
        level: 'commune',
        kind: 'xa',
        parent_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    communes.push(row.id);
  }
  await db
    .insertInto('admin_units')
    .values({
      tenant_id: 'tinh-b',
      code: '24121',
      name: 'Phường Buôn Ma Thuột',
      name_norm: 'phuong buon ma thuot',
      level: 'commune',
      kind: 'phuong',
      parent_id: null,
    })
    .execute();

  const ubnd = await agency(db, 'tinh-a', 'UBND', 'Ủy ban nhân dân tỉnh A', null);
  const stp = await agency(db, 'tinh-a', 'STP', 'Sở Tư pháp', ubnd);
  const tgpl = await agency(db, 'tinh-a', 'STP-TGPL', 'Trung tâm Trợ giúp pháp lý nhà nước', stp);
  const sxd = await agency(db, 'tinh-a', 'SXD', 'Sở Xây dựng', ubnd);
  const b = await agency(db, 'tinh-b', 'STP', 'Sở Tư pháp tỉnh B', null);

  const officer = (tenantId: string, username: string, roles: { agencyId: string; role: Role }[]) =>
    insertOfficer(db, { tenantId, username, password: PASSWORD, roles });
  const officers = {
    provAdmin: await officer('tinh-a', 'admin.tinh', [{ agencyId: ubnd, role: 'province_admin' }]),
    stpAdmin: await officer('tinh-a', 'admin.stp', [{ agencyId: stp, role: 'agency_admin' }]),
    tgplHandler: await officer('tinh-a', 'le.lan', [{ agencyId: tgpl, role: 'handler' }]),
    sxdHandler: await officer('tinh-a', 'tran.hung', [{ agencyId: sxd, role: 'handler' }]),
    bAdmin: await officer('tinh-b', 'admin.tinh', [{ agencyId: b, role: 'province_admin' }]),
  };
  await db
    .updateTable('officers')
    .set({ full_name: 'Lê Thị Lan' })
    .where('id', '=', officers.tgplHandler)
    .execute();
  await db
    .updateTable('officers')
    .set({ full_name: 'Trần Văn Hùng' })
    .where('id', '=', officers.sxdHandler)
    .execute();
  const tokens = {
    provAdmin: await tokenFor(db, 'tinh-a', officers.provAdmin),
    stpAdmin: await tokenFor(db, 'tinh-a', officers.stpAdmin),
    tgplHandler: await tokenFor(db, 'tinh-a', officers.tgplHandler),
    sxdHandler: await tokenFor(db, 'tinh-a', officers.sxdHandler),
    bAdmin: await tokenFor(db, 'tinh-b', officers.bAdmin),
  };
  t.app.ctx.tenants.invalidate();
  return { t, agencies: { ubnd, stp, tgpl, sxd, b }, officers, tokens, communes };
}

/** A request as an officer (bearer token) of a tenant (X-Tenant-Id). */
export function call(
  w: World,
  tenant: 'tinh-a' | 'tinh-b',
  token: string | null,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  return w.t.app.inject({
    ...options,
    headers: {
      ...options.headers,
      'x-tenant-id': tenant,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
}

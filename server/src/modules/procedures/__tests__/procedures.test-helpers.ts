import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { insertAgency, insertOfficer, insertTenant } from '../../../../test/fixtures.js';
import { buildTestApp, type DatabaseKind, type TestApp } from '../../../../test/helpers.js';
import type { Db } from '../../../db/connection.js';
import { createSession } from '../../../platform/auth/sessions.js';
import { normalizeVi } from '../../../platform/search/normalize.js';

/**
 * Two provinces. In A: UBND → STP, SXD, and a commune committee; a province admin, an agency admin of
 * STP and a handler of SXD. In B: one agency and its province admin.
 */
export interface World {
  t: TestApp;
  agencies: Record<'ubnd' | 'stp' | 'sxd' | 'xa' | 'b', string>;
  tokens: Record<'provAdmin' | 'stpAdmin' | 'sxdHandler' | 'bAdmin', string>;
}

async function agency(db: Db, tenantId: string, code: string, name: string, parentId: string | null) {
  const id = await insertAgency(db, tenantId, code, name);
  await db
    .updateTable('agencies')
    .set({ parent_id: parentId, name_norm: normalizeVi(name), phone: '02763822123', address: 'Tây Ninh' })
    .where('id', '=', id)
    .execute();
  return id;
}

async function tokenFor(db: Db, tenantId: string, officerId: string): Promise<string> {
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
  await insertTenant(db, 'tinh-a', { code: '80' });
  await insertTenant(db, 'tinh-b', { code: '66' });
  const ubnd = await agency(db, 'tinh-a', 'UBND', 'Ủy ban nhân dân tỉnh A', null);
  const stp = await agency(db, 'tinh-a', 'STP', 'Sở Tư pháp', ubnd);
  const sxd = await agency(db, 'tinh-a', 'SXD', 'Sở Xây dựng', ubnd);
  const xa = await agency(db, 'tinh-a', 'UBND-XA', 'Ủy ban nhân dân xã Bến Cầu', ubnd);
  const b = await agency(db, 'tinh-b', 'STP', 'Sở Tư pháp tỉnh B', null);
  const officer = (
    tenantId: string,
    username: string,
    agencyId: string,
    role: 'province_admin' | 'agency_admin' | 'handler',
  ) => insertOfficer(db, { tenantId, username, password: 'matkhau-2025', roles: [{ agencyId, role }] });
  const ids = {
    provAdmin: await officer('tinh-a', 'admin.tinh', ubnd, 'province_admin'),
    stpAdmin: await officer('tinh-a', 'admin.stp', stp, 'agency_admin'),
    sxdHandler: await officer('tinh-a', 'tran.hung', sxd, 'handler'),
    bAdmin: await officer('tinh-b', 'admin.tinh', b, 'province_admin'),
  };
  const tokens = {
    provAdmin: await tokenFor(db, 'tinh-a', ids.provAdmin),
    stpAdmin: await tokenFor(db, 'tinh-a', ids.stpAdmin),
    sxdHandler: await tokenFor(db, 'tinh-a', ids.sxdHandler),
    bAdmin: await tokenFor(db, 'tinh-b', ids.bAdmin),
  };
  t.app.ctx.tenants.invalidate();
  return { t, agencies: { ubnd, stp, sxd, xa, b }, tokens };
}

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

const FORM = {
  fields: [
    { name: 'ho_ten', type: 'text', label: 'Họ và tên', required: true },
    { name: 'so_cccd', type: 'id_number', label: 'Số CCCD', required: true },
  ],
};

/** A small catalog: land, civil status and construction procedures of province A. */
export const CATALOG = [
  {
    code: '1.012755',
    name: 'Đăng ký đất đai lần đầu',
    field: 'Đất đai',
    agencyCode: 'UBND-XA',
    level: 'partial',
    processingDays: 20,
    fees: [{ label: 'Lệ phí', amount: 100000 }],
    documents: [{ name: 'Đơn đăng ký', copies: 1, original: true, required: true }],
    result: 'Giấy chứng nhận',
    legalBasis: 'Luật Đất đai năm 2024',
    form: FORM,
  },
  {
    code: '1.012786',
    name: 'Hòa giải tranh chấp đất đai',
    field: 'Đất đai',
    agencyCode: 'UBND-XA',
    level: 'partial',
    processingDays: 30,
  },
  {
    // Normalizes to the same words as "đất đai": ranked after the exact-accent matches.
    code: 'X.000001',
    name: 'Cấp phép đặt đài tưởng niệm',
    field: 'Văn hóa',
    agencyCode: 'SXD',
    level: 'full',
    processingDays: 15,
    fees: 'Lệ phí:50000;Phí thẩm định:25.000',
  },
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    agencyCode: 'STP',
    level: 'full',
    processingDays: 1,
    documents: 'Tờ khai (1 bản chính);Giấy chứng sinh (1 bản chính)',
    form: FORM,
  },
];

import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { insertAgency, insertOfficer, insertTenant } from '../../../../test/fixtures.js';
import { buildTestApp, type DatabaseKind, type TestApp } from '../../../../test/helpers.js';
import type { Db } from '../../../db/connection.js';
import type { Role } from '../../../db/schema.js';
import { createSession } from '../../../platform/auth/sessions.js';

/**
 * Province A: a People's Committee (UBND) with two departments below it, X (STP) and Y (SXD).
 * Officers: clerk, handler and supervisor of X, a clerk of Y, a supervisor of UBND (sees both), and
 * a province admin. The procedure belongs to X and takes 3 working days.
 */
export const A = 'tinh-hs';
type Who = { id: string; token: string };
export interface World {
  t: TestApp;
  db: Db;
  agencies: { root: string; x: string; y: string };
  officers: Record<'clerkX' | 'handlerX' | 'supervisorX' | 'clerkY' | 'rootSupervisor' | 'admin', Who>;
  procedureId: string;
  procedureY: string;
  communeId: string;
}

export const FORM = {
  fields: [
    { name: 'ho_ten', type: 'text', label: 'Họ và tên', required: true, maxLength: 100 },
    { name: 'so_dien_thoai', type: 'phone', label: 'Số điện thoại', required: true },
    { name: 'so_luong', type: 'number', label: 'Số bản', min: 1, max: 10, integer: true },
    { name: 'dia_chi', type: 'address', label: 'Địa chỉ' },
    { name: 'giay_to', type: 'attachment', label: 'Giấy tờ', maxFiles: 3 },
  ],
};

async function session(db: Db, subjectType: 'officer' | 'citizen', subjectId: string) {
  return (await createSession(db, { tenantId: A, subjectType, subjectId, ttlHours: 1 })).token;
}

async function insertProcedure(db: Db, agencyId: string, code: string) {
  const row = await db
    .insertInto('procedures')
    .values({
      tenant_id: A,
      code,
      name: `Cấp bản sao trích lục ${code}`,
      name_norm: `cap ban sao trich luc ${code}`,
      field: 'Hộ tịch',
      field_norm: 'ho tich',
      agency_id: agencyId,
      level: 'full',
      processing_days: 3,
      fees: JSON.stringify([{ label: 'Lệ phí', amount: 8000 }]),
      documents: JSON.stringify([{ name: 'Tờ khai', copies: 1, original: true, required: true }]),
      form: JSON.stringify(FORM),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function buildWorld(kind: DatabaseKind): Promise<World> {
  const t = await buildTestApp(kind, { env: { RATE_LIMIT_MAX: '100000' } });
  const db = t.database.db;
  await insertTenant(db, A);
  const root = await insertAgency(db, A, 'UBND', 'UBND tỉnh');
  const x = await insertAgency(db, A, 'STP', 'Sở Tư pháp');
  const y = await insertAgency(db, A, 'SXD', 'Sở Xây dựng');
  await db.updateTable('agencies').set({ parent_id: root }).where('id', 'in', [x, y]).execute();
  const commune = await db
    .insertInto('admin_units')
    .values({
      tenant_id: A,
      code: '25000',
      name: 'Phường Tân Ninh',
      name_norm: 'phuong tan ninh',
      level: 'commune',
      kind: 'ward',
      parent_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const officer = async (username: string, role: Role, agencyId: string): Promise<Who> => {
    const id = await insertOfficer(db, {
      tenantId: A,
      username,
      password: 'matkhau-2025',
      roles: [{ agencyId, role }],
    });
    return { id, token: await session(db, 'officer', id) };
  };
  const officers = {
    clerkX: await officer('motcua.x', 'clerk', x),
    handlerX: await officer('chuyenvien.x', 'handler', x),
    supervisorX: await officer('lanhdao.x', 'supervisor', x),
    clerkY: await officer('motcua.y', 'clerk', y),
    rootSupervisor: await officer('lanhdao.tinh', 'supervisor', root),
    admin: await officer('admin.tinh', 'province_admin', root),
  };
  t.app.ctx.tenants.invalidate();
  return {
    t,
    db,
    agencies: { root, x, y },
    officers,
    procedureId: await insertProcedure(db, x, '1.000001'),
    procedureY: await insertProcedure(db, y, '1.000002'),
    communeId: commune.id,
  };
}

let seq = 0;
export async function newCitizen(w: World) {
  seq += 1;
  const phone = `09${String(seq * 7919 + process.pid)
    .padStart(8, '0')
    .slice(-8)}`;
  const row = await w.db
    .insertInto('citizens')
    .values({ tenant_id: A, zalo_id: `z-hs-${seq}-${randomUUID()}`, display_name: `Công dân ${seq}`, phone })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, phone, token: await session(w.db, 'citizen', row.id) };
}

/** A file row owned by someone, with bytes in storage (a one-page PDF). */
export async function insertFile(w: World, owner: { type: 'citizen' | 'officer'; id: string }) {
  const id = randomUUID();
  const key = `${A}/2026/03/${id}.pdf`;
  const bytes = Buffer.from('%PDF-1.4\n%%EOF\n');
  await w.t.app.ctx.fileStorage.put(key, bytes);
  await w.db
    .insertInto('files')
    .values({
      id,
      tenant_id: A,
      kind: 'document',
      owner_type: owner.type,
      owner_id: owner.id,
      original_name: 'Tờ khai.pdf',
      content_type: 'application/pdf',
      size_bytes: bytes.length,
      sha256: 'x'.repeat(64),
      storage_key: key,
      width: null,
      height: null,
      gps_lat: null,
      gps_lng: null,
    })
    .execute();
  return id;
}

export function call(
  w: World,
  token: string | null,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  return w.t.app.inject({
    ...options,
    headers: { ...options.headers, 'x-tenant-id': A, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

export function validData(w: World, extra: Record<string, unknown> = {}) {
  return {
    ho_ten: 'Nguyễn Văn An',
    so_dien_thoai: '0912345678',
    so_luong: 2,
    dia_chi: { communeId: w.communeId, street: '12 Lê Lợi' },
    ...extra,
  };
}

export async function submit(
  w: World,
  token: string,
  data: Record<string, unknown>,
  key = randomUUID(),
  procedureId = w.procedureId,
) {
  return call(w, token, {
    method: 'POST',
    url: '/api/me/dossiers',
    headers: { 'idempotency-key': key },
    payload: { procedureId, data },
  });
}

export async function act(w: World, token: string, id: string, body: Record<string, unknown>) {
  return call(w, token, { method: 'POST', url: `/api/admin/dossiers/${id}/actions`, payload: body });
}

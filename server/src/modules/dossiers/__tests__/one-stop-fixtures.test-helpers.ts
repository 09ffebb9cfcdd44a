import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { insertAgency, insertOfficer, insertTenant } from '../../../../test/fixtures.js';
import { buildTestApp, type DatabaseKind, type TestApp } from '../../../../test/helpers.js';
import type { Db } from '../../../db/connection.js';
import type { DossierStatus } from '../../../db/schema.js';
import { createSession } from '../../../platform/auth/sessions.js';

/**
 * A province (A) with one agency, one procedure (national code 1.001193) and a province admin,
 * and a second province (B) to prove nothing crosses tenants. Used by the lookup and one-stop tests.
 */
export const A = 'tinh-a';
export const B = 'tinh-b';
export const PROCEDURE_CODE = '1.001193';

export interface World {
  t: TestApp;
  db: Db;
  agencyId: string;
  procedureId: string;
  admin: { id: string; token: string };
  handlerToken: string;
}

export async function buildWorld(kind: DatabaseKind): Promise<World> {
  // The global per-client limit is not under test; the lookup's own limit still applies.
  const t = await buildTestApp(kind, { env: { RATE_LIMIT_MAX: '100000' } });
  const db = t.database.db;
  await insertTenant(db, A);
  await insertTenant(db, B);
  const agencyId = await insertAgency(db, A, 'H55.01', 'Ủy ban nhân dân phường Tân Ninh');
  const agencyB = await insertAgency(db, B, 'UBND');
  const procedure = await db
    .insertInto('procedures')
    .values({
      tenant_id: A,
      code: PROCEDURE_CODE,
      name: 'Đăng ký khai sinh',
      name_norm: 'dang ky khai sinh',
      field: 'Hộ tịch',
      field_norm: 'ho tich',
      agency_id: agencyId,
      level: 'full',
      processing_days: 3,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const adminId = await insertOfficer(db, {
    tenantId: A,
    username: 'admin.tinh',
    password: 'matkhau-2025',
    roles: [{ agencyId, role: 'province_admin' }],
  });
  const handlerId = await insertOfficer(db, {
    tenantId: A,
    username: 'chuyenvien',
    password: 'matkhau-2025',
    roles: [{ agencyId, role: 'handler' }],
  });
  await insertOfficer(db, {
    tenantId: B,
    username: 'admin.b',
    password: 'matkhau-2025',
    roles: [{ agencyId: agencyB, role: 'province_admin' }],
  });
  const token = async (id: string, subjectType: 'officer' | 'citizen' = 'officer', tenantId = A) =>
    (await createSession(db, { tenantId, subjectType, subjectId: id, ttlHours: 1 })).token;
  t.app.ctx.tenants.invalidate();
  return {
    t,
    db,
    agencyId,
    procedureId: procedure.id,
    admin: { id: adminId, token: await token(adminId) },
    handlerToken: await token(handlerId),
  };
}

export async function citizenToken(w: World, citizenId: string): Promise<string> {
  return (
    await createSession(w.db, { tenantId: A, subjectType: 'citizen', subjectId: citizenId, ttlHours: 1 })
  ).token;
}

let seq = 0;

/** A dossier row as the core would leave it, with public and internal timeline entries. */
export async function insertDossier(
  w: World,
  o: { code?: string; phone?: string | null; status?: DossierStatus; secret?: string } = {},
) {
  seq += 1;
  const code = o.code ?? `H55.01-260105-${String(seq).padStart(4, '0')}`;
  const secret = o.secret ?? `secret-${seq}-abcdefghijklmnop`;
  const row = await w.db
    .insertInto('dossiers')
    .values({
      tenant_id: A,
      code,
      procedure_id: w.procedureId,
      agency_id: w.agencyId,
      citizen_id: null,
      channel: 'counter',
      status: o.status ?? 'received',
      applicant_name: 'Nguyễn Thị Ngọc Ánh',
      applicant_phone: o.phone === undefined ? '0912345678' : o.phone,
      applicant_id_number: '072188001234',
      applicant_address: 'Số 12, khu phố Hiệp Nghĩa',
      search_norm: code.toLowerCase(),
      lookup_secret: secret,
      submitted_at: new Date('2026-01-05T02:00:00Z'),
      received_at: new Date('2026-01-05T02:30:00Z'),
      due_at: new Date('2026-01-08T10:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const event = (at: string, action: string, to: DossierStatus | null, note: string | null, pub = true) => ({
    tenant_id: A,
    dossier_id: row.id,
    at: new Date(at),
    action,
    from_status: null,
    to_status: to,
    actor_type: 'officer' as const,
    actor_id: null,
    note,
    public: pub,
  });
  await w.db
    .insertInto('dossier_events')
    .values([
      event('2026-01-05T02:00:00Z', 'submit', 'submitted', null),
      event('2026-01-05T02:30:00Z', 'receive', 'received', 'Đã nhận đủ giấy tờ'),
      event('2026-01-05T03:00:00Z', 'note', null, 'Ghi chú nội bộ: gọi lại cho chị Ánh', false),
    ])
    .execute();
  return { id: row.id, code, secret };
}

export function call(
  w: World,
  options: InjectOptions & { token?: string | null; tenant?: string },
): Promise<LightMyRequestResponse> {
  const { token, tenant, ...rest } = options;
  return w.t.app.inject({
    ...rest,
    headers: {
      ...rest.headers,
      'x-tenant-id': tenant ?? A,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
}

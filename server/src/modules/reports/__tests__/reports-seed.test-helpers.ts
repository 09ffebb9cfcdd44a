import { insertAgency, insertOfficer, insertTenant } from '../../../../test/fixtures.js';
import type { Db } from '../../../db/connection.js';
import type { Role } from '../../../db/schema.js';
import { createSession } from '../../../platform/auth/sessions.js';

/**
 * A province for the reports tests (shared by every engineer's tests: keep the exported names stable).
 *
 * Agencies: the province committee (root) with, below it, the coordination centre (IOC, the triage
 * agency), the Department of Health (SYT) and three commune committees (UBND-A, UBND-B, UBND-C).
 * Communes: A and B with a square boundary around their centre, C with a centre only.
 * Categories: `cay-xanh` (3 working days, proof photo required, 100 m duplicate radius),
 * `an-toan-thuc-pham` (5 working days, 200 m, extra field `ten_co_so` required), `khac` (10 days).
 * Rules: cay-xanh + A → UBND-A; cay-xanh + B → UBND-B; an-toan-thuc-pham (any commune) → SYT;
 * commune C (any category) → UBND-C. Anything else (e.g. `khac` in A) → the IOC's triage queue.
 */
export const T = 'tinh-pa';
export const PASSWORD = 'matkhau-2025';

export type Who = { id: string; token: string };
export type OfficerKey =
  'admin' | 'triage' | 'handlerA' | 'supervisorA' | 'handlerB' | 'handlerC' | 'handlerSyt' | 'rootSupervisor';

export interface ReportsSeed {
  agencies: { root: string; ioc: string; syt: string; ubndA: string; ubndB: string; ubndC: string };
  communes: { a: string; b: string; c: string };
  categories: { tree: string; food: string; other: string };
  officers: Record<OfficerKey, Who>;
}

/** Points (WGS84) used by the tests: inside A's and B's squares, near C's centre, far outside. */
export const POINTS = {
  a: { lat: 11.3105, lng: 106.0985 },
  /** ~40 m from `a`: within the tree category's 100 m radius. */
  aNear: { lat: 11.3108, lng: 106.0988 },
  /** ~550 m from `a`: still in commune A, outside the 100 m radius. */
  aFar: { lat: 11.3155, lng: 106.0985 },
  b: { lat: 11.1301, lng: 106.1702 },
  c: { lat: 10.8852, lng: 106.4201 },
  /** Hà Nội: far from every commune of the province. */
  outside: { lat: 21.0285, lng: 105.8542 },
} as const;

export const CENTRES = {
  a: { lat: 11.31, lng: 106.1 },
  b: { lat: 11.13, lng: 106.17 },
  c: { lat: 10.885, lng: 106.42 },
} as const;

export const FOOD_FORM = {
  fields: [{ name: 'ten_co_so', type: 'text', label: 'Tên cơ sở', required: true, maxLength: 200 }],
};

/** A closed square ring of ±`half` degrees around a centre, as a GeoJSON Polygon. */
export function squareAround(centre: { lat: number; lng: number }, half = 0.03) {
  const { lat, lng } = centre;
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lng - half, lat - half],
        [lng + half, lat - half],
        [lng + half, lat + half],
        [lng - half, lat + half],
        [lng - half, lat - half],
      ],
    ],
  };
}

async function commune(db: Db, tenantId: string, code: string, name: string) {
  const row = await db
    .insertInto('admin_units')
    .values({
      tenant_id: tenantId,
      code,
      name,
      name_norm: name.toLowerCase(),
      level: 'commune',
      kind: 'xa',
      parent_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function geo(
  db: Db,
  tenantId: string,
  adminUnitId: string,
  centre: { lat: number; lng: number },
  boundary: ReturnType<typeof squareAround> | null,
) {
  const ring = boundary?.coordinates[0];
  await db
    .insertInto('admin_unit_geo')
    .values({
      admin_unit_id: adminUnitId,
      tenant_id: tenantId,
      centre_lat: centre.lat,
      centre_lng: centre.lng,
      boundary: boundary ? JSON.stringify(boundary) : null,
      min_lat: ring ? Math.min(...ring.map((p) => p[1]!)) : null,
      max_lat: ring ? Math.max(...ring.map((p) => p[1]!)) : null,
      min_lng: ring ? Math.min(...ring.map((p) => p[0]!)) : null,
      max_lng: ring ? Math.max(...ring.map((p) => p[0]!)) : null,
    })
    .execute();
}

async function category(
  db: Db,
  tenantId: string,
  values: {
    code: string;
    name: string;
    slaValue: number;
    slaUnit: 'hours' | 'days';
    radius: number;
    proof?: boolean;
    form?: unknown;
    sortOrder: number;
  },
) {
  const row = await db
    .insertInto('report_categories')
    .values({
      tenant_id: tenantId,
      code: values.code,
      name: values.name,
      name_norm: values.name.toLowerCase(),
      sla_value: values.slaValue,
      sla_unit: values.slaUnit,
      duplicate_radius_m: values.radius,
      proof_photo_required: values.proof ?? false,
      form: JSON.stringify(values.form ?? { fields: [] }),
      sort_order: values.sortOrder,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function sessionToken(
  db: Db,
  tenantId: string,
  subjectType: 'officer' | 'citizen',
  subjectId: string,
) {
  return (await createSession(db, { tenantId, subjectType, subjectId, ttlHours: 2 })).token;
}

/** Seeds the province described above into an existing tenant-less database. */
export async function seedReportsTenant(db: Db, tenantId = T): Promise<ReportsSeed> {
  await insertTenant(db, tenantId);
  const root = await insertAgency(db, tenantId, 'UBND-TINH', 'UBND tỉnh');
  const ioc = await insertAgency(db, tenantId, 'IOC', 'Trung tâm Giám sát, điều hành đô thị thông minh');
  const syt = await insertAgency(db, tenantId, 'SYT', 'Sở Y tế');
  const ubndA = await insertAgency(db, tenantId, 'UBND-A', 'UBND phường Tân Ninh');
  const ubndB = await insertAgency(db, tenantId, 'UBND-B', 'UBND xã Bến Cầu');
  const ubndC = await insertAgency(db, tenantId, 'UBND-C', 'UBND xã Đức Hòa');
  await db
    .updateTable('agencies')
    .set({ parent_id: root })
    .where('id', 'in', [ioc, syt, ubndA, ubndB, ubndC])
    .execute();
  await db.updateTable('agencies').set({ kind: 'coordination_center' }).where('id', '=', ioc).execute();

  const communes = {
    a: await commune(db, tenantId, '25459', 'Phường Tân Ninh'),
    b: await commune(db, tenantId, '25681', 'Xã Bến Cầu'),
    c: await commune(db, tenantId, '27937', 'Xã Đức Hòa'),
  };
  await geo(db, tenantId, communes.a, CENTRES.a, squareAround(CENTRES.a));
  await geo(db, tenantId, communes.b, CENTRES.b, squareAround(CENTRES.b));
  await geo(db, tenantId, communes.c, CENTRES.c, null);

  const categories = {
    tree: await category(db, tenantId, {
      code: 'cay-xanh',
      name: 'Cây xanh',
      slaValue: 3,
      slaUnit: 'days',
      radius: 100,
      proof: true,
      sortOrder: 1,
    }),
    food: await category(db, tenantId, {
      code: 'an-toan-thuc-pham',
      name: 'An toàn thực phẩm',
      slaValue: 5,
      slaUnit: 'days',
      radius: 200,
      form: FOOD_FORM,
      sortOrder: 2,
    }),
    other: await category(db, tenantId, {
      code: 'khac',
      name: 'Khác',
      slaValue: 10,
      slaUnit: 'days',
      radius: 50,
      sortOrder: 3,
    }),
  };
  const rule = (categoryId: string | null, communeId: string | null, agencyId: string) =>
    db
      .insertInto('report_routing_rules')
      .values({ tenant_id: tenantId, category_id: categoryId, commune_id: communeId, agency_id: agencyId })
      .execute();
  await rule(categories.tree, communes.a, ubndA);
  await rule(categories.tree, communes.b, ubndB);
  await rule(categories.food, null, syt);
  await rule(null, communes.c, ubndC);
  await db
    .insertInto('report_settings')
    .values({ tenant_id: tenantId, triage_agency_id: ioc, auto_close_days: 7, reopen_days: 7 })
    .execute();

  const officer = async (username: string, role: Role, agencyId: string): Promise<Who> => {
    const id = await insertOfficer(db, {
      tenantId,
      username,
      password: PASSWORD,
      roles: [{ agencyId, role }],
    });
    return { id, token: await sessionToken(db, tenantId, 'officer', id) };
  };
  const officers: Record<OfficerKey, Who> = {
    admin: await officer('admin.pa', 'province_admin', root),
    triage: await officer('dieuphoi.pa', 'handler', ioc),
    handlerA: await officer('xuly.a', 'handler', ubndA),
    supervisorA: await officer('lanhdao.a', 'supervisor', ubndA),
    handlerB: await officer('xuly.b', 'handler', ubndB),
    handlerC: await officer('xuly.c', 'handler', ubndC),
    handlerSyt: await officer('xuly.syt', 'handler', syt),
    rootSupervisor: await officer('lanhdao.tinh', 'supervisor', root),
  };
  return { agencies: { root, ioc, syt, ubndA, ubndB, ubndC }, communes, categories, officers };
}

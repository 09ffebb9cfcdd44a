import type { Db } from '../../db/connection.js';
import type { Role } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { normalizeVi } from '../../platform/search/normalize.js';
import { insertDefaultCategories } from './categories.repository.js';
import { boundingBox } from './geo.js';
import { DEMO_BOUNDARY_RADII_KM, DEMO_COMMUNE_CENTRES, octagonAround } from './seed-demo-geo.js';

/**
 * The demo province's field-report setup (called from db/seed/demo.ts): the default categories, the
 * coordination centre as triage agency, routing rules and commune geography. Runs
 * when the province has no report categories yet, so it also completes a demo database created
 * before reports existed, and never touches a province an administrator has configured.
 * The demo reports (they need the file storage for their photos) and the three report officers are
 * added on start-up: see seed-demo-reports.ts.
 */
export const IOC_CODE = 'IOC';
export const IOC_NAME = 'Trung tâm Giám sát, điều hành đô thị thông minh tỉnh Tây Ninh';

export interface DemoReportAccount {
  username: string;
  fullName: string;
  role: Role;
  agencyCode: string;
}

export const DEMO_REPORT_ACCOUNTS: DemoReportAccount[] = [
  { username: 'dieuphoi', fullName: 'Huỳnh Thị Thu', role: 'handler', agencyCode: IOC_CODE },
  { username: 'xuly.xa', fullName: 'Trương Văn Phúc', role: 'handler', agencyCode: 'UBND-TANNINH' },
  { username: 'lanhdao.xa', fullName: 'Ngô Thanh Bình', role: 'supervisor', agencyCode: 'UBND-TANNINH' },
];

/** The commune committees of the demo data, by the commune they serve. */
const COMMUNE_AGENCIES: Record<string, string> = {
  '25459': 'UBND-TANNINH',
  '27694': 'UBND-LONGAN',
  '27937': 'UBND-DUCHOA',
  '25681': 'UBND-BENCAU',
};
/** Physical problems a commune's own teams fix. */
const COMMUNE_CATEGORIES = ['dien-chieu-sang', 'cay-xanh', 'cap-thoat-nuoc', 'trat-tu-do-thi'];
/** Province-wide fields and the department in charge; `khac` and `giao-duc` go to triage. */
const DEPARTMENT_CATEGORIES: Record<string, string> = {
  'an-toan-thuc-pham': 'SYT',
  'y-te': 'SYT',
  'dat-dai-xay-dung': 'SXD',
  'moi-truong': 'SNNMT',
  'an-ninh-trat-tu': 'CA-TINH',
  'an-toan-giao-thong': 'CA-TINH',
};

export async function seedDemoReportSetup(db: Db, tenantId: string): Promise<{ created: boolean }> {
  const tenant = await db.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst();
  if (!tenant || (await hasCategories(db, tenantId))) return { created: false };
  return withTx(db, async (tx) => {
    // Another instance seeding at the same moment (PostgreSQL): the second waits, then sees the first.
    await tx.selectFrom('tenants').select('id').where('id', '=', tenantId).forUpdate().execute();
    if (await hasCategories(tx, tenantId)) return { created: false };
    const categoryId = await insertDefaultCategories(tx, tenantId);

    const agencies = await tx
      .selectFrom('agencies')
      .select(['id', 'code', 'parent_id', 'admin_unit_id'])
      .where('tenant_id', '=', tenantId)
      .execute();
    const agencyId = new Map(agencies.map((a) => [a.code, a.id]));
    const root = agencies.find((a) => a.parent_id === null);
    let ioc = agencyId.get(IOC_CODE);
    if (!ioc) {
      ioc = (
        await tx
          .insertInto('agencies')
          .values({
            tenant_id: tenantId,
            code: IOC_CODE,
            name: IOC_NAME,
            name_norm: normalizeVi(IOC_NAME),
            kind: 'coordination_center',
            parent_id: root?.id ?? null,
            admin_unit_id: root?.admin_unit_id ?? null,
            phone: '1022',
            address: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      agencyId.set(IOC_CODE, ioc);
    }
    await tx
      .insertInto('report_settings')
      .values({ tenant_id: tenantId, triage_agency_id: ioc })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ triage_agency_id: ioc }))
      .execute();

    const communes = await tx
      .selectFrom('admin_units')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenantId)
      .where('level', '=', 'commune')
      .execute();
    const communeId = new Map(communes.map((c) => [c.code, c.id]));
    for (const [code, centre] of Object.entries(DEMO_COMMUNE_CENTRES)) {
      const id = communeId.get(code);
      if (!id) continue;
      const radius = DEMO_BOUNDARY_RADII_KM[code];
      const boundary = radius ? octagonAround(centre, radius) : null;
      const box = boundary ? boundingBox(boundary) : null;
      await tx
        .insertInto('admin_unit_geo')
        .values({
          admin_unit_id: id,
          tenant_id: tenantId,
          centre_lat: centre.lat,
          centre_lng: centre.lng,
          boundary: boundary ? JSON.stringify(boundary) : null,
          min_lat: box?.minLat ?? null,
          max_lat: box?.maxLat ?? null,
          min_lng: box?.minLng ?? null,
          max_lng: box?.maxLng ?? null,
        })
        .onConflict((oc) => oc.column('admin_unit_id').doNothing())
        .execute();
    }

    const rules: { category_id: string; commune_id: string | null; agency_id: string }[] = [];
    for (const [communeCode, agencyCode] of Object.entries(COMMUNE_AGENCIES)) {
      const commune = communeId.get(communeCode);
      const agency = agencyId.get(agencyCode);
      if (!commune || !agency) continue;
      for (const category of COMMUNE_CATEGORIES) {
        rules.push({ category_id: categoryId.get(category)!, commune_id: commune, agency_id: agency });
      }
    }
    for (const [category, agencyCode] of Object.entries(DEPARTMENT_CATEGORIES)) {
      const agency = agencyId.get(agencyCode);
      if (agency) rules.push({ category_id: categoryId.get(category)!, commune_id: null, agency_id: agency });
    }
    if (rules.length) {
      await tx
        .insertInto('report_routing_rules')
        .values(rules.map((r) => ({ ...r, tenant_id: tenantId })))
        .execute();
    }

    return { created: true };
  });
}

async function hasCategories(db: Db, tenantId: string) {
  const row = await db
    .selectFrom('report_categories')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The demo officers of the report screens (password DEMO_PASSWORD), each created when missing. Kept
 * out of the province seed so that it still holds exactly one officer per role.
 */
export async function seedDemoReportOfficers(db: Db, tenantId: string, password: string): Promise<number> {
  const existing = await db
    .selectFrom('officers')
    .select('username')
    .where('tenant_id', '=', tenantId)
    .where(
      'username',
      'in',
      DEMO_REPORT_ACCOUNTS.map((a) => a.username),
    )
    .execute();
  if (existing.length === DEMO_REPORT_ACCOUNTS.length) return 0;
  // Hash before the transaction: PGlite has one connection, and argon2 takes a while.
  const passwordHash = await hashPassword(password);
  return withTx(db, async (tx) => {
    const agencies = await tx
      .selectFrom('agencies')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenantId)
      .execute();
    const agencyId = new Map(agencies.map((a) => [a.code, a.id]));
    let created = 0;
    for (const account of DEMO_REPORT_ACCOUNTS) {
      const agency = agencyId.get(account.agencyCode);
      if (!agency) continue;
      const officer = await tx
        .insertInto('officers')
        .values({
          tenant_id: tenantId,
          username: account.username,
          full_name: account.fullName,
          email: null,
          phone: null,
          password_hash: passwordHash,
          totp_secret: null,
          locked_until: null,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!officer) continue;
      created += 1;
      await tx
        .insertInto('officer_roles')
        .values({ tenant_id: tenantId, officer_id: officer.id, agency_id: agency, role: account.role })
        .execute();
    }
    return created;
  });
}

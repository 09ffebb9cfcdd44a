import type { Role } from '../schema.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { normalizeVi } from '../../platform/search/normalize.js';
import { UTILITY_KEYS } from '../../modules/tenancy/utilities.js';
import type { Db } from '../connection.js';
import { withTx } from '../transaction-guard.js';
import { seedDemoReportSetup } from '../../modules/reports/seed-demo.js';
import { seedDemoProcedures } from './procedures-demo.js';

/**
 * Demo data for `npm start` in development (DEMO_DATA, refused in production): the province of Tây
 * Ninh as it is since 1 July 2025, when Tây Ninh and Long An merged into the new Tây Ninh (Resolution
 * 202/2025/QH15) with 96 commune-level units, 14 wards and 82 communes (Resolution 1656/NQ-UBTVQH15).
 * Codes are the official ones of Decision 19/2025/QĐ-TTg: province 80; a new ward or commune keeps
 * the code of one of the units merged into it (Phường Tân Ninh 25459 …), as listed in the public
 * dataset thanglequoc/vietnamese-provinces-database (manual_decree_seeds/wards/80_TayNinh.sql).
 * The agencies are real bodies of a province after the 2025 reorganisation; the officers are fictional.
 * Seeded once: nothing happens when the tenant already exists.
 */
export const DEMO_TENANT_ID = 'tay-ninh';
export const DEMO_PASSWORD = 'DemoTayNinh2026';

const COMMUNES: [code: string, name: string][] = [
  ['25459', 'Phường Tân Ninh'],
  ['25480', 'Phường Bình Minh'],
  ['25567', 'Phường Ninh Thạnh'],
  ['25630', 'Phường Long Hoa'],
  ['25645', 'Phường Hòa Thành'],
  ['25654', 'Phường Gò Dầu'],
  ['25708', 'Phường Trảng Bàng'],
  ['27694', 'Phường Long An'],
  ['27712', 'Phường Tân An'],
  ['27715', 'Phường Khánh Hậu'],
  ['27787', 'Phường Kiến Tường'],
  ['25486', 'Xã Tân Biên'],
  ['25516', 'Xã Tân Châu'],
  ['25552', 'Xã Dương Minh Châu'],
  ['25585', 'Xã Châu Thành'],
  ['25681', 'Xã Bến Cầu'],
  ['27937', 'Xã Đức Hòa'],
  ['27991', 'Xã Bến Lức'],
  ['28108', 'Xã Cần Đước'],
  ['28159', 'Xã Cần Giuộc'],
];

interface DemoAgency {
  code: string;
  name: string;
  kind: string;
  parent?: string;
  /** Codes of the communes it serves; none for province-wide agencies. */
  communes?: string[];
  address?: string;
}

const AGENCIES: DemoAgency[] = [
  {
    code: 'UBND-TINH',
    name: 'Ủy ban nhân dân tỉnh Tây Ninh',
    kind: 'province_committee',
    address: 'Phường Long An, tỉnh Tây Ninh',
  },
  { code: 'STP', name: 'Sở Tư pháp', kind: 'department', parent: 'UBND-TINH' },
  { code: 'STP-TGPL', name: 'Trung tâm Trợ giúp pháp lý nhà nước', kind: 'unit', parent: 'STP' },
  { code: 'SXD', name: 'Sở Xây dựng', kind: 'department', parent: 'UBND-TINH' },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', kind: 'department', parent: 'UBND-TINH' },
  { code: 'SYT', name: 'Sở Y tế', kind: 'department', parent: 'UBND-TINH' },
  { code: 'CA-TINH', name: 'Công an tỉnh Tây Ninh', kind: 'police', parent: 'UBND-TINH' },
  {
    code: 'TTPVHCC',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Tây Ninh',
    kind: 'service_center',
    parent: 'UBND-TINH',
  },
  {
    code: 'UBND-TANNINH',
    name: 'Ủy ban nhân dân phường Tân Ninh',
    kind: 'commune_committee',
    parent: 'UBND-TINH',
    communes: ['25459'],
  },
  {
    code: 'UBND-LONGAN',
    name: 'Ủy ban nhân dân phường Long An',
    kind: 'commune_committee',
    parent: 'UBND-TINH',
    communes: ['27694'],
  },
  {
    code: 'UBND-DUCHOA',
    name: 'Ủy ban nhân dân xã Đức Hòa',
    kind: 'commune_committee',
    parent: 'UBND-TINH',
    communes: ['27937'],
  },
  {
    code: 'UBND-BENCAU',
    name: 'Ủy ban nhân dân xã Bến Cầu',
    kind: 'commune_committee',
    parent: 'UBND-TINH',
    communes: ['25681'],
  },
];

export interface DemoAccount {
  username: string;
  fullName: string;
  role: Role;
  agencyCode: string;
}

/** One officer per role, all with DEMO_PASSWORD (printed by main.ts at start). */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin.tinh', fullName: 'Trần Minh Quân', role: 'province_admin', agencyCode: 'UBND-TINH' },
  { username: 'admin.so', fullName: 'Lê Thị Hồng', role: 'agency_admin', agencyCode: 'STP' },
  { username: 'lanhdao', fullName: 'Phạm Văn Hùng', role: 'supervisor', agencyCode: 'STP' },
  { username: 'chuyenvien', fullName: 'Nguyễn Thị Lan', role: 'handler', agencyCode: 'STP' },
  { username: 'motcua', fullName: 'Võ Thanh Tâm', role: 'clerk', agencyCode: 'TTPVHCC' },
  { username: 'bientap', fullName: 'Đặng Ngọc Mai', role: 'editor', agencyCode: 'UBND-TINH' },
];

export interface SeedDemoOptions {
  zaloAppId?: string | undefined;
  zaloOaId?: string | undefined;
}

/**
 * Creates the demo province unless it exists; returns whether it did. Its procedure catalog is added
 * whenever the province has none (also to a demo database created before the catalog existed).
 */
export async function seedDemo(db: Db, options: SeedDemoOptions = {}): Promise<{ created: boolean }> {
  const result = await seedDemoProvince(db, options);
  await seedDemoProcedures(db, DEMO_TENANT_ID);
  await seedDemoReportSetup(db, DEMO_TENANT_ID);
  return result;
}

async function seedDemoProvince(db: Db, options: SeedDemoOptions): Promise<{ created: boolean }> {
  const existing = await db
    .selectFrom('tenants')
    .select('id')
    .where('id', '=', DEMO_TENANT_ID)
    .executeTakeFirst();
  if (existing) return { created: false };
  // Hash before the transaction: PGlite has one connection, and argon2 takes a while.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const tenantId = DEMO_TENANT_ID;

  return withTx(db, async (tx) => {
    const inserted = await tx
      .insertInto('tenants')
      .values({
        id: tenantId,
        code: '80',
        name: 'Tỉnh Tây Ninh',
        short_name: 'Tây Ninh',
        host_names: ['localhost', '127.0.0.1'],
        utilities: JSON.stringify(UTILITY_KEYS),
        branding: JSON.stringify({ primaryColor: '#0b5394', appName: 'Tây Ninh Smart' }),
        hotlines: JSON.stringify([
          { label: 'Công an', phone: '113' },
          { label: 'Cứu hỏa, cứu nạn cứu hộ', phone: '114' },
          { label: 'Cấp cứu y tế', phone: '115' },
          { label: 'Tổng đài dịch vụ công', phone: '1022' },
        ]),
        zalo_app_id: options.zaloAppId ?? null,
        zalo_oa_id: options.zaloOaId ?? null,
      })
      // Another instance seeding at the same moment (PostgreSQL): let it win, change nothing.
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return { created: false };

    const province = await tx
      .insertInto('admin_units')
      .values({
        tenant_id: tenantId,
        code: '80',
        name: 'Tỉnh Tây Ninh',
        name_norm: normalizeVi('Tỉnh Tây Ninh'),
        level: 'province',
        kind: 'tinh',
        parent_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const communes = await tx
      .insertInto('admin_units')
      .values(
        COMMUNES.map(([code, name]) => ({
          tenant_id: tenantId,
          code,
          name,
          name_norm: normalizeVi(name),
          level: 'commune' as const,
          kind: name.startsWith('Phường') ? 'phuong' : 'xa',
          parent_id: province.id,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    const communeId = new Map(communes.map((c) => [c.code, c.id]));

    const agencyId = new Map<string, string>();
    for (const agency of AGENCIES) {
      const row = await tx
        .insertInto('agencies')
        .values({
          tenant_id: tenantId,
          code: agency.code,
          name: agency.name,
          name_norm: normalizeVi(agency.name),
          kind: agency.kind,
          parent_id: agency.parent ? agencyId.get(agency.parent)! : null,
          admin_unit_id: agency.communes?.[0] ? communeId.get(agency.communes[0])! : province.id,
          phone: null,
          address: agency.address ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      agencyId.set(agency.code, row.id);
      if (agency.communes?.length) {
        await tx
          .insertInto('agency_communes')
          .values(
            agency.communes.map((code) => ({
              tenant_id: tenantId,
              agency_id: row.id,
              admin_unit_id: communeId.get(code)!,
            })),
          )
          .execute();
      }
    }

    for (const account of DEMO_ACCOUNTS) {
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
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('officer_roles')
        .values({
          tenant_id: tenantId,
          officer_id: officer.id,
          agency_id: agencyId.get(account.agencyCode)!,
          role: account.role,
        })
        .execute();
    }
    return { created: true };
  });
}

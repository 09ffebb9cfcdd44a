import type { Db } from '../src/db/connection.js';
import type { Role } from '../src/db/schema.js';
import { hashPassword } from '../src/platform/auth/passwords.js';

/** Small, explicit rows for tests that need a tenant, an agency or an officer. */
export async function insertTenant(
  db: Db,
  id: string,
  overrides: { code?: string; hostNames?: string[] } = {},
) {
  await db
    .insertInto('tenants')
    .values({
      id,
      code: overrides.code ?? id,
      name: `Tỉnh ${id}`,
      short_name: id,
      host_names: overrides.hostNames ?? [],
      utilities: JSON.stringify(['nop-ho-so', 'phan-anh']),
      branding: JSON.stringify({}),
      hotlines: JSON.stringify([{ label: 'Đường dây nóng', phone: '1022' }]),
      zalo_app_id: `app-${id}`,
      zalo_oa_id: `oa-${id}`,
    })
    .execute();
  return id;
}

export async function insertAgency(db: Db, tenantId: string, code: string, name = `Sở ${code}`) {
  const row = await db
    .insertInto('agencies')
    .values({
      tenant_id: tenantId,
      code,
      name,
      name_norm: name.toLowerCase(),
      kind: 'department',
      parent_id: null,
      admin_unit_id: null,
      phone: null,
      address: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertOfficer(
  db: Db,
  opts: { tenantId: string; username: string; password: string; roles: { agencyId: string; role: Role }[] },
) {
  const row = await db
    .insertInto('officers')
    .values({
      tenant_id: opts.tenantId,
      username: opts.username,
      full_name: `Cán bộ ${opts.username}`,
      email: null,
      phone: null,
      password_hash: await hashPassword(opts.password),
      totp_secret: null,
      locked_until: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of opts.roles) {
    await db
      .insertInto('officer_roles')
      .values({ tenant_id: opts.tenantId, officer_id: row.id, agency_id: r.agencyId, role: r.role })
      .execute();
  }
  return row.id;
}

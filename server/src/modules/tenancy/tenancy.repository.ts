import type { Selectable } from 'kysely';
import type { Db } from '../../db/connection.js';
import { toCount } from '../../db/pg-types.js';
import type { AgenciesTable, Tenant } from '../../db/schema.js';
import { searchText, whereText, type TextColumns } from '../../platform/search/normalize.js';
import type { AdminTenant, Agency, PublicTenant } from './tenancy.schemas.js';
import { isUtilityKey, UTILITIES } from './utilities.js';

/** Queries of the tenancy module. Every one is filtered by the tenant id it is given. */
export const AGENCY_TEXT: TextColumns = { name: 'agencies.name', norm: 'agencies.name_norm' };
export const ADMIN_UNIT_TEXT: TextColumns = { name: 'admin_units.name', norm: 'admin_units.name_norm' };

export interface Paging {
  page: number;
  pageSize: number;
}
export interface PageOf<T> extends Paging {
  items: T[];
  total: number;
}

export function publicTenant(t: Tenant): PublicTenant {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    shortName: t.short_name,
    // A key dropped from the catalogue is skipped rather than shown as an unknown tile.
    utilities: t.utilities.filter(isUtilityKey),
    branding: t.branding,
    hotlines: t.hotlines,
    zalo: { appId: t.zalo_app_id, oaId: t.zalo_oa_id },
  };
}

export function adminTenant(t: Tenant): AdminTenant {
  return {
    ...publicTenant(t),
    hostNames: t.host_names,
    availableUtilities: UTILITIES.map((u) => ({ key: u.key, label: u.label })),
  };
}

export async function findTenant(db: Db, tenantId: string): Promise<Tenant | undefined> {
  return db.selectFrom('tenants').selectAll().where('id', '=', tenantId).executeTakeFirst();
}

export async function listAdminUnits(
  db: Db,
  tenantId: string,
  filter: { level?: 'province' | 'commune'; q?: string } & Paging,
) {
  let base = db.selectFrom('admin_units').where('admin_units.tenant_id', '=', tenantId);
  if (filter.level) base = base.where('admin_units.level', '=', filter.level);
  base = whereText(base, ADMIN_UNIT_TEXT, filter.q);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    searchText(base, ADMIN_UNIT_TEXT, filter.q)
      .select(['id', 'code', 'name', 'level', 'kind', 'parent_id'])
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      level: r.level,
      kind: r.kind,
      parentId: r.parent_id,
    })),
    total: toCount(count.n),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

export function agencyView(a: Selectable<AgenciesTable>): Agency {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    kind: a.kind,
    parentId: a.parent_id,
    adminUnitId: a.admin_unit_id,
    phone: a.phone,
    address: a.address,
  };
}

export async function listAgencies(
  db: Db,
  tenantId: string,
  filter: { q?: string; parentId?: string } & Paging,
): Promise<PageOf<Agency>> {
  let base = db.selectFrom('agencies').where('agencies.tenant_id', '=', tenantId);
  if (filter.parentId) base = base.where('agencies.parent_id', '=', filter.parentId);
  base = whereText(base, AGENCY_TEXT, filter.q);
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    searchText(base, AGENCY_TEXT, filter.q)
      .selectAll('agencies')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
  ]);
  return {
    items: rows.map(agencyView),
    total: toCount(count.n),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

export async function findAgency(db: Db, tenantId: string, id: string) {
  return db
    .selectFrom('agencies')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function agencyDetail(db: Db, tenantId: string, id: string) {
  const agency = await findAgency(db, tenantId, id);
  if (!agency) return undefined;
  const [parent, children, communes] = await Promise.all([
    agency.parent_id ? findAgency(db, tenantId, agency.parent_id) : Promise.resolve(undefined),
    db
      .selectFrom('agencies')
      .select(['id', 'code', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('parent_id', '=', id)
      .orderBy('name_norm')
      .execute(),
    db
      .selectFrom('agency_communes')
      .innerJoin('admin_units', 'admin_units.id', 'agency_communes.admin_unit_id')
      .select(['admin_units.id', 'admin_units.code', 'admin_units.name'])
      .where('agency_communes.tenant_id', '=', tenantId)
      .where('agency_communes.agency_id', '=', id)
      .orderBy('admin_units.name_norm')
      .execute(),
  ]);
  return {
    ...agencyView(agency),
    parent: parent ? { id: parent.id, code: parent.code, name: parent.name } : null,
    children,
    communes,
  };
}

/** Every agency of the tenant as id → parent id: small (hundreds), and enough to walk subtrees. */
export async function agencyTree(db: Db, tenantId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom('agencies')
    .select(['id', 'parent_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

/** The ids among `ids` that are communes of the tenant. */
export async function existingCommunes(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('admin_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('level', '=', 'commune')
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function adminUnitExists(db: Db, tenantId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('admin_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function replaceAgencyCommunes(
  tx: Db,
  tenantId: string,
  agencyId: string,
  communeIds: readonly string[],
): Promise<void> {
  await tx
    .deleteFrom('agency_communes')
    .where('tenant_id', '=', tenantId)
    .where('agency_id', '=', agencyId)
    .execute();
  if (communeIds.length === 0) return;
  await tx
    .insertInto('agency_communes')
    .values(communeIds.map((id) => ({ tenant_id: tenantId, agency_id: agencyId, admin_unit_id: id })))
    .execute();
}

import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.js';
import { reusableQuery } from '../../db/reusable-query.js';
import { toCount } from '../../db/pg-types.js';
import type { AgenciesTable, Tenant } from '../../db/schema.js';
import { orderByText, whereText, type TextColumns } from '../../platform/search/normalize.js';
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

/**
 * A page and the number of all matches in one query: `count(*) over ()` is counted before the limit,
 * and saves the round trip of a separate count. A page past the end has no row to carry it, so only
 * then is the total counted apart.
 */
const TOTAL = sql<number>`count(*) over ()`.as('total');

async function totalOf(
  rows: readonly { total: number }[],
  paging: Paging,
  count: () => Promise<{ n: number | string | bigint }>,
): Promise<number> {
  if (rows[0]) return toCount(rows[0].total);
  if (paging.page === 1) return 0;
  return toCount((await count()).n);
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
  const rows = await orderByText(base, ADMIN_UNIT_TEXT, filter.q)
    .select(['id', 'code', 'name', 'level', 'kind', 'parent_id', TOTAL])
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      level: r.level,
      kind: r.kind,
      parentId: r.parent_id,
    })),
    total: await totalOf(rows, filter, () =>
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** The columns of an agency the API shows: reading no others spares parsing dates nobody sees. */
export const AGENCY_COLUMNS = [
  'agencies.id',
  'agencies.code',
  'agencies.name',
  'agencies.kind',
  'agencies.parent_id',
  'agencies.admin_unit_id',
  'agencies.phone',
  'agencies.address',
] as const;

type AgencyRow = Pick<
  Selectable<AgenciesTable>,
  'id' | 'code' | 'name' | 'kind' | 'parent_id' | 'admin_unit_id' | 'phone' | 'address'
>;

export function agencyView(a: AgencyRow): Agency {
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
  const rows = await orderByText(base, AGENCY_TEXT, filter.q)
    .select([...AGENCY_COLUMNS, TOTAL])
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    items: rows.map(agencyView),
    total: await totalOf(rows, filter, () =>
      base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    ),
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

interface AgencyRef {
  id: string;
  code: string;
  name: string;
}

/**
 * One agency with its parent, children and communes in a single query: a public read that mini apps
 * call often, where each round trip to the database cost more than the query itself.
 */
const agencyDetailQuery = reusableQuery((db: Db, args: { tenantId: string; id: string }) =>
  db
    .selectFrom('agencies')
    .select(AGENCY_COLUMNS)
    .select((eb) => [
      eb
        .selectFrom('agencies as p')
        .select(sql<AgencyRef>`json_build_object('id', p.id, 'code', p.code, 'name', p.name)`.as('ref'))
        .where('p.tenant_id', '=', args.tenantId)
        .whereRef('p.id', '=', 'agencies.parent_id')
        .as('parent'),
      eb
        .selectFrom('agencies as c')
        .select(
          sql<AgencyRef[]>`coalesce(json_agg(json_build_object('id', c.id, 'code', c.code, 'name', c.name)
            order by c.name_norm), '[]')`.as('list'),
        )
        .where('c.tenant_id', '=', args.tenantId)
        .whereRef('c.parent_id', '=', 'agencies.id')
        .as('children'),
      eb
        .selectFrom('agency_communes as ac')
        .innerJoin('admin_units as u', 'u.id', 'ac.admin_unit_id')
        .select(
          sql<AgencyRef[]>`coalesce(json_agg(json_build_object('id', u.id, 'code', u.code, 'name', u.name)
            order by u.name_norm), '[]')`.as('list'),
        )
        .where('ac.tenant_id', '=', args.tenantId)
        .whereRef('ac.agency_id', '=', 'agencies.id')
        .as('communes'),
    ])
    .where('agencies.tenant_id', '=', args.tenantId)
    .where('agencies.id', '=', args.id),
);

export async function agencyDetail(db: Db, tenantId: string, id: string) {
  const [row] = await agencyDetailQuery(db, { tenantId, id });
  if (!row) return undefined;
  return {
    ...agencyView(row),
    parent: row.parent ?? null,
    children: row.children ?? [],
    communes: row.communes ?? [],
  };
}

/** Every agency of the tenant as id → parent id: small (hundreds), and enough to walk subtrees. */
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

import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { toCount } from '../../db/pg-types.js';
import type { Officer, Role } from '../../db/schema.js';
import { escapeLike, normalizeVi } from '../../platform/search/normalize.js';
import type { AdminScope } from '../../platform/auth/admin-scope.js';
import { parseSort } from '../../platform/http/export.js';
import type { OfficerQuery, OfficerSort, OfficerView } from './tenancy.schemas.js';
import type { PageOf, Paging } from './tenancy.repository.js';

/** Officer queries for administrators. Every one is filtered by tenant and, for agency admins, by scope. */

export interface RoleRow {
  officer_id: string;
  agency_id: string;
  agency_name: string;
  role: Role;
}

export function officerView(o: Officer, roles: RoleRow[]): OfficerView {
  return {
    id: o.id,
    username: o.username,
    fullName: o.full_name,
    email: o.email,
    phone: o.phone,
    disabled: o.disabled,
    mustChangePassword: o.must_change_password,
    roles: roles.map((r) => ({ agencyId: r.agency_id, agencyName: r.agency_name, role: r.role })),
    createdAt: o.created_at.toISOString(),
  };
}

export async function rolesOf(db: Db, tenantId: string, officerIds: readonly string[]): Promise<RoleRow[]> {
  if (officerIds.length === 0) return [];
  return db
    .selectFrom('officer_roles')
    .innerJoin('agencies', 'agencies.id', 'officer_roles.agency_id')
    .select([
      'officer_roles.officer_id',
      'officer_roles.agency_id',
      'agencies.name as agency_name',
      'officer_roles.role',
    ])
    .where('officer_roles.tenant_id', '=', tenantId)
    .where('officer_roles.officer_id', 'in', officerIds)
    .orderBy('agencies.name_norm')
    .orderBy('officer_roles.role')
    .execute();
}

export async function findOfficer(db: Db, tenantId: string, id: string): Promise<Officer | undefined> {
  return db
    .selectFrom('officers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function usernameTaken(db: Db, tenantId: string, username: string): Promise<boolean> {
  // `username` is citext: the comparison ignores case, as the unique index does.
  const row = await db
    .selectFrom('officers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .executeTakeFirst();
  return row !== undefined;
}

export type OfficerFilter = Omit<OfficerQuery, 'page' | 'pageSize' | 'format'>;

/** The officers a filter matches within the admin's scope, or undefined when the scope rules out all. */
export function officersMatching(db: Db, tenantId: string, scope: AdminScope, filter: OfficerFilter) {
  if (!scope.all && scope.agencyIds.size === 0) return undefined;
  if (filter.agencyId && !scope.all && !scope.agencyIds.has(filter.agencyId)) return undefined;

  let base = db.selectFrom('officers').where('officers.tenant_id', '=', tenantId);
  const scopeIds = scope.all ? undefined : [...scope.agencyIds];
  if (scopeIds || filter.agencyId || filter.role) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('officer_roles as r')
          .select(sql`1`.as('one'))
          .whereRef('r.officer_id', '=', 'officers.id')
          .$if(scopeIds !== undefined, (qb) => qb.where('r.agency_id', 'in', scopeIds!))
          .$if(filter.agencyId !== undefined, (qb) => qb.where('r.agency_id', '=', filter.agencyId!))
          .$if(filter.role !== undefined, (qb) => qb.where('r.role', '=', filter.role!)),
      ),
    );
  }
  const q = filter.q === undefined ? '' : normalizeVi(filter.q);
  if (q) {
    // Officer lists are small (hundreds per province): unaccent at query time is enough here.
    const pattern = `%${escapeLike(q)}%`;
    base = base.where(
      sql<boolean>`(lower(unaccent(officers.full_name)) like ${pattern} or lower(officers.username::text) like ${pattern})`,
    );
  }
  return base;
}

/** All officer columns in the requested order; the last key makes the order total, so pages never overlap. */
export function sortedOfficers(base: NonNullable<ReturnType<typeof officersMatching>>, sort?: OfficerSort) {
  const query = base.selectAll('officers');
  const { field, direction } = parseSort(sort ?? 'fullName');
  switch (field) {
    case 'username':
      return query.orderBy('officers.username', direction).orderBy('officers.id');
    case 'createdAt':
      return query.orderBy('officers.created_at', direction).orderBy('officers.id');
    case 'fullName':
      return query
        .orderBy(sql`lower(unaccent(officers.full_name))`, direction)
        .orderBy('officers.username', direction)
        .orderBy('officers.id');
  }
}

/** The roles of these officers an admin may see: an agency admin only those it manages. */
export async function visibleRoles(
  db: Db,
  tenantId: string,
  scope: AdminScope,
  officerIds: readonly string[],
): Promise<RoleRow[]> {
  const roles = await rolesOf(db, tenantId, officerIds);
  return scope.all ? roles : roles.filter((r) => scope.agencyIds.has(r.agency_id));
}

export async function listOfficers(
  db: Db,
  tenantId: string,
  scope: AdminScope,
  filter: OfficerFilter & Paging,
): Promise<PageOf<OfficerView>> {
  const base = officersMatching(db, tenantId, scope, filter);
  if (!base) return { items: [], total: 0, page: filter.page, pageSize: filter.pageSize };
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    sortedOfficers(base, filter.sort)
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
  ]);
  const visible = await visibleRoles(
    db,
    tenantId,
    scope,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((o) =>
      officerView(
        o,
        visible.filter((r) => r.officer_id === o.id),
      ),
    ),
    total: toCount(count.n),
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** Active officers other than `exceptId` holding province_admin: the guard against locking a province out. */
export async function otherActiveProvinceAdmins(db: Db, tenantId: string, exceptId: string): Promise<number> {
  const row = await db
    .selectFrom('officer_roles')
    .innerJoin('officers', 'officers.id', 'officer_roles.officer_id')
    .select((eb) => eb.fn.count<number>('officers.id').distinct().as('n'))
    .where('officer_roles.tenant_id', '=', tenantId)
    .where('officer_roles.role', '=', 'province_admin')
    .where('officers.disabled', '=', false)
    .where('officers.id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

import type { Db } from '../../db/connection.js';
import type { Role } from '../../db/schema.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { descendantsOf } from '../../platform/auth/admin-scope.js';

/**
 * Which dossiers an officer sees and may act on: a role held in an agency covers that agency and everything
 * below it; a province admin covers the whole tenant. A role in a public service centre (kind
 * `service_center`, Trung tâm Phục vụ hành chính công) covers the agencies the centre receives for:
 * everything under the centre's parent except the commune committees, which keep their own
 * one-stop desks.
 */
export interface DossierScope {
  all: boolean;
  /** Agencies visible to the officer (any role there or above). */
  agencyIds: ReadonlySet<string>;
  tree: Map<string, string | null>;
  kinds: Map<string, string>;
}

async function agencyTree(
  db: Db,
  tenantId: string,
): Promise<{ tree: Map<string, string | null>; kinds: Map<string, string> }> {
  const rows = await db
    .selectFrom('agencies')
    .select(['id', 'parent_id', 'kind'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return {
    tree: new Map(rows.map((r) => [r.id, r.parent_id])),
    kinds: new Map(rows.map((r) => [r.id, r.kind])),
  };
}

/** The agencies a role held in `agencyId` covers. */
function coveredBy(
  tree: Map<string, string | null>,
  kinds: Map<string, string>,
  agencyId: string,
): Set<string> {
  const parent = tree.get(agencyId);
  if (kinds.get(agencyId) !== 'service_center' || !parent) return descendantsOf(tree, [agencyId]);
  const communes = descendantsOf(
    tree,
    [...kinds].filter(([, kind]) => kind === 'commune_committee').map(([id]) => id),
  );
  return new Set([...descendantsOf(tree, [parent])].filter((id) => !communes.has(id) && id !== parent));
}

export function isProvinceAdmin(principal: OfficerPrincipal): boolean {
  return principal.roles.some((r) => r.role === 'province_admin');
}

export async function dossierScope(db: Db, principal: OfficerPrincipal): Promise<DossierScope> {
  const { tree, kinds } = await agencyTree(db, principal.tenantId);
  if (isProvinceAdmin(principal)) return { all: true, agencyIds: new Set(tree.keys()), tree, kinds };
  const agencyIds = new Set<string>();
  for (const role of principal.roles)
    for (const id of coveredBy(tree, kinds, role.agencyId)) agencyIds.add(id);
  return { all: false, agencyIds, tree, kinds };
}

/** Whether the officer holds one of `roles` in the dossier's agency, an ancestor of it, or a centre receiving for it. */
export function holdsRoleFor(
  principal: OfficerPrincipal,
  scope: DossierScope,
  agencyId: string,
  roles: readonly Role[],
): boolean {
  if (isProvinceAdmin(principal)) return true;
  return principal.roles.some(
    (r) => roles.includes(r.role) && coveredBy(scope.tree, scope.kinds, r.agencyId).has(agencyId),
  );
}

/**
 * Who a dossier may be assigned to: assigning gives the dossier to the officer who will process it
 * (start, complete), so handlers and supervisors. Clerks receive and hand back at the desk and
 * province admins run the system; neither is offered unless they also hold one of these roles.
 */
export const ASSIGNEE_ROLES = ['handler', 'supervisor'] as const satisfies readonly Role[];
export type AssigneeRole = (typeof ASSIGNEE_ROLES)[number];

/** Enabled officers holding an assignee role that covers `agencyId` (the same coverage as scope). */
export async function assigneesFor(
  db: Db,
  tenantId: string,
  agencyId: string,
  officerId?: string,
): Promise<{ id: string; fullName: string; role: AssigneeRole }[]> {
  const { tree, kinds } = await agencyTree(db, tenantId);
  let q = db
    .selectFrom('officer_roles as r')
    .innerJoin('officers as o', 'o.id', 'r.officer_id')
    .select(['o.id', 'o.full_name', 'r.role', 'r.agency_id'])
    .where('r.tenant_id', '=', tenantId)
    .where('o.tenant_id', '=', tenantId)
    .where('o.disabled', '=', false)
    .where('r.role', 'in', [...ASSIGNEE_ROLES])
    .orderBy('o.full_name')
    .orderBy('o.id');
  if (officerId) q = q.where('o.id', '=', officerId);
  const out = new Map<string, { id: string; fullName: string; role: AssigneeRole }>();
  for (const r of await q.execute()) {
    if (!coveredBy(tree, kinds, r.agency_id).has(agencyId)) continue;
    // One row per officer; handler first, since that is who a dossier is usually given to.
    const seen = out.get(r.id);
    if (!seen || (seen.role !== 'handler' && r.role === 'handler'))
      out.set(r.id, { id: r.id, fullName: r.full_name, role: r.role as AssigneeRole });
  }
  return [...out.values()];
}

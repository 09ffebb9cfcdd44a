import type { Db } from '../../db/connection.js';
import type { Role } from '../../db/schema.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';

/**
 * Which dossiers an officer sees and may act on. Copied in small from modules/tenancy/scope.ts
 * (modules do not import each other): a role held in an agency covers that agency and everything
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

function descendantsOf(tree: Map<string, string | null>, roots: Iterable<string>): Set<string> {
  const children = new Map<string, string[]>();
  for (const [id, parent] of tree) {
    if (parent === null) continue;
    const list = children.get(parent);
    if (list) list.push(id);
    else children.set(parent, [id]);
  }
  const found = new Set<string>();
  const queue = [...roots].filter((id) => tree.has(id));
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (found.has(id)) continue;
    found.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return found;
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

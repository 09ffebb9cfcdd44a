import type { Db } from '../../db/connection.js';
import type { OfficerPrincipal } from './access.js';

/**
 * What an administrator may manage: a province admin the whole tenant; an agency admin the agencies
 * it administers and everything below them. `roots` are the agencies an agency admin holds the role
 * in: it may edit them but not move them (that would widen its own scope).
 */
export type AdminScope =
  { all: true } | { all: false; agencyIds: ReadonlySet<string>; roots: ReadonlySet<string> };

export function descendantsOf(tree: Map<string, string | null>, roots: Iterable<string>): Set<string> {
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

/** Each agency of the tenant with its parent. */
export async function agencyTree(db: Db, tenantId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .selectFrom('agencies')
    .select(['id', 'parent_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function adminScope(db: Db, principal: OfficerPrincipal): Promise<AdminScope> {
  if (principal.roles.some((r) => r.role === 'province_admin')) return { all: true };
  const roots = new Set(principal.roles.filter((r) => r.role === 'agency_admin').map((r) => r.agencyId));
  if (roots.size === 0) return { all: false, agencyIds: new Set(), roots };
  const tree = await agencyTree(db, principal.tenantId);
  return { all: false, agencyIds: descendantsOf(tree, roots), roots };
}

export function inScope(scope: AdminScope, agencyId: string): boolean {
  return scope.all || scope.agencyIds.has(agencyId);
}

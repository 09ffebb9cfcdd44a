import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database, Role } from '../../db/schema.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { agencyTree, descendantsOf } from '../../platform/auth/admin-scope.js';
import type { ReportWorkflow, ReportWorkflowRole } from './workflow-definition.js';

/**
 * Who is who for a report (docs/reports-api.md): triage = handler or supervisor at the tenant's
 * coordination centre, for reports waiting there; handler = handler at the report's agency;
 * supervisor = supervisor or agency_admin at the report's agency or an ancestor; a province admin is
 * all three. Scope for lists follows the same reach.
 */
export type OfficerRole = Exclude<ReportWorkflowRole, 'reporter' | 'system'>;

const SUPERVISING: readonly Role[] = ['supervisor', 'agency_admin'];
const TRIAGING: readonly Role[] = ['handler', 'supervisor'];

export interface ActorContext {
  tree: Map<string, string | null>;
  triageAgencyId: string | null;
}

export async function actorContext(
  db: Db,
  tenantId: string,
  triageAgencyId: string | null,
): Promise<ActorContext> {
  return { tree: await agencyTree(db, tenantId), triageAgencyId };
}

export function isProvinceAdmin(principal: OfficerPrincipal): boolean {
  return principal.roles.some((r) => r.role === 'province_admin');
}

function isTriageOfficer(principal: OfficerPrincipal, ctx: ActorContext): boolean {
  return (
    ctx.triageAgencyId !== null &&
    principal.roles.some((r) => r.agencyId === ctx.triageAgencyId && TRIAGING.includes(r.role))
  );
}

/** The ancestors of an agency, itself included. */
function lineage(tree: Map<string, string | null>, agencyId: string): Set<string> {
  const out = new Set<string>();
  for (let id: string | null | undefined = agencyId; id && !out.has(id); id = tree.get(id)) out.add(id);
  return out;
}

export function reportRoles(
  principal: OfficerPrincipal,
  report: { agency_id: string; in_triage: boolean },
  ctx: ActorContext,
): Set<OfficerRole> {
  if (isProvinceAdmin(principal)) return new Set(['triage', 'handler', 'supervisor']);
  const roles = new Set<OfficerRole>();
  const waitsInTriage = report.in_triage || report.agency_id === ctx.triageAgencyId;
  if (waitsInTriage && isTriageOfficer(principal, ctx)) roles.add('triage');
  const above = lineage(ctx.tree, report.agency_id);
  for (const r of principal.roles) {
    if (r.role === 'handler' && r.agencyId === report.agency_id) roles.add('handler');
    if (SUPERVISING.includes(r.role) && above.has(r.agencyId)) roles.add('supervisor');
  }
  return roles;
}

/** The actions the officer may take on the report now (by state and role). */
export function allowedActions(
  workflow: ReportWorkflow,
  report: { state: string; agency_id: string; in_triage: boolean },
  principal: OfficerPrincipal,
  ctx: ActorContext,
): string[] {
  const roles = reportRoles(principal, report, ctx);
  return Object.entries(workflow.actions)
    .filter(([, a]) => a.from.includes(report.state) && a.by.some((b) => roles.has(b as OfficerRole)))
    .map(([name]) => name);
}

export interface ReportScope {
  all: boolean;
  agencyIds: ReadonlySet<string>;
  /**
   * The coordination centre: also the reports waiting in the triage queue, and those escalated to
   * the province (level 2), which it follows up with the agency in charge.
   */
  triage: boolean;
}

/**
 * The reports an officer sees: those of an agency where it holds any role, of the agencies below one
 * where it supervises or administers, and, at the coordination centre, the triage queue.
 */
export function reportScope(principal: OfficerPrincipal, ctx: ActorContext): ReportScope {
  if (isProvinceAdmin(principal)) return { all: true, agencyIds: new Set(ctx.tree.keys()), triage: true };
  const agencyIds = new Set<string>();
  for (const r of principal.roles) {
    if (SUPERVISING.includes(r.role))
      for (const id of descendantsOf(ctx.tree, [r.agencyId])) agencyIds.add(id);
    else agencyIds.add(r.agencyId);
  }
  return { all: false, agencyIds, triage: isTriageOfficer(principal, ctx) };
}

export function inReportScope(
  scope: ReportScope,
  report: { agency_id: string; in_triage: boolean; escalation_level: number },
): boolean {
  return (
    scope.all ||
    scope.agencyIds.has(report.agency_id) ||
    (scope.triage && (report.in_triage || report.escalation_level >= 2))
  );
}

/** The scope as a condition on `reports` (aliased `r`). */
export function scopeFilter(
  eb: ExpressionBuilder<Database & { r: Database['reports'] }, 'r'>,
  scope: ReportScope,
): Expression<SqlBool> {
  if (scope.all) return eb.lit(true);
  const ors: Expression<SqlBool>[] = [];
  if (scope.agencyIds.size > 0) ors.push(eb('r.agency_id', 'in', [...scope.agencyIds]));
  if (scope.triage) ors.push(eb.or([eb('r.in_triage', '=', true), eb('r.escalation_level', '>=', 2)]));
  return ors.length > 0 ? eb.or(ors) : eb.lit(false);
}

/** Officers who may be given a report of `agencyId`: handlers there, supervisors there or above. */
export async function handlersFor(
  db: Db,
  tenantId: string,
  agencyId: string,
  officerId?: string,
): Promise<{ id: string; fullName: string; role: 'handler' | 'supervisor' }[]> {
  const above = lineage(await agencyTree(db, tenantId), agencyId);
  let q = db
    .selectFrom('officer_roles as r')
    .innerJoin('officers as o', 'o.id', 'r.officer_id')
    .select(['o.id', 'o.full_name', 'r.role', 'r.agency_id'])
    .where('r.tenant_id', '=', tenantId)
    .where('o.disabled', '=', false)
    .where('r.role', 'in', ['handler', 'supervisor'])
    .orderBy('o.full_name')
    .orderBy('o.id');
  if (officerId) q = q.where('o.id', '=', officerId);
  const out = new Map<string, { id: string; fullName: string; role: 'handler' | 'supervisor' }>();
  for (const r of await q.execute()) {
    const fits = r.role === 'handler' ? r.agency_id === agencyId : above.has(r.agency_id);
    if (!fits) continue;
    const seen = out.get(r.id);
    if (!seen || (seen.role !== 'handler' && r.role === 'handler'))
      out.set(r.id, { id: r.id, fullName: r.full_name, role: r.role as 'handler' | 'supervisor' });
  }
  return [...out.values()];
}

import type { Db } from '../../db/connection.js';
import { appendAudit, type AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import { boundingBox, checkBoundary } from './geo.js';
import { DEFAULT_REPORT_WORKFLOW, loadReportSettings, validateWorkflow } from './workflow-definition.js';

/** The province administrator's report configuration: routing rules, settings, commune geography. */

export async function listRules(db: Db, tenantId: string) {
  const rows = await db
    .selectFrom('report_routing_rules as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('report_categories as c', 'c.id', 'r.category_id')
    .leftJoin('admin_units as u', 'u.id', 'r.commune_id')
    .select([
      'r.id',
      'r.priority',
      'r.created_at',
      'a.id as agency_id',
      'a.name as agency_name',
      'c.id as category_id',
      'c.name as category_name',
      'u.id as commune_id',
      'u.name as commune_name',
    ])
    .where('r.tenant_id', '=', tenantId)
    .orderBy('c.sort_order')
    .orderBy('u.name')
    .orderBy('r.priority', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    category: r.category_id ? { id: r.category_id, name: r.category_name! } : null,
    commune: r.commune_id ? { id: r.commune_id, name: r.commune_name! } : null,
    agency: { id: r.agency_id, name: r.agency_name },
    priority: r.priority,
    createdAt: r.created_at.toISOString(),
  }));
}

async function exists(
  tx: Db,
  table: 'agencies' | 'report_categories' | 'admin_units',
  tenantId: string,
  id: string,
) {
  const row = await tx
    .selectFrom(table)
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

async function isCommune(tx: Db, tenantId: string, id: string) {
  const row = await tx
    .selectFrom('admin_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('level', '=', 'commune')
    .executeTakeFirst();
  return row !== undefined;
}

export async function createRule(
  tx: Db,
  tenantId: string,
  input: { categoryId?: string | null; communeId?: string | null; agencyId: string; priority?: number },
  actor: AuditActor,
) {
  const categoryId = input.categoryId ?? null;
  const communeId = input.communeId ?? null;
  const invalid = (field: string, rule: string) =>
    new AppError('VALIDATION_FAILED', { fields: [{ path: `/${field}`, rule }] });
  // A rule for everything would hide the triage queue: it must name a category, a commune or both.
  if (!categoryId && !communeId) throw invalid('categoryId', 'required');
  if (categoryId && !(await exists(tx, 'report_categories', tenantId, categoryId))) {
    throw new AppError('REPORT_CATEGORY_NOT_FOUND');
  }
  if (communeId && !(await isCommune(tx, tenantId, communeId))) throw invalid('communeId', 'commune');
  if (!(await exists(tx, 'agencies', tenantId, input.agencyId))) throw new AppError('REPORT_AGENCY_INVALID');
  const row = await tx
    .insertInto('report_routing_rules')
    .values({
      tenant_id: tenantId,
      category_id: categoryId,
      commune_id: communeId,
      agency_id: input.agencyId,
      priority: input.priority ?? 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(tx, {
    tenantId,
    actor,
    action: 'report_rule.created',
    entityType: 'report_routing_rule',
    entityId: row.id,
    data: { categoryId, communeId, agencyId: input.agencyId, priority: input.priority ?? 0 },
  });
  return row.id;
}

export async function deleteRule(tx: Db, tenantId: string, id: string, actor: AuditActor) {
  const deleted = await tx
    .deleteFrom('report_routing_rules')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returning(['category_id', 'commune_id', 'agency_id'])
    .executeTakeFirst();
  if (!deleted) throw new AppError('NOT_FOUND');
  await appendAudit(tx, {
    tenantId,
    actor,
    action: 'report_rule.deleted',
    entityType: 'report_routing_rule',
    entityId: id,
    data: { categoryId: deleted.category_id, communeId: deleted.commune_id, agencyId: deleted.agency_id },
  });
}

export async function settingsView(db: Db, tenantId: string) {
  const s = await loadReportSettings(db, tenantId);
  return {
    triageAgencyId: s.triageAgencyId,
    autoCloseDays: s.autoCloseDays,
    reopenDays: s.reopenDays,
    workflow: s.workflow as unknown as Record<string, unknown> | null,
    workflowInForce: (s.workflow ?? DEFAULT_REPORT_WORKFLOW) as unknown as Record<string, unknown>,
  };
}

export async function saveSettings(
  tx: Db,
  tenantId: string,
  input: {
    triageAgencyId: string | null;
    autoCloseDays: number;
    reopenDays: number;
    workflow?: Record<string, unknown> | null | undefined;
  },
  actor: AuditActor,
) {
  if (input.triageAgencyId && !(await exists(tx, 'agencies', tenantId, input.triageAgencyId))) {
    throw new AppError('REPORT_AGENCY_INVALID');
  }
  // undefined keeps the stored workflow; null returns to the built-in default.
  const workflow =
    input.workflow === undefined
      ? undefined
      : input.workflow === null
        ? null
        : JSON.stringify(validateWorkflow(input.workflow));
  const values = {
    triage_agency_id: input.triageAgencyId,
    auto_close_days: input.autoCloseDays,
    reopen_days: input.reopenDays,
    ...(workflow !== undefined ? { workflow } : {}),
    updated_at: new Date(),
  };
  await tx
    .insertInto('report_settings')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
  await appendAudit(tx, {
    tenantId,
    actor,
    action: 'report_settings.updated',
    entityType: 'report_settings',
    entityId: tenantId,
    data: {
      triageAgencyId: input.triageAgencyId,
      autoCloseDays: input.autoCloseDays,
      reopenDays: input.reopenDays,
      workflow: workflow === undefined ? 'kept' : workflow === null ? 'default' : 'custom',
    },
  });
}

export async function listGeo(db: Db, tenantId: string, withBoundaries: boolean) {
  const rows = await db
    .selectFrom('admin_units as u')
    .leftJoin('admin_unit_geo as g', 'g.admin_unit_id', 'u.id')
    .select(['u.id', 'u.code', 'u.name', 'g.centre_lat', 'g.centre_lng', 'g.boundary'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.level', '=', 'commune')
    .orderBy('u.name')
    .execute();
  return rows.map((r) => ({
    adminUnit: { id: r.id, code: r.code, name: r.name },
    centre: r.centre_lat !== null && r.centre_lng !== null ? { lat: r.centre_lat, lng: r.centre_lng } : null,
    hasBoundary: r.boundary !== null,
    boundary: withBoundaries ? (r.boundary as Record<string, unknown> | null) : null,
  }));
}

export async function saveGeo(
  tx: Db,
  tenantId: string,
  adminUnitId: string,
  input: { centre: { lat: number; lng: number }; boundary?: unknown },
  actor: AuditActor,
) {
  if (!(await isCommune(tx, tenantId, adminUnitId))) throw new AppError('ADMIN_UNIT_NOT_FOUND');
  const boundary =
    input.boundary === undefined || input.boundary === null ? null : checkBoundary(input.boundary);
  const box = boundary ? boundingBox(boundary) : null;
  const values = {
    centre_lat: input.centre.lat,
    centre_lng: input.centre.lng,
    boundary: boundary ? JSON.stringify(boundary) : null,
    min_lat: box?.minLat ?? null,
    max_lat: box?.maxLat ?? null,
    min_lng: box?.minLng ?? null,
    max_lng: box?.maxLng ?? null,
  };
  await tx
    .insertInto('admin_unit_geo')
    .values({ admin_unit_id: adminUnitId, tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('admin_unit_id').doUpdateSet(values))
    .execute();
  await appendAudit(tx, {
    tenantId,
    actor,
    action: 'report_geo.updated',
    entityType: 'admin_unit',
    entityId: adminUnitId,
    data: { centre: input.centre, boundary: boundary ? boundary.type : null },
  });
}

import type { Selectable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { ReportCategoriesTable } from '../../db/schema.js';
import { appendAudit, type AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { FormDefinition } from '../../platform/forms/definition.js';
import { validateDefinition } from '../../platform/forms/validate.js';
import { normalizeVi } from '../../platform/search/normalize.js';
import { DEFAULT_CATEGORIES } from './categories-defaults.js';

type CategoryRow = Selectable<ReportCategoriesTable>;

export interface CategoryInput {
  code: string;
  name: string;
  description?: string | undefined;
  slaValue: number;
  slaUnit: 'hours' | 'days';
  duplicateRadiusM?: number | undefined;
  proofPhotoRequired?: boolean | undefined;
  form?: unknown;
  defaultAgencyId?: string | null | undefined;
  sortOrder?: number | undefined;
  enabled?: boolean | undefined;
}

/** What citizens, the console and Open311 see of a category. */
export function publicCategory(row: CategoryRow) {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    slaValue: row.sla_value,
    slaUnit: row.sla_unit,
    proofPhotoRequired: row.proof_photo_required,
    duplicateRadiusM: row.duplicate_radius_m,
    // Stored only after checkDefinition; the response schema sends it as plain field objects.
    form: row.form as unknown as { fields: Record<string, unknown>[] },
  };
}

/** The administrator's view adds routing and ordering. */
export function adminCategory(row: CategoryRow) {
  return {
    ...publicCategory(row),
    defaultAgencyId: row.default_agency_id,
    sortOrder: row.sort_order,
    enabled: row.enabled,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function listCategories(db: Db, tenantId: string, options: { enabledOnly: boolean }) {
  let q = db.selectFrom('report_categories').selectAll().where('tenant_id', '=', tenantId);
  if (options.enabledOnly) q = q.where('enabled', '=', true);
  return q.orderBy('sort_order').orderBy('name').execute();
}

/** The extra form, checked like a procedure's form: a bad definition never reaches the apps. */
function checkForm(form: unknown): FormDefinition {
  if (form === undefined || form === null) return { fields: [] };
  const checked = validateDefinition(form);
  if ('issues' in checked) throw new AppError('VALIDATION_FAILED', { form: checked.issues });
  return checked.definition;
}

async function checkAgency(tx: Db, tenantId: string, agencyId: string | null | undefined) {
  if (!agencyId) return;
  const found = await tx
    .selectFrom('agencies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!found) throw new AppError('REPORT_AGENCY_INVALID');
}

async function findCategory(tx: Db, tenantId: string, id: string) {
  const row = await tx
    .selectFrom('report_categories')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('REPORT_CATEGORY_NOT_FOUND');
  return row;
}

async function codeTaken(tx: Db, tenantId: string, code: string, exceptId?: string) {
  let q = tx
    .selectFrom('report_categories')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function createCategory(tx: Db, tenantId: string, input: CategoryInput, actor: AuditActor) {
  const form = checkForm(input.form);
  await checkAgency(tx, tenantId, input.defaultAgencyId);
  if (await codeTaken(tx, tenantId, input.code)) throw new AppError('REPORT_CATEGORY_EXISTS');
  const row = await tx
    .insertInto('report_categories')
    .values({
      tenant_id: tenantId,
      code: input.code,
      name: input.name.trim(),
      name_norm: normalizeVi(input.name),
      description: input.description?.trim() ?? '',
      sla_value: input.slaValue,
      sla_unit: input.slaUnit,
      duplicate_radius_m: input.duplicateRadiusM ?? 100,
      proof_photo_required: input.proofPhotoRequired ?? false,
      form: JSON.stringify(form),
      default_agency_id: input.defaultAgencyId ?? null,
      sort_order: input.sortOrder ?? 0,
      enabled: input.enabled ?? true,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(tx, {
    tenantId,
    actor,
    action: 'report_category.created',
    entityType: 'report_category',
    entityId: row.id,
    data: { code: row.code, name: row.name, sla: `${row.sla_value} ${row.sla_unit}` },
  });
  return row;
}

export async function updateCategory(
  tx: Db,
  tenantId: string,
  id: string,
  patch: Partial<CategoryInput>,
  actor: AuditActor,
) {
  await findCategory(tx, tenantId, id);
  if (patch.code !== undefined && (await codeTaken(tx, tenantId, patch.code, id))) {
    throw new AppError('REPORT_CATEGORY_EXISTS');
  }
  if (patch.defaultAgencyId !== undefined) await checkAgency(tx, tenantId, patch.defaultAgencyId);
  const form = patch.form !== undefined ? checkForm(patch.form) : undefined;
  const row = await tx
    .updateTable('report_categories')
    .set({
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.name !== undefined ? { name: patch.name.trim(), name_norm: normalizeVi(patch.name) } : {}),
      ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
      ...(patch.slaValue !== undefined ? { sla_value: patch.slaValue } : {}),
      ...(patch.slaUnit !== undefined ? { sla_unit: patch.slaUnit } : {}),
      ...(patch.duplicateRadiusM !== undefined ? { duplicate_radius_m: patch.duplicateRadiusM } : {}),
      ...(patch.proofPhotoRequired !== undefined ? { proof_photo_required: patch.proofPhotoRequired } : {}),
      ...(form !== undefined ? { form: JSON.stringify(form) } : {}),
      ...(patch.defaultAgencyId !== undefined ? { default_agency_id: patch.defaultAgencyId } : {}),
      ...(patch.sortOrder !== undefined ? { sort_order: patch.sortOrder } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      updated_at: new Date(),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(tx, {
    tenantId,
    actor,
    action: 'report_category.updated',
    entityType: 'report_category',
    entityId: id,
    data: { fields: Object.keys(patch).sort() },
  });
  return row;
}

/** Deletes an unused category; one that reports or rules use is only disabled (history stays). */
export async function deleteCategory(tx: Db, tenantId: string, id: string, actor: AuditActor) {
  await findCategory(tx, tenantId, id);
  const used = await tx
    .selectFrom('reports')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('category_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (used) {
    await tx
      .updateTable('report_categories')
      .set({ enabled: false, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
  } else {
    await tx.deleteFrom('report_categories').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
  }
  await appendAudit(tx, {
    tenantId,
    actor,
    action: used ? 'report_category.disabled' : 'report_category.deleted',
    entityType: 'report_category',
    entityId: id,
    data: {},
  });
  return { deleted: !used };
}

/** The default categories for a tenant that has none; answers code → id. */
export async function insertDefaultCategories(tx: Db, tenantId: string): Promise<Map<string, string>> {
  const rows = await tx
    .insertInto('report_categories')
    .values(
      DEFAULT_CATEGORIES.map((c, i) => ({
        tenant_id: tenantId,
        code: c.code,
        name: c.name,
        name_norm: normalizeVi(c.name),
        description: c.description,
        sla_value: c.slaValue,
        sla_unit: c.slaUnit,
        duplicate_radius_m: c.duplicateRadiusM,
        proof_photo_required: c.proofPhotoRequired,
        form: JSON.stringify(checkForm(c.form)),
        sort_order: (i + 1) * 10,
      })),
    )
    .returning(['id', 'code'])
    .execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit, canonicalJson, type AuditActor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import { normalizeVi } from '../../platform/search/normalize.js';
import { inScope, type AdminScope } from '../../platform/auth/admin-scope.js';
import { parseImport, type ImportIssue, type ProcedureInput } from './procedures.import.js';
import { adminDetailView, findProcedure } from './procedures.repository.js';
import type { AdminProcedureDetail, ImportReport } from './procedures.schemas.js';

/** Changes to the procedure catalog; each writes its audit row in the same transaction. */

type Rejected = ImportReport['rejected'][number];
const INSERT_BATCH = 200;

function columnsOf(tenantId: string, input: ProcedureInput, agencyId: string) {
  return {
    tenant_id: tenantId,
    code: input.code,
    name: input.name,
    name_norm: normalizeVi(input.name),
    field: input.field,
    field_norm: normalizeVi(input.field),
    agency_id: agencyId,
    level: input.level,
    processing_days: input.processingDays,
    fees: JSON.stringify(input.fees),
    documents: JSON.stringify(input.documents),
    result: input.result,
    legal_basis: input.legalBasis,
    form: JSON.stringify(input.form),
  };
}

/** What an import compares: a row whose values are all equal is reported as unchanged. */
function comparable(p: {
  name: string;
  field: string;
  agencyId: string;
  level: string;
  processingDays: number;
  fees: unknown;
  documents: unknown;
  result: string;
  legalBasis: string;
  form: unknown;
}): string {
  return canonicalJson(p);
}

export interface ImportOptions {
  db: Db;
  tenantId: string;
  actor: AuditActor;
  /** What the actor may manage: rows for agencies outside it are rejected. */
  scope: AdminScope;
  format: 'json' | 'csv';
  content: string;
  dryRun?: boolean | undefined;
  /** false only for seed data, which is not audited (like the rest of the demo province). */
  audit?: boolean;
}

/**
 * Upserts procedures by (tenant, code). Rows with problems are rejected with their row number and
 * the good ones applied (nothing is written on a dry run). One audit row per import, with counts.
 */
export async function importProcedures(opts: ImportOptions): Promise<ImportReport> {
  const { db, tenantId, scope } = opts;
  const dryRun = opts.dryRun === true;
  const parsed = parseImport(opts.format, opts.content);
  const rejected: Rejected[] = [];
  const reject = (row: number, code: string | undefined, issues: ImportIssue[]) =>
    rejected.push({ row, ...(code ? { code } : {}), issues });

  return withTx(db, async (tx) => {
    const agencies = await tx
      .selectFrom('agencies')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenantId)
      .execute();
    const agencyByCode = new Map(agencies.map((a) => [a.code, a.id]));
    const codes = parsed.flatMap((p) => (p.ok ? [p.input.code] : []));
    const existing = new Map(
      codes.length === 0
        ? []
        : (
            await tx
              .selectFrom('procedures')
              .selectAll()
              .where('tenant_id', '=', tenantId)
              .where('code', 'in', codes)
              .forUpdate()
              .execute()
          ).map((p) => [p.code, p]),
    );

    const inserts: ReturnType<typeof columnsOf>[] = [];
    const updates: { id: string; values: ReturnType<typeof columnsOf> }[] = [];
    let unchanged = 0;
    for (const item of parsed) {
      if (!item.ok) {
        reject(item.row, item.code, item.issues);
        continue;
      }
      const { input, row } = item;
      const agencyId = agencyByCode.get(input.agencyCode);
      if (!agencyId) {
        reject(row, input.code, [
          {
            path: 'agencyCode',
            rule: 'unknown',
            message: `Không có cơ quan mã "${input.agencyCode}" trong tỉnh.`,
          },
        ]);
        continue;
      }
      const current = existing.get(input.code);
      if (!inScope(scope, agencyId) || (current && !inScope(scope, current.agency_id))) {
        reject(row, input.code, [
          { path: 'agencyCode', rule: 'forbidden', message: 'Bạn không quản lý thủ tục của cơ quan này.' },
        ]);
        continue;
      }
      const values = columnsOf(tenantId, input, agencyId);
      if (!current) {
        inserts.push(values);
        continue;
      }
      const same =
        comparable({
          name: current.name,
          field: current.field,
          agencyId: current.agency_id,
          level: current.level,
          processingDays: current.processing_days,
          fees: current.fees,
          documents: current.documents,
          result: current.result,
          legalBasis: current.legal_basis,
          form: current.form,
        }) ===
        comparable({
          name: input.name,
          field: input.field,
          agencyId,
          level: input.level,
          processingDays: input.processingDays,
          fees: input.fees,
          documents: input.documents,
          result: input.result,
          legalBasis: input.legalBasis,
          form: input.form,
        });
      if (same) unchanged++;
      else updates.push({ id: current.id, values });
    }

    const report: ImportReport = {
      created: inserts.length,
      updated: updates.length,
      unchanged,
      rejected,
      dryRun,
    };
    if (dryRun) return report;

    for (let i = 0; i < inserts.length; i += INSERT_BATCH) {
      await tx
        .insertInto('procedures')
        .values(inserts.slice(i, i + INSERT_BATCH))
        .execute();
    }
    const now = new Date();
    for (const { id, values } of updates) {
      await tx
        .updateTable('procedures')
        .set({ ...values, updated_at: now })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .execute();
    }
    if (opts.audit === false) return report;
    await appendAudit(tx, {
      tenantId,
      actor: opts.actor,
      action: 'procedure.import',
      entityType: 'procedure',
      entityId: null,
      data: {
        format: opts.format,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: rejected.length,
      },
    });
    return report;
  });
}

export async function setProcedureEnabled(opts: {
  db: Db;
  tenantId: string;
  actor: AuditActor;
  scope: AdminScope;
  procedureId: string;
  enabled: boolean;
}): Promise<AdminProcedureDetail> {
  const { db, tenantId, procedureId } = opts;
  await withTx(db, async (tx) => {
    const current = await tx
      .selectFrom('procedures')
      .select(['id', 'agency_id', 'enabled', 'code'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', procedureId)
      .forUpdate()
      .executeTakeFirst();
    // Outside the admin's scope answers like a missing procedure.
    if (!current || !inScope(opts.scope, current.agency_id)) throw new AppError('PROCEDURE_NOT_FOUND');
    if (current.enabled === opts.enabled) return;
    await tx
      .updateTable('procedures')
      .set({ enabled: opts.enabled, updated_at: new Date() })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', procedureId)
      .execute();
    await appendAudit(tx, {
      tenantId,
      actor: opts.actor,
      action: opts.enabled ? 'procedure.enable' : 'procedure.disable',
      entityType: 'procedure',
      entityId: procedureId,
      data: { code: current.code, enabled: opts.enabled },
    });
  });
  const found = await findProcedure(db, tenantId, procedureId);
  if (!found) throw new AppError('PROCEDURE_NOT_FOUND');
  return adminDetailView(found);
}

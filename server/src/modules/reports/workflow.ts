import type { Updateable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { ReportsTable } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { loadHolidays } from '../../platform/calendar/calendar-service.js';
import { WorkingCalendar } from '../../platform/calendar/working-days.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { actorContext, reportRoles, type OfficerRole } from './actors.js';
import { notifyReport } from './notices.js';
import { slaDeadline, stateDeadline } from './sla.js';
import type { ReportActionInput, ReportActor, ReportRow } from './types.js';
import { actionEffects, checkRequirements } from './workflow-effects.js';
import {
  DEFAULT_REPORT_WORKFLOW,
  loadReportSettings,
  type ReportSettings,
  type ReportWorkflow,
  type ReportWorkflowRole,
} from './workflow-definition.js';

/**
 * The report workflow engine (docs/reports-api.md "Rules the engine keeps"). Every transition locks
 * the report row, checks state, role and requirements against the definition (data), applies the
 * action's effects, and writes the timeline event, the audit row and, for public actions, the
 * notices to the reporter and followers — all in one transaction.
 */
export interface ApplyReportActionOptions {
  /** A transaction handle, or the database (a transaction is opened). */
  db: Db;
  calendar?: WorkingCalendar;
  tenantId: string;
  reportId: string;
  action: string;
  actor: ReportActor;
  /** The signed-in officer: its roles for this report decide whether it may act. */
  principal?: OfficerPrincipal | null;
  input: ReportActionInput;
  now?: Date;
  /**
   * What the caller already holds in this transaction (the submission routing its new report):
   * the row, locked since this transaction wrote it, and the settings and category it read.
   */
  loaded?: { report: ReportRow; settings: ReportSettings; category: Category };
}

type Category = {
  name: string;
  sla_value: number;
  sla_unit: 'hours' | 'days';
  proof_photo_required: boolean;
};

export async function lockReport(tx: Db, tenantId: string, reportId: string): Promise<ReportRow> {
  const report = await tx
    .selectFrom('reports')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', reportId)
    .forUpdate()
    .executeTakeFirst();
  if (!report) throw new AppError('REPORT_NOT_FOUND');
  return report;
}

async function loadCategory(tx: Db, tenantId: string, categoryId: string): Promise<Category> {
  return tx
    .selectFrom('report_categories')
    .select(['name', 'sla_value', 'sla_unit', 'proof_photo_required'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', categoryId)
    .executeTakeFirstOrThrow();
}

/** The roles the actor holds for this report. */
async function actorRoles(
  tx: Db,
  o: ApplyReportActionOptions,
  report: ReportRow,
  settings: ReportSettings,
): Promise<Set<ReportWorkflowRole>> {
  if (o.actor.type === 'system') return new Set(['system']);
  if (o.actor.type === 'citizen')
    return new Set(report.citizen_id !== null && report.citizen_id === o.actor.id ? ['reporter'] : []);
  if (o.actor.type === 'officer' && o.principal) {
    const ctx = await actorContext(tx, o.tenantId, settings.triageAgencyId);
    return new Set<ReportWorkflowRole>(reportRoles(o.principal, report, ctx) as Set<OfficerRole>);
  }
  return new Set();
}

export async function applyReportAction(o: ApplyReportActionOptions): Promise<ReportRow> {
  const now = o.now ?? new Date();
  return withTx(o.db, async (tx) => {
    const report = o.loaded?.report ?? (await lockReport(tx, o.tenantId, o.reportId));
    const settings = o.loaded?.settings ?? (await loadReportSettings(tx, o.tenantId));
    const workflow = settings.workflow ?? DEFAULT_REPORT_WORKFLOW;
    const def = workflow.actions[o.action];
    if (!def) throw new AppError('REPORT_TRANSITION_INVALID', { state: report.state, action: o.action });
    const roles = await actorRoles(tx, o, report, settings);
    if (!def.by.some((role) => roles.has(role)))
      throw new AppError('REPORT_ACTION_FORBIDDEN', { action: o.action });
    if (!def.from.includes(report.state))
      throw new AppError('REPORT_TRANSITION_INVALID', { state: report.state, action: o.action });
    checkRequirements(def, o.input);
    const calendar = o.calendar ?? new WorkingCalendar(await loadHolidays(tx, o.tenantId));
    const category = o.loaded?.category ?? (await loadCategory(tx, o.tenantId, report.category_id));
    const effect = await actionEffects({
      tx,
      tenantId: o.tenantId,
      report,
      action: o.action,
      def,
      settings,
      calendar,
      category,
      actor: o.actor,
      input: o.input,
      now,
    });
    return commitTransition({
      tx,
      tenantId: o.tenantId,
      workflow,
      calendar,
      report,
      category,
      action: o.action,
      actor: o.actor,
      to: effect.to ?? def.to ?? report.state,
      patch: effect.patch,
      data: effect.data,
      note: o.input.note?.trim() || null,
      publicEvent: def.public,
      notice: effect.notice === undefined ? (def.notice ?? null) : effect.notice,
      now,
    });
  });
}

export interface CommitInput {
  tx: Db;
  tenantId: string;
  workflow: ReportWorkflow;
  calendar: WorkingCalendar;
  report: ReportRow;
  category: { name: string };
  action: string;
  actor: ReportActor;
  to: string;
  patch: Updateable<ReportsTable>;
  data: Record<string, unknown>;
  note: string | null;
  publicEvent: boolean;
  notice: string | null;
  now: Date;
}

/** Writes a decided transition: the row, the event, the audit row and the notices. */
export async function commitTransition(c: CommitInput): Promise<ReportRow> {
  const { tx, tenantId, report, now } = c;
  const patch: Updateable<ReportsTable> = { ...c.patch, state: c.to, updated_at: now };
  if (c.to !== report.state) {
    const dueAt = patch.due_at !== undefined ? (patch.due_at as Date | null) : report.due_at;
    patch.state_due_at = stateDeadline(c.calendar, c.workflow.states[c.to]?.sla, now, dueAt);
  }
  const updated = await tx
    .updateTable('reports')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', report.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('report_events')
    .values({
      tenant_id: tenantId,
      report_id: report.id,
      at: now,
      action: c.action,
      from_state: report.state,
      to_state: c.to,
      actor_type: c.actor.type,
      actor_id: c.actor.id,
      agency_id: updated.agency_id,
      note: c.note,
      data: JSON.stringify(c.data),
      public: c.publicEvent,
    })
    .execute();
  await appendAudit(tx, {
    tenantId,
    actor: { type: c.actor.type === 'open311' ? 'integration' : c.actor.type, id: c.actor.id },
    action: `report.${c.action}`,
    entityType: 'report',
    entityId: report.id,
    data: { code: report.code, from: report.state, to: c.to, ...c.data },
  });
  if (c.publicEvent && c.notice) {
    const agency = await tx
      .selectFrom('agencies')
      .select('name')
      .where('id', '=', updated.agency_id)
      .executeTakeFirst();
    await notifyReport(tx, tenantId, updated, c.notice, {
      id: updated.id,
      code: updated.code,
      category: c.category.name,
      agency: agency?.name ?? '',
      reason: updated.reject_reason,
      dueAt: updated.due_at,
    });
  }
  return updated;
}

export interface RecordSubmissionOptions {
  tx: Db;
  calendar: WorkingCalendar;
  /** The inserted report: state `submitted`, agency_id the routed agency or the triage centre. */
  report: ReportRow;
  actor: ReportActor;
  now: Date;
}

/**
 * The workflow's part of a new report, inside the submitting transaction: the deadlines from the
 * category SLA, the `submit` event with its audit row and the `report.received` notice, then the
 * `route` transition to the agency unless the report waits in triage.
 */
export async function recordSubmission(o: RecordSubmissionOptions): Promise<ReportRow> {
  const { tx, report, now } = o;
  if (!tx.isTransaction) throw new Error('recordSubmission needs the transaction handle of the submission');
  const tenantId = report.tenant_id;
  const settings = await loadReportSettings(tx, tenantId);
  const workflow = settings.workflow ?? DEFAULT_REPORT_WORKFLOW;
  const category = await loadCategory(tx, tenantId, report.category_id);
  const dueAt = slaDeadline(o.calendar, category, report.submitted_at);
  const submitted = await commitTransition({
    tx,
    tenantId,
    workflow,
    calendar: o.calendar,
    report,
    category,
    action: 'submit',
    actor: o.actor,
    to: 'submitted',
    // state_due_at is the triage clock, counted from submission like due_at.
    patch: {
      due_at: dueAt,
      state_due_at: stateDeadline(o.calendar, workflow.states.submitted?.sla, report.submitted_at, dueAt),
    },
    data: { agencyId: report.agency_id, inTriage: report.in_triage, dueAt: dueAt.toISOString() },
    note: null,
    publicEvent: true,
    notice: 'report.received',
    now,
  });
  if (submitted.in_triage) return submitted;
  return applyReportAction({
    db: tx,
    calendar: o.calendar,
    tenantId,
    reportId: report.id,
    action: 'route',
    actor: { type: 'system', id: null },
    input: { agencyId: report.agency_id },
    now,
    loaded: { report: submitted, settings, category },
  });
}

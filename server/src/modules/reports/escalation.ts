import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import type { CalendarService } from '../../platform/calendar/calendar-service.js';
import type { AppContext } from '../../platform/context.js';
import type { Clock } from '../../platform/jobs/queue.js';
import { fractionPoint } from './sla.js';
import { AUTO_CLOSE_QUEUE, ESCALATION_QUEUE } from './types.js';
import { applyReportAction, commitTransition, lockReport } from './workflow.js';
import { DEFAULT_REPORT_WORKFLOW, loadReportSettings } from './workflow-definition.js';

/**
 * The two clocks of a report (docs/reports-api.md): escalation while it is open — at 80% of the time
 * from the clock's start (submission, or the last reopening) to `due_at`, level 1 for the agency's
 * supervisors; at 100%, level 2 for the province — and the automatic close of a resolved report
 * `auto_close_days` after its resolution. Both take `now`, so tests move the clock.
 */
const BATCH = 200;
const CLOSED_STATES = ['resolved', 'closed', 'rejected'];
export const ESCALATION_FRACTION = 0.8;

interface JobOptions {
  db: Db;
  calendar: CalendarService;
  now: Date;
}

/** When the report's current clock started: its last reopening, else its submission. */
async function clockStart(tx: Db, report: { id: string; submitted_at: Date }): Promise<Date> {
  const row = await tx
    .selectFrom('report_events')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('report_id', '=', report.id)
    .where('to_state', '=', 'reopened')
    .where('from_state', '<>', 'reopened')
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : report.submitted_at;
}

/** Raises one report's escalation level as far as `now` calls for; answers the levels recorded. */
export async function escalateReport(o: JobOptions, tenantId: string, reportId: string): Promise<number> {
  const calendar = await o.calendar.forTenant(tenantId, o.db);
  return withTx(o.db, async (tx) => {
    const report = await lockReport(tx, tenantId, reportId);
    const settings = await loadReportSettings(tx, tenantId);
    const workflow = settings.workflow ?? DEFAULT_REPORT_WORKFLOW;
    const def = workflow.actions.escalate;
    // Re-checked under the lock: an officer may have resolved it since the scan.
    if (!def || !report.due_at || !def.from.includes(report.state)) return 0;
    if (workflow.states[report.state]?.open === false) return 0;
    const start = await clockStart(tx, report);
    const now = o.now.getTime();
    const target =
      now >= report.due_at.getTime()
        ? 2
        : now >= fractionPoint(start, report.due_at, ESCALATION_FRACTION).getTime()
          ? 1
          : 0;
    let current = report;
    let done = 0;
    const category = await tx
      .selectFrom('report_categories')
      .select('name')
      .where('id', '=', report.category_id)
      .executeTakeFirstOrThrow();
    // One event per level crossed, so a report found already late still shows both steps.
    for (let level = report.escalation_level + 1; level <= target; level++) {
      current = await commitTransition({
        tx,
        tenantId,
        workflow,
        calendar,
        report: current,
        category,
        action: 'escalate',
        actor: { type: 'system', id: null },
        to: current.state,
        patch: { escalation_level: level, escalated_at: o.now },
        data: { level, dueAt: report.due_at.toISOString(), agencyId: report.agency_id },
        note: null,
        publicEvent: def.public,
        notice: null,
        now: o.now,
      });
      done++;
    }
    return done;
  });
}

/** The escalation scan over every tenant; answers the number of escalation events written. */
export async function runEscalationScan(o: JobOptions): Promise<number> {
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    // A superset by the submission time: a reopened report's clock starts later, checked per row.
    const rows = await o.db
      .selectFrom('reports')
      .select(['id', 'tenant_id'])
      .where('state', 'not in', CLOSED_STATES)
      .where('due_at', 'is not', null)
      .where('escalation_level', '<', 2)
      .where(
        sql<boolean>`submitted_at + (due_at - submitted_at) * ${sql.lit(ESCALATION_FRACTION)} <= ${o.now}`,
      )
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const r of rows) done += await escalateReport(o, r.tenant_id, r.id);
    if (rows.length < BATCH) return done;
    after = rows[rows.length - 1]!.id;
  }
}

/** Closes resolved reports nobody rated or reopened within the tenant's `auto_close_days`. */
export async function runAutoClose(o: JobOptions): Promise<number> {
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await o.db
      .selectFrom('reports as r')
      .leftJoin('report_settings as s', 's.tenant_id', 'r.tenant_id')
      .select(['r.id', 'r.tenant_id'])
      .where('r.state', '=', 'resolved')
      .where('r.resolved_at', 'is not', null)
      .where(sql<boolean>`r.resolved_at + make_interval(days => coalesce(s.auto_close_days, 7)) <= ${o.now}`)
      .where('r.id', '>', after)
      .orderBy('r.id')
      .limit(BATCH)
      .execute();
    for (const r of rows) {
      const calendar = await o.calendar.forTenant(r.tenant_id, o.db);
      await applyReportAction({
        db: o.db,
        calendar,
        tenantId: r.tenant_id,
        reportId: r.id,
        action: 'close',
        actor: { type: 'system', id: null },
        input: {},
        now: o.now,
      });
      done++;
    }
    if (rows.length < BATCH) return done;
    after = rows[rows.length - 1]!.id;
  }
}

/** The report jobs on the app's worker; `clock` lets tests control "now". */
export function registerReportJobs(ctx: AppContext, options: { clock?: Clock } = {}): void {
  const now = () => options.clock?.() ?? new Date();
  ctx.worker.handle(ESCALATION_QUEUE, async () => {
    await runEscalationScan({ db: ctx.db, calendar: ctx.calendar, now: now() });
  });
  ctx.worker.schedule(ESCALATION_QUEUE, ESCALATION_QUEUE, 300);
  ctx.worker.handle(AUTO_CLOSE_QUEUE, async () => {
    await runAutoClose({ db: ctx.db, calendar: ctx.calendar, now: now() });
  });
  ctx.worker.schedule(AUTO_CLOSE_QUEUE, AUTO_CLOSE_QUEUE, 3600);
}

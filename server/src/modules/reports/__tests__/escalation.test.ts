import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { escalateReport, runAutoClose, runEscalationScan } from '../escalation.js';
import { fractionPoint } from '../sla.js';
import { buildReportsWorld, T, type ReportsWorld } from './reports.test-helpers.js';
import {
  act,
  auditActions,
  FRIDAY_9,
  insertReport,
  noticesFor,
  officerAct,
} from './workflow.test-helpers.js';

const DAY = 86_400_000;
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

describeEachDatabase('Report escalation and auto-close', (kind) => {
  let w: ReportsWorld;
  beforeAll(async () => {
    w = await buildReportsWorld(kind);
  });
  afterAll(async () => w?.t.close());

  const job = (now: Date) => ({ db: w.db, calendar: w.t.app.ctx.calendar, now });
  const row = (id: string) =>
    w.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const escalations = async (id: string) =>
    w.db
      .selectFrom('report_events')
      .select(['data', 'public'])
      .where('report_id', '=', id)
      .where('action', '=', 'escalate')
      .orderBy('id')
      .execute();

  it('escalates at 80% of the SLA once, then at 100%, and starts over on reopen', async () => {
    const report = await insertReport(w);
    const due = report.due_at!;
    const at79 = fractionPoint(FRIDAY_9, due, 0.79);
    const at80 = plus(fractionPoint(FRIDAY_9, due, 0.8), 1000);

    await runEscalationScan(job(at79));
    expect((await row(report.id)).escalation_level).toBe(0);
    expect(await escalations(report.id)).toEqual([]);

    await runEscalationScan(job(at80));
    await runEscalationScan(job(plus(at80, 60_000)));
    const level1 = await row(report.id);
    expect(level1).toMatchObject({ escalation_level: 1, state: 'assigned' });
    expect(level1.escalated_at).toEqual(at80);
    expect(await escalations(report.id)).toEqual([
      { data: expect.objectContaining({ level: 1 }), public: false },
    ]);

    await runEscalationScan(job(plus(due, 1000)));
    await runEscalationScan(job(plus(due, 2000)));
    expect((await row(report.id)).escalation_level).toBe(2);
    expect((await escalations(report.id)).map((e) => (e.data as { level: number }).level)).toEqual([1, 2]);
    expect((await auditActions(w, report.id)).filter((a) => a === 'report.escalate')).toHaveLength(2);
    // Escalation is for officers: the reporter is not told.
    expect(await noticesFor(w, report.citizen_id!, 'report.escalate')).toBe(0);

    // Resolved late, reopened: the clock and the level start over from the reopening.
    const resolvedAt = plus(due, DAY);
    const resolved = await officerAct(
      w,
      'handlerA',
      report.id,
      'resolve',
      { answer: 'Đã xử lý', photoFileIds: [] },
      resolvedAt,
    ).catch((e: unknown) => e);
    expect(resolved).toMatchObject({ code: 'REPORT_PROOF_PHOTO_REQUIRED' });
    await w.db
      .updateTable('report_categories')
      .set({ proof_photo_required: false })
      .where('id', '=', w.categories.tree)
      .execute();
    const done = await officerAct(w, 'handlerA', report.id, 'resolve', { answer: 'Đã xử lý' }, resolvedAt);
    expect(done.resolved_late).toBe(true);
    const reopenAt = plus(resolvedAt, 3600_000);
    const reopened = await act(
      w,
      { type: 'citizen', id: report.citizen_id },
      report.id,
      'reopen',
      { note: 'Cây lại đổ' },
      reopenAt,
    );
    expect(reopened.escalation_level).toBe(0);
    const newDue = reopened.due_at!;
    // 80% of the original clock has long passed, but not 80% of the new one.
    await runEscalationScan(job(fractionPoint(reopenAt, newDue, 0.79)));
    expect((await row(report.id)).escalation_level).toBe(0);
    await runEscalationScan(job(plus(fractionPoint(reopenAt, newDue, 0.8), 1000)));
    expect((await row(report.id)).escalation_level).toBe(1);
    await w.db
      .updateTable('report_categories')
      .set({ proof_photo_required: true })
      .where('id', '=', w.categories.tree)
      .execute();
  });

  it('records both levels when first found already late, and leaves resolved reports alone', async () => {
    const report = await insertReport(w, { categoryId: w.categories.other });
    expect(await escalateReport(job(plus(report.due_at!, 1000)), T, report.id)).toBe(2);
    expect((await escalations(report.id)).map((e) => (e.data as { level: number }).level)).toEqual([1, 2]);

    const quiet = await insertReport(w, { categoryId: w.categories.other });
    await officerAct(w, 'handlerA', quiet.id, 'resolve', { answer: 'Đã xử lý' }, plus(FRIDAY_9, 3600_000));
    expect(await escalateReport(job(plus(quiet.due_at!, DAY)), T, quiet.id)).toBe(0);
    expect((await row(quiet.id)).escalation_level).toBe(0);
  });

  it('closes a resolved report after auto_close_days unless it was rated or reopened', async () => {
    const resolvedAt = plus(FRIDAY_9, DAY);
    const report = await insertReport(w, { categoryId: w.categories.other });
    await officerAct(w, 'handlerA', report.id, 'resolve', { answer: 'Đã xử lý' }, resolvedAt);
    const rated = await insertReport(w, { categoryId: w.categories.other });
    await officerAct(w, 'handlerA', rated.id, 'resolve', { answer: 'Đã xử lý' }, resolvedAt);
    await act(
      w,
      { type: 'citizen', id: rated.citizen_id },
      rated.id,
      'rate',
      { rating: 4, fixed: true },
      resolvedAt,
    );

    await runAutoClose(job(plus(resolvedAt, 7 * DAY - 1000)));
    expect((await row(report.id)).state).toBe('resolved');
    await runAutoClose(job(plus(resolvedAt, 7 * DAY + 1000)));
    const closed = await row(report.id);
    expect(closed.state).toBe('closed');
    expect(closed.closed_at).toEqual(plus(resolvedAt, 7 * DAY + 1000));
    expect(await noticesFor(w, report.citizen_id!, 'report.closed')).toBe(1);
    expect(await auditActions(w, report.id)).toContain('report.close');
    // The rated one was closed by its rating, not again by the job.
    expect((await auditActions(w, rated.id)).filter((a) => a === 'report.close')).toEqual([]);
  });
});

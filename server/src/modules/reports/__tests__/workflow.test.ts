import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { localInstant } from '../../../platform/calendar/working-days.js';
import { buildReportsWorld, newCitizen, T, type ReportsWorld } from './reports.test-helpers.js';
import {
  act,
  auditActions,
  follow,
  FRIDAY_9,
  insertReport,
  noticesFor,
  officerAct,
  officerImage,
} from './workflow.test-helpers.js';

const DAY = 86_400_000;
/** The tree category's 3 working days from Friday 09:00: Wednesday 17:00. */
const TREE_DUE = localInstant('2026-12-09', '17:00');

async function events(w: ReportsWorld, reportId: string) {
  return w.db
    .selectFrom('report_events')
    .select(['action', 'from_state', 'to_state', 'public', 'data'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
}

describeEachDatabase('Report workflow engine', (kind) => {
  let w: ReportsWorld;
  beforeAll(async () => {
    w = await buildReportsWorld(kind);
  });
  afterAll(async () => w?.t.close());

  it('runs submit → route → start → resolve with proof → rate → closed, audited and notified', async () => {
    const report = await insertReport(w);
    expect(report).toMatchObject({ state: 'assigned', agency_id: w.agencies.ubndA, in_triage: false });
    expect(report.due_at).toEqual(TREE_DUE);
    expect(report.state_due_at).toEqual(TREE_DUE);
    const follower = await newCitizen(w);
    await follow(w, report.id, follower.id);

    const started = await officerAct(
      w,
      'handlerA',
      report.id,
      'start',
      {},
      new Date(FRIDAY_9.getTime() + 3600_000),
    );
    expect(started).toMatchObject({ state: 'in_progress', handler_id: w.officers.handlerA.id });

    const later = new Date(FRIDAY_9.getTime() + DAY);
    await expect(
      officerAct(w, 'handlerA', report.id, 'resolve', { answer: ' ' }, later),
    ).rejects.toMatchObject({
      code: 'REPORT_ANSWER_REQUIRED',
    });
    await expect(
      officerAct(w, 'handlerA', report.id, 'resolve', { answer: 'Đã cưa và dọn cây đổ' }, later),
    ).rejects.toMatchObject({ code: 'REPORT_PROOF_PHOTO_REQUIRED' });
    // Someone else's upload is no proof.
    const othersPhoto = await officerImage(w, 'handlerB');
    await expect(
      officerAct(w, 'handlerA', report.id, 'resolve', { answer: 'Xong', photoFileIds: [othersPhoto] }, later),
    ).rejects.toMatchObject({ code: 'REPORT_PHOTO_INVALID' });
    const proof = await officerImage(w, 'handlerA');
    const resolved = await officerAct(
      w,
      'handlerA',
      report.id,
      'resolve',
      { answer: 'Đã cưa và dọn cây đổ', photoFileIds: [proof] },
      later,
    );
    expect(resolved).toMatchObject({
      state: 'resolved',
      answer: 'Đã cưa và dọn cây đổ',
      resolved_late: false,
    });
    expect(resolved.resolved_at).toEqual(later);
    expect(resolved.state_due_at).toBeNull();
    const photos = await w.db
      .selectFrom('report_photos')
      .selectAll()
      .where('report_id', '=', report.id)
      .execute();
    expect(photos).toMatchObject([{ file_id: proof, purpose: 'resolution' }]);

    // Only the reporter rates.
    const stranger = await newCitizen(w);
    await expect(
      act(w, { type: 'citizen', id: stranger.id }, report.id, 'rate', { rating: 5, fixed: true }, later),
    ).rejects.toMatchObject({ code: 'REPORT_ACTION_FORBIDDEN' });
    const closed = await act(
      w,
      { type: 'citizen', id: report.citizen_id },
      report.id,
      'rate',
      { rating: 5, fixed: true, comment: 'Cảm ơn' },
      later,
    );
    expect(closed).toMatchObject({
      state: 'closed',
      rating: 5,
      rating_fixed: true,
      rating_comment: 'Cảm ơn',
    });
    await expect(
      officerAct(w, 'handlerA', report.id, 'resolve', { answer: 'Lại' }, later),
    ).rejects.toMatchObject({ code: 'REPORT_TRANSITION_INVALID' });

    expect((await events(w, report.id)).map((e) => [e.action, e.to_state])).toEqual([
      ['submit', 'submitted'],
      ['route', 'assigned'],
      ['start', 'in_progress'],
      ['resolve', 'resolved'],
      ['rate', 'closed'],
    ]);
    expect(await auditActions(w, report.id)).toEqual([
      'report.submit',
      'report.route',
      'report.start',
      'report.resolve',
      'report.rate',
    ]);
    const reporter = report.citizen_id!;
    for (const type of ['report.received', 'report.assigned', 'report.in_progress', 'report.resolved'])
      expect(await noticesFor(w, reporter, type), type).toBe(1);
    expect(await noticesFor(w, follower.id, 'report.in_progress')).toBe(1);
    expect(await noticesFor(w, follower.id, 'report.resolved')).toBe(1);
    const link = await w.db
      .selectFrom('inbox_messages')
      .select(['title', 'link'])
      .where('citizen_id', '=', follower.id)
      .where('type', '=', 'report.resolved')
      .executeTakeFirstOrThrow();
    expect(link).toEqual({
      title: `Phản ánh ${report.code} đã được xử lý`,
      link: { page: 'phan-anh', params: { id: report.id } },
    });
  });

  it('keeps an unrouted report in triage with its own 8-hour clock until the centre assigns it', async () => {
    const report = await insertReport(w, { inTriage: true, categoryId: w.categories.other });
    expect(report).toMatchObject({ state: 'submitted', agency_id: w.agencies.ioc, in_triage: true });
    // 2.5 h Friday morning + 4 h Friday afternoon + 1.5 h Monday from 07:30.
    expect(report.state_due_at).toEqual(localInstant('2026-12-07', '09:00'));
    await expect(
      officerAct(w, 'handlerA', report.id, 'assign_agency', { agencyId: w.agencies.ubndA }),
    ).rejects.toMatchObject({ code: 'REPORT_ACTION_FORBIDDEN' });
    await expect(officerAct(w, 'triage', report.id, 'assign_agency', {})).rejects.toMatchObject({
      code: 'REPORT_AGENCY_INVALID',
    });
    const assigned = await officerAct(w, 'triage', report.id, 'assign_agency', {
      agencyId: w.agencies.ubndB,
    });
    expect(assigned).toMatchObject({ state: 'assigned', agency_id: w.agencies.ubndB, in_triage: false });
    expect(assigned.due_at).toEqual(report.due_at);
  });

  it('transfers to another agency, which may refuse it back to triage; the deadline survives', async () => {
    const report = await insertReport(w);
    await expect(
      officerAct(w, 'handlerA', report.id, 'transfer', { agencyId: w.agencies.ubndB }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const moved = await officerAct(w, 'handlerA', report.id, 'transfer', {
      agencyId: w.agencies.ubndB,
      note: 'Vị trí thuộc xã Bến Cầu',
    });
    expect(moved).toMatchObject({ state: 'assigned', agency_id: w.agencies.ubndB, handler_id: null });
    expect(moved.due_at).toEqual(TREE_DUE);
    // A is no longer in charge.
    await expect(officerAct(w, 'handlerA', report.id, 'start')).rejects.toMatchObject({
      code: 'REPORT_ACTION_FORBIDDEN',
    });
    const refused = await officerAct(w, 'handlerB', report.id, 'refuse', { note: 'Không thuộc địa bàn' });
    expect(refused).toMatchObject({ state: 'submitted', agency_id: w.agencies.ioc, in_triage: true });
    expect(refused.due_at).toEqual(TREE_DUE);
    expect(await noticesFor(w, report.citizen_id!, 'report.transferred')).toBe(1);
    const refuseEvent = (await events(w, report.id)).find((e) => e.action === 'refuse');
    expect(refuseEvent).toMatchObject({ public: false, from_state: 'assigned', to_state: 'submitted' });
  });

  it('rejects a duplicate, links the original and moves the reporter and followers over', async () => {
    const original = await insertReport(w);
    const duplicate = await insertReport(w);
    const follower = await newCitizen(w);
    await follow(w, duplicate.id, follower.id);
    await expect(
      officerAct(w, 'handlerA', duplicate.id, 'reject', { reason: 'duplicate', duplicateOf: duplicate.id }),
    ).rejects.toMatchObject({ code: 'REPORT_DUPLICATE_INVALID' });
    await expect(officerAct(w, 'handlerA', duplicate.id, 'reject', {})).rejects.toMatchObject({
      code: 'REPORT_REASON_REQUIRED',
    });
    const rejected = await officerAct(w, 'handlerA', duplicate.id, 'reject', {
      reason: 'duplicate',
      duplicateOf: original.id,
    });
    expect(rejected).toMatchObject({
      state: 'rejected',
      duplicate_of: original.id,
      reject_reason: 'duplicate',
    });
    const followers = await w.db
      .selectFrom('report_followers')
      .select('citizen_id')
      .where('report_id', '=', original.id)
      .execute();
    expect(followers.map((f) => f.citizen_id).sort()).toEqual([duplicate.citizen_id, follower.id].sort());
    expect(await noticesFor(w, duplicate.citizen_id!, 'report.rejected')).toBe(1);
    expect(await noticesFor(w, follower.id, 'report.rejected')).toBe(1);
  });

  it('lets the reporter reopen within the window only, with a new deadline', async () => {
    const resolvedAt = new Date(FRIDAY_9.getTime() + DAY);
    const resolve = async () => {
      const r = await insertReport(w, { categoryId: w.categories.other });
      await officerAct(w, 'handlerA', r.id, 'resolve', { answer: 'Đã xử lý' }, resolvedAt);
      return r;
    };
    const a = await resolve();
    const reporter = { type: 'citizen' as const, id: a.citizen_id };
    await expect(act(w, reporter, a.id, 'reopen', {}, resolvedAt)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const reopenAt = localInstant('2026-12-07', '09:00');
    const reopened = await act(w, reporter, a.id, 'reopen', { note: 'Cây vẫn chưa được dọn' }, reopenAt);
    // 10 working days from Monday 09:00: Monday 2026-12-21, 17:00.
    expect(reopened).toMatchObject({ state: 'reopened', reopen_count: 1, escalation_level: 0 });
    expect(reopened.due_at).toEqual(localInstant('2026-12-21', '17:00'));
    expect(await noticesFor(w, a.citizen_id!, 'report.reopened')).toBe(1);

    const b = await resolve();
    const tooLate = new Date(resolvedAt.getTime() + 7 * DAY + 1000);
    await expect(
      act(w, { type: 'citizen', id: b.citizen_id }, b.id, 'reopen', { note: 'Chưa xong' }, tooLate),
    ).rejects.toMatchObject({ code: 'REPORT_REOPEN_EXPIRED' });
    const c = await resolve();
    const stranger = await newCitizen(w);
    await expect(
      act(w, { type: 'citizen', id: stranger.id }, c.id, 'reopen', { note: 'Chưa xong' }, reopenAt),
    ).rejects.toMatchObject({ code: 'REPORT_ACTION_FORBIDDEN' });
  });

  it('reopens on a "not fixed" rating within the window and closes one given after it', async () => {
    const resolvedAt = new Date(FRIDAY_9.getTime() + DAY);
    const a = await insertReport(w, { categoryId: w.categories.other });
    await officerAct(w, 'handlerA', a.id, 'resolve', { answer: 'Đã xử lý' }, resolvedAt);
    const reporter = { type: 'citizen' as const, id: a.citizen_id };
    const reopened = await act(w, reporter, a.id, 'rate', { rating: 1, fixed: false }, resolvedAt);
    expect(reopened).toMatchObject({ state: 'reopened', rating: 1, rating_fixed: false, reopen_count: 1 });
    expect(await noticesFor(w, a.citizen_id!, 'report.reopened')).toBe(1);

    const b = await insertReport(w, { categoryId: w.categories.other });
    await officerAct(w, 'handlerA', b.id, 'resolve', { answer: 'Đã xử lý' }, resolvedAt);
    const late = new Date(resolvedAt.getTime() + 8 * DAY);
    const closed = await act(
      w,
      { type: 'citizen', id: b.citizen_id },
      b.id,
      'rate',
      { rating: 2, fixed: false },
      late,
    );
    expect(closed).toMatchObject({ state: 'closed', rating: 2, rating_fixed: false });
  });

  it('keeps supervisor-only actions from handlers and gives reports only to their agency’s officers', async () => {
    const report = await insertReport(w);
    await expect(
      officerAct(w, 'handlerA', report.id, 'assign_handler', { handlerId: w.officers.handlerA.id }),
    ).rejects.toMatchObject({ code: 'REPORT_ACTION_FORBIDDEN' });
    await expect(
      officerAct(w, 'supervisorA', report.id, 'assign_handler', { handlerId: w.officers.handlerB.id }),
    ).rejects.toMatchObject({ code: 'REPORT_HANDLER_INVALID' });
    const given = await officerAct(w, 'supervisorA', report.id, 'assign_handler', {
      handlerId: w.officers.handlerA.id,
    });
    expect(given).toMatchObject({ state: 'assigned', handler_id: w.officers.handlerA.id });
    // A supervisor above the agency (the province committee) supervises it too.
    const started = await officerAct(w, 'rootSupervisor', report.id, 'start');
    expect(started.state).toBe('in_progress');
    // Assigning a handler is internal: audited, not in the reporter's timeline, no notice.
    const assign = (await events(w, report.id)).find((e) => e.action === 'assign_handler');
    expect(assign?.public).toBe(false);
    expect(await auditActions(w, report.id)).toContain('report.assign_handler');
  });

  it('counts a working-hours SLA in office hours: Friday 16:00 + 8 h is Monday 16:00', async () => {
    const hourly = await w.db
      .insertInto('report_categories')
      .values({
        tenant_id: T,
        code: 'dien-chieu-sang',
        name: 'Điện - chiếu sáng công cộng',
        name_norm: 'dien - chieu sang cong cong',
        sla_value: 8,
        sla_unit: 'hours',
        form: JSON.stringify({ fields: [] }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const report = await insertReport(w, {
      categoryId: hourly.id,
      submittedAt: localInstant('2026-12-04', '16:00'),
    });
    expect(report.due_at).toEqual(localInstant('2026-12-07', '16:00'));
  });
});

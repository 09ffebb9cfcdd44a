import { describe, expect, it } from 'vitest';
import type { ReportWorkflow } from '../api/reports-types';
import {
  EMPTY_ACTION_VALUES,
  buildActionBody,
  canModerate,
  detailActions,
  escalationText,
  markerKind,
  reportDeadline,
  stateSlaText,
  timelineActor,
  validateAction,
  workflowActionRows,
} from './reports';

const base = {
  submittedAt: '2026-03-02T01:00:00Z',
  dueAt: '2026-03-05T10:00:00Z',
  stateDueAt: '2026-03-02T09:00:00Z',
};

describe('reportDeadline', () => {
  it('counts a report in triage down to the triage deadline', () => {
    expect(reportDeadline({ ...base, state: 'submitted', inTriage: true })).toEqual({
      start: base.submittedAt,
      due: base.stateDueAt,
    });
  });
  it('counts an assigned report down to the resolution deadline', () => {
    expect(reportDeadline({ ...base, state: 'in_progress', inTriage: false })?.due).toBe(base.dueAt);
  });
  it('shows no countdown once resolved, closed or rejected', () => {
    for (const state of ['resolved', 'closed', 'rejected']) {
      expect(reportDeadline({ ...base, state, inTriage: false })).toBeNull();
    }
  });
  it('falls back to the resolution deadline when triage has none', () => {
    expect(reportDeadline({ ...base, stateDueAt: null, state: 'submitted', inTriage: true })?.due).toBe(
      base.dueAt,
    );
  });
});

describe('actions', () => {
  it('orders the server-listed actions and drops unknown ones', () => {
    expect(detailActions(['reject', 'start', 'escalate', 'resolve'])).toEqual(['start', 'resolve', 'reject']);
    expect(detailActions(undefined)).toEqual([]);
  });

  it('requires an answer, and a proof photo when the category asks', () => {
    const values = { ...EMPTY_ACTION_VALUES };
    expect(validateAction('resolve', values, { proofRequired: true, photoCount: 0 })).toEqual({
      answer: 'Vui lòng nhập nội dung trả lời.',
      photoFileIds: 'Vui lòng chọn ít nhất một ảnh kết quả.',
    });
    expect(
      validateAction('resolve', { ...values, answer: 'Đã dọn cây' }, { proofRequired: false, photoCount: 0 }),
    ).toEqual({});
    expect(Object.keys(validateAction('resolve', { ...values, answer: 'x' }, { photoCount: 5 }))).toEqual([
      'photoFileIds',
    ]);
  });

  it('asks for the original when rejecting as a duplicate', () => {
    const values = { ...EMPTY_ACTION_VALUES, reason: 'duplicate' as const };
    expect(validateAction('reject', values)).toHaveProperty('duplicateCode');
    expect(validateAction('reject', { ...values, duplicateCode: 'PA-1' })).toEqual({});
    expect(validateAction('reject', EMPTY_ACTION_VALUES)).toHaveProperty('reason');
  });

  it('requires an agency and a note to transfer, a handler to assign', () => {
    expect(Object.keys(validateAction('transfer', EMPTY_ACTION_VALUES)).sort()).toEqual(['agencyId', 'note']);
    expect(Object.keys(validateAction('assign_handler', EMPTY_ACTION_VALUES))).toEqual(['handlerId']);
    expect(validateAction('start', EMPTY_ACTION_VALUES)).toEqual({});
  });

  it('sends only what the action takes', () => {
    const values = {
      ...EMPTY_ACTION_VALUES,
      agencyId: 'a1',
      handlerId: 'h1',
      note: '  chuyển  ',
      answer: ' xong ',
      reason: 'duplicate' as const,
    };
    expect(buildActionBody('transfer', values)).toEqual({ agencyId: 'a1', note: 'chuyển' });
    expect(buildActionBody('assign_handler', values)).toEqual({ handlerId: 'h1' });
    expect(buildActionBody('resolve', values, { photoFileIds: ['f1'] })).toEqual({
      answer: 'xong',
      note: 'chuyển',
      photoFileIds: ['f1'],
    });
    expect(buildActionBody('reject', values, { duplicateOf: 'r0' })).toEqual({
      reason: 'duplicate',
      duplicateOf: 'r0',
      note: 'chuyển',
    });
    expect(buildActionBody('reject', { ...values, reason: 'spam' }, { duplicateOf: 'r0' })).toEqual({
      reason: 'spam',
      note: 'chuyển',
    });
  });
});

describe('canModerate', () => {
  it('lets supervisors and the coordination centre moderate, not a plain handler', () => {
    expect(canModerate([{ role: 'supervisor' }], [])).toBe(true);
    expect(canModerate([{ role: 'province_admin' }], [])).toBe(true);
    expect(canModerate([{ role: 'handler' }], ['start', 'resolve'])).toBe(false);
    // A handler at the centre is offered triage actions.
    expect(canModerate([{ role: 'handler' }], ['assign_agency', 'reject'])).toBe(true);
  });
});

describe('labels', () => {
  it('names escalation levels', () => {
    expect(escalationText(0)).toBeNull();
    expect(escalationText(1)).toBe('Đã báo lãnh đạo cơ quan');
    expect(escalationText(2)).toBe('Đã báo cấp tỉnh');
  });
  it('colours markers by lateness and state', () => {
    expect(markerKind({ state: 'in_progress', late: true })).toBe('late');
    expect(markerKind({ state: 'assigned', late: false })).toBe('open');
    expect(markerKind({ state: 'resolved', late: false })).toBe('done');
  });
  it('names the actor of a timeline entry', () => {
    expect(timelineActor({ at: '', action: 'start', actorName: 'Trần Văn Xử' })).toBe('Trần Văn Xử');
    expect(timelineActor({ at: '', action: 'submit', actorType: 'citizen' })).toBe('Người dân');
    expect(timelineActor({ at: '', action: 'escalate', actorType: 'system' })).toBe('Hệ thống');
  });
  it('writes the workflow in words', () => {
    const workflow: ReportWorkflow = {
      states: {
        submitted: { label: 'Chờ phân loại', open: true, public: false, sla: { hours: 8 } },
        assigned: { label: 'Đã chuyển cơ quan xử lý', open: true, public: false, sla: 'category' },
      },
      actions: {
        assign_agency: {
          label: 'Chuyển cơ quan',
          from: ['submitted'],
          to: 'assigned',
          by: ['triage'],
          requires: ['agency'],
          public: true,
        },
        assign_handler: {
          label: 'Phân công',
          from: ['assigned'],
          to: null,
          by: ['supervisor'],
          public: false,
        },
      },
    };
    expect(workflowActionRows(workflow)).toEqual([
      {
        key: 'assign_agency',
        label: 'Chuyển cơ quan',
        from: 'Chờ phân loại',
        to: 'Đã chuyển cơ quan xử lý',
        by: 'Điều phối',
        requires: 'cơ quan',
      },
      {
        key: 'assign_handler',
        label: 'Phân công',
        from: 'Đã chuyển cơ quan xử lý',
        to: '(giữ nguyên)',
        by: 'Lãnh đạo',
        requires: '—',
      },
    ]);
    expect(stateSlaText({ hours: 8 })).toBe('8 giờ làm việc');
    expect(stateSlaText('category')).toBe('Theo lĩnh vực');
    expect(stateSlaText(undefined)).toBe('—');
  });
});

import type { Db } from '../../db/connection.js';
import { AppError } from '../../platform/errors/app-error.js';

/**
 * The report workflow as data (docs/reports-api.md "Workflow"): states with their public/open flags
 * and SLA, actions with the states they leave from, where they lead, who may take them and what they
 * need. A tenant may store its own definition in report_settings.workflow; the engine (workflow.ts)
 * attaches side effects to the action names below, so a custom definition must keep them.
 */
export type ReportWorkflowRole = 'triage' | 'handler' | 'supervisor' | 'reporter' | 'system';
export type ReportRequirement = 'answer' | 'reason' | 'agency' | 'handler' | 'note' | 'rating';
export type ReportStateSla = { hours: number } | { days: number } | 'category';

export interface ReportStateDefinition {
  label: string;
  open: boolean;
  public: boolean;
  sla?: ReportStateSla;
}

export interface ReportActionDefinition {
  label: string;
  from: string[];
  to: string | null;
  by: ReportWorkflowRole[];
  requires?: ReportRequirement[];
  public: boolean;
  notice?: string;
}

export interface ReportWorkflow {
  states: Record<string, ReportStateDefinition>;
  actions: Record<string, ReportActionDefinition>;
}

const OPEN = ['submitted', 'assigned', 'in_progress', 'reopened'];

export const DEFAULT_REPORT_WORKFLOW: ReportWorkflow = {
  states: {
    submitted: { label: 'Chờ phân loại', open: true, public: false, sla: { hours: 8 } },
    assigned: { label: 'Đã chuyển cơ quan xử lý', open: true, public: false, sla: 'category' },
    in_progress: { label: 'Đang xử lý', open: true, public: true, sla: 'category' },
    resolved: { label: 'Đã xử lý', open: false, public: true },
    closed: { label: 'Đã kết thúc', open: false, public: true },
    rejected: { label: 'Từ chối', open: false, public: false },
    reopened: { label: 'Mở lại', open: true, public: false, sla: 'category' },
  },
  actions: {
    route: {
      label: 'Tự động chuyển cơ quan xử lý',
      from: ['submitted'],
      to: 'assigned',
      by: ['system'],
      requires: ['agency'],
      public: true,
      notice: 'report.assigned',
    },
    assign_agency: {
      label: 'Chuyển cơ quan xử lý',
      from: ['submitted'],
      to: 'assigned',
      by: ['triage'],
      requires: ['agency'],
      public: true,
      notice: 'report.assigned',
    },
    assign_handler: {
      label: 'Giao cán bộ xử lý',
      from: ['assigned', 'in_progress', 'reopened'],
      to: null,
      by: ['supervisor', 'triage'],
      requires: ['handler'],
      public: false,
    },
    start: {
      label: 'Bắt đầu xử lý',
      from: ['assigned', 'reopened'],
      to: 'in_progress',
      by: ['handler', 'supervisor'],
      public: true,
      notice: 'report.in_progress',
    },
    transfer: {
      label: 'Chuyển cơ quan khác',
      from: ['assigned', 'in_progress'],
      to: 'assigned',
      by: ['handler', 'supervisor'],
      requires: ['agency', 'note'],
      public: true,
      notice: 'report.transferred',
    },
    refuse: {
      label: 'Trả về bộ phận phân loại',
      from: ['assigned'],
      to: 'submitted',
      by: ['handler', 'supervisor'],
      requires: ['note'],
      public: false,
    },
    resolve: {
      label: 'Hoàn thành xử lý',
      from: ['assigned', 'in_progress', 'reopened'],
      to: 'resolved',
      by: ['handler', 'supervisor'],
      requires: ['answer'],
      public: true,
      notice: 'report.resolved',
    },
    reject: {
      label: 'Từ chối',
      from: [...OPEN],
      to: 'rejected',
      by: ['triage', 'handler', 'supervisor'],
      requires: ['reason'],
      public: true,
      notice: 'report.rejected',
    },
    rate: {
      label: 'Đánh giá kết quả',
      from: ['resolved'],
      to: 'closed',
      by: ['reporter'],
      requires: ['rating'],
      public: true,
    },
    reopen: {
      label: 'Mở lại phản ánh',
      from: ['resolved', 'closed'],
      to: 'reopened',
      by: ['reporter'],
      requires: ['note'],
      public: true,
      notice: 'report.reopened',
    },
    close: {
      label: 'Tự động kết thúc',
      from: ['resolved'],
      to: 'closed',
      by: ['system'],
      public: true,
      notice: 'report.closed',
    },
    escalate: {
      label: 'Cảnh báo quá hạn',
      from: [...OPEN],
      to: null,
      by: ['system'],
      public: false,
    },
  },
};

export const WORKFLOW_ROLES: readonly ReportWorkflowRole[] = [
  'triage',
  'handler',
  'supervisor',
  'reporter',
  'system',
];
const REQUIREMENTS: readonly ReportRequirement[] = [
  'answer',
  'reason',
  'agency',
  'handler',
  'note',
  'rating',
];
/** The engine's side effects hang on these names (workflow-effects.ts), so every definition keeps them. */
export const REQUIRED_ACTIONS = Object.keys(DEFAULT_REPORT_WORKFLOW.actions);
/** New reports start in `submitted`; refuse, rate and reopen lead to these. */
export const REQUIRED_STATES = ['submitted', 'assigned', 'resolved', 'closed', 'rejected', 'reopened'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validSla(sla: unknown): boolean {
  if (sla === undefined || sla === 'category') return true;
  if (!isRecord(sla)) return false;
  const keys = Object.keys(sla);
  if (keys.length !== 1 || (keys[0] !== 'hours' && keys[0] !== 'days')) return false;
  const n = sla[keys[0]];
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 1000;
}

/** Checks a stored or submitted definition; throws REPORT_WORKFLOW_INVALID listing every problem. */
export function validateWorkflow(json: unknown): ReportWorkflow {
  const problems: string[] = [];
  if (!isRecord(json) || !isRecord(json.states) || !isRecord(json.actions)) {
    throw new AppError('REPORT_WORKFLOW_INVALID', { problems: ['states and actions must be objects'] });
  }
  const states = json.states;
  for (const [name, s] of Object.entries(states)) {
    if (!isRecord(s)) {
      problems.push(`state ${name}: not an object`);
      continue;
    }
    if (typeof s.label !== 'string' || s.label.trim() === '') problems.push(`state ${name}: label`);
    if (typeof s.open !== 'boolean') problems.push(`state ${name}: open`);
    if (typeof s.public !== 'boolean') problems.push(`state ${name}: public`);
    if (!validSla(s.sla)) problems.push(`state ${name}: sla`);
  }
  for (const name of REQUIRED_STATES) if (!(name in states)) problems.push(`state ${name}: missing`);
  for (const [name, a] of Object.entries(json.actions)) {
    if (!isRecord(a)) {
      problems.push(`action ${name}: not an object`);
      continue;
    }
    if (typeof a.label !== 'string' || a.label.trim() === '') problems.push(`action ${name}: label`);
    if (!Array.isArray(a.from) || a.from.length === 0) problems.push(`action ${name}: from`);
    else
      for (const s of a.from) if (!(String(s) in states)) problems.push(`action ${name}: unknown state ${s}`);
    if (a.to !== null && !(typeof a.to === 'string' && a.to in states))
      problems.push(`action ${name}: unknown state ${String(a.to)}`);
    if (!Array.isArray(a.by) || a.by.length === 0) problems.push(`action ${name}: by`);
    else
      for (const r of a.by)
        if (!WORKFLOW_ROLES.includes(r as ReportWorkflowRole))
          problems.push(`action ${name}: unknown role ${r}`);
    if (a.requires !== undefined) {
      if (!Array.isArray(a.requires)) problems.push(`action ${name}: requires`);
      else
        for (const r of a.requires)
          if (!REQUIREMENTS.includes(r as ReportRequirement))
            problems.push(`action ${name}: unknown requirement ${r}`);
    }
    if (typeof a.public !== 'boolean') problems.push(`action ${name}: public`);
    if (a.notice !== undefined && (typeof a.notice !== 'string' || !a.notice.startsWith('report.')))
      problems.push(`action ${name}: notice`);
  }
  for (const name of REQUIRED_ACTIONS) if (!(name in json.actions)) problems.push(`action ${name}: missing`);
  if (problems.length > 0) throw new AppError('REPORT_WORKFLOW_INVALID', { problems });
  return json as unknown as ReportWorkflow;
}

export interface ReportSettings {
  triageAgencyId: string | null;
  autoCloseDays: number;
  reopenDays: number;
  /** The tenant's own definition, or null for DEFAULT_REPORT_WORKFLOW. */
  workflow: ReportWorkflow | null;
}

export const DEFAULT_AUTO_CLOSE_DAYS = 7;
export const DEFAULT_REOPEN_DAYS = 7;

/** The tenant's settings, or the defaults when it has no row. Pass `tx` inside a transaction. */
export async function loadReportSettings(db: Db, tenantId: string): Promise<ReportSettings> {
  const row = await db
    .selectFrom('report_settings')
    .select(['triage_agency_id', 'auto_close_days', 'reopen_days', 'workflow'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return {
    triageAgencyId: row?.triage_agency_id ?? null,
    autoCloseDays: row?.auto_close_days ?? DEFAULT_AUTO_CLOSE_DAYS,
    reopenDays: row?.reopen_days ?? DEFAULT_REOPEN_DAYS,
    // Validated when saved; a row edited by hand is still checked rather than trusted.
    workflow: row?.workflow ? validateWorkflow(row.workflow) : null,
  };
}

export async function loadWorkflow(db: Db, tenantId: string): Promise<ReportWorkflow> {
  return (await loadReportSettings(db, tenantId)).workflow ?? DEFAULT_REPORT_WORKFLOW;
}

export function stateLabel(workflow: ReportWorkflow, state: string): string {
  return workflow.states[state]?.label ?? state;
}

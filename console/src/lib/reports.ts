import type {
  RejectReason,
  ReportListItem,
  ReportMapPoint,
  ReportTimelineEntry,
  ReportWorkflow,
} from '../api/reports-types';
import { rt } from './reports-text';

/*
 * The pure logic behind the reports screens (tested in reports.test.ts): which deadline a row
 * counts down to, what each workflow action asks of the officer, and how a map marker is coloured.
 */

/** States the default workflow keeps open; a tenant's own workflow reports `late` itself. */
const OPEN_STATES = new Set(['submitted', 'assigned', 'in_progress', 'reopened']);

export interface Deadline {
  start: string;
  due: string;
}

/**
 * The deadline shown for a report: while it waits in triage, the state's own (short) deadline;
 * otherwise the resolution deadline. Closed reports (resolved, rejected…) count down to nothing.
 */
export function reportDeadline(
  item: Pick<ReportListItem, 'state' | 'submittedAt' | 'dueAt' | 'stateDueAt' | 'inTriage'> & {
    open?: boolean;
  },
): Deadline | null {
  const open = item.open ?? OPEN_STATES.has(item.state);
  if (!open) return null;
  const due = item.inTriage || item.state === 'submitted' ? (item.stateDueAt ?? item.dueAt) : item.dueAt;
  return due ? { start: item.submittedAt, due } : null;
}

export function escalationText(level: number): string | null {
  if (level >= 2) return rt.escalated2;
  if (level === 1) return rt.escalated1;
  return null;
}

export function actionLabel(action: string): string {
  return rt.actionLabels[action] ?? action;
}

/** Actions the console offers as buttons, in this order (the server's list decides which appear). */
const ACTION_ORDER = [
  'assign_agency',
  'start',
  'resolve',
  'assign_handler',
  'transfer',
  'refuse',
  'reject',
] as const;

export function detailActions(allowed: readonly string[] | undefined): string[] {
  const set = new Set(allowed ?? []);
  return ACTION_ORDER.filter((a) => set.has(a));
}

/**
 * Whether the officer may hide content from the public feed: the server allows supervisors (of the
 * agency or above) and the coordination centre. Supervising roles show it; so do the actions only
 * the centre or a supervisor may take on this report. The server decides in the end.
 */
export function canModerate(roles: readonly { role: string }[], actions: readonly string[]): boolean {
  if (roles.some((r) => ['supervisor', 'agency_admin', 'province_admin'].includes(r.role))) return true;
  return actions.includes('assign_agency') || actions.includes('assign_handler');
}

/** Bulk actions on the inbox: those that need no per-report answer. */
export const BULK_ACTIONS = ['start', 'assign_handler', 'reject'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface ActionValues {
  agencyId: string;
  handlerId: string;
  note: string;
  answer: string;
  reason: RejectReason | '';
  duplicateCode: string;
}

export const EMPTY_ACTION_VALUES: ActionValues = {
  agencyId: '',
  handlerId: '',
  note: '',
  answer: '',
  reason: '',
  duplicateCode: '',
};

/** Which inputs each action shows (mirrors `requires` of the default workflow). */
export function actionFields(action: string): Set<keyof ActionValues | 'photos'> {
  switch (action) {
    case 'assign_agency':
      return new Set(['agencyId', 'note']);
    case 'assign_handler':
      return new Set(['handlerId']);
    case 'transfer':
      return new Set(['agencyId', 'note']);
    case 'refuse':
      return new Set(['note']);
    case 'resolve':
      return new Set(['answer', 'photos', 'note']);
    case 'reject':
      return new Set(['reason', 'duplicateCode', 'note']);
    default:
      return new Set(['note']);
  }
}

export const MAX_PROOF_PHOTOS = 4;

/** Checks the officer's input before anything is uploaded or sent; field → message. */
export function validateAction(
  action: string,
  values: ActionValues,
  options: { photoCount?: number; proofRequired?: boolean } = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  const blank = (s: string) => s.trim() === '';
  if ((action === 'assign_agency' || action === 'transfer') && !values.agencyId) {
    errors.agencyId = rt.required.agencyId;
  }
  if (action === 'assign_handler' && !values.handlerId) errors.handlerId = rt.required.handlerId;
  if ((action === 'transfer' || action === 'refuse') && blank(values.note)) errors.note = rt.required.note;
  if (action === 'resolve') {
    if (blank(values.answer)) errors.answer = rt.required.answer;
    const count = options.photoCount ?? 0;
    if (options.proofRequired && count === 0) errors.photoFileIds = rt.required.photos;
    if (count > MAX_PROOF_PHOTOS) errors.photoFileIds = rt.required.tooManyPhotos;
  }
  if (action === 'reject') {
    if (!values.reason) errors.reason = rt.required.reason;
    else if (values.reason === 'duplicate' && blank(values.duplicateCode)) {
      errors.duplicateCode = rt.required.duplicateOf;
    }
  }
  return errors;
}

/** The body of POST …/actions/:action: only what the action takes, trimmed. */
export function buildActionBody(
  action: string,
  values: ActionValues,
  extra: { photoFileIds?: string[]; duplicateOf?: string } = {},
): Record<string, unknown> {
  const fields = actionFields(action);
  const body: Record<string, unknown> = {};
  const note = values.note.trim();
  if (fields.has('note') && note) body.note = note;
  if (fields.has('agencyId') && values.agencyId) body.agencyId = values.agencyId;
  if (fields.has('handlerId') && values.handlerId) body.handlerId = values.handlerId;
  if (fields.has('answer')) body.answer = values.answer.trim();
  if (fields.has('photos') && extra.photoFileIds && extra.photoFileIds.length > 0) {
    body.photoFileIds = extra.photoFileIds;
  }
  if (fields.has('reason') && values.reason) {
    body.reason = values.reason;
    if (values.reason === 'duplicate' && extra.duplicateOf) body.duplicateOf = extra.duplicateOf;
  }
  return body;
}

export type MarkerKind = 'late' | 'open' | 'done';

export function markerKind(point: Pick<ReportMapPoint, 'state' | 'late'>): MarkerKind {
  if (point.late) return 'late';
  return OPEN_STATES.has(point.state) ? 'open' : 'done';
}

/** Marker colours: red for late, blue for open, green for finished (all ≥ 3:1 on map tiles). */
export const MARKER_COLOURS: Record<MarkerKind, string> = {
  late: '#b3261e',
  open: '#0b57d0',
  done: '#146c2e',
};

/** Who acted, as the timeline names them. */
export function timelineActor(entry: ReportTimelineEntry): string {
  const name = entry.actorName ?? entry.actor?.name;
  if (name) return name;
  const type = entry.actorType ?? entry.actor?.type;
  if (type === 'citizen') return rt.citizen;
  if (type === 'system') return rt.system;
  if (type === 'open311') return rt.open311;
  return '';
}

export interface WorkflowActionRow {
  key: string;
  label: string;
  from: string;
  to: string;
  by: string;
  requires: string;
}

/** The workflow's actions as table rows in words (state labels, role names). */
export function workflowActionRows(workflow: ReportWorkflow): WorkflowActionRow[] {
  const stateName = (key: string) => workflow.states[key]?.label ?? key;
  return Object.entries(workflow.actions).map(([key, action]) => ({
    key,
    label: action.label,
    from: action.from.map(stateName).join(', '),
    to: action.to === null ? rt.keep : stateName(action.to),
    by: action.by.map((b) => rt.roles[b] ?? b).join(', '),
    requires: (action.requires ?? []).map((r) => rt.requirements[r] ?? r).join(', ') || '—',
  }));
}

/** "8 giờ làm việc", "Theo lĩnh vực", or a dash: a state's SLA in words. */
export function stateSlaText(sla: ReportWorkflow['states'][string]['sla']): string {
  if (sla === undefined) return '—';
  if (sla === 'category') return rt.slaCategory;
  return 'hours' in sla ? rt.sla(sla.hours, 'hours') : rt.sla(sla.days, 'days');
}

import type { DossierAction, DossierDetail, DossierListItem, DossierStatus, FormField } from '../api/types';
import { t } from '../i18n';

/*
 * Pure helpers of the dossier screens: words for statuses and actions, the queue tabs, which
 * deadline badge a dossier shows, how a failed bulk receive is explained, and when the detail page
 * should look again for a slip the background job is still issuing.
 */

export function dossierStatusLabel(status: string): string {
  return t.dossiers.statuses[status] ?? status;
}

export function dossierActionLabel(action: string): string {
  return t.dossiers.actions[action] ?? action;
}

export function channelLabel(channel: string): string {
  return t.dossiers.channels[channel] ?? channel;
}

export function slipLabel(form: string): string {
  return t.dossiers.slipForms[form] ?? `Mẫu ${form}`;
}

/** The queue tabs in desk order: one per status, then the late dossiers of every open status. */
export type QueueTab = DossierStatus | 'late';
export const QUEUE_TABS: readonly QueueTab[] = [
  'submitted',
  'received',
  'processing',
  'supplement_requested',
  'payment_requested',
  'result_ready',
  'returned',
  'refused',
  'withdrawn',
  'late',
];

export function queueTabLabel(tab: QueueTab): string {
  return tab === 'late' ? t.dossiers.late : dossierStatusLabel(tab);
}

export function parseQueueTab(value: string | null): QueueTab {
  return QUEUE_TABS.includes(value as QueueTab) ? (value as QueueTab) : 'submitted';
}

/** The list API's parameters for a tab. */
export function queueParams(tab: QueueTab): Record<string, string> {
  return tab === 'late' ? { late: 'true' } : { status: tab };
}

const OPEN: readonly DossierStatus[] = [
  'received',
  'processing',
  'supplement_requested',
  'payment_requested',
];

/** What the deadline column shows for one dossier. */
export type DossierSla =
  | { kind: 'not_received' }
  | { kind: 'paused' }
  | { kind: 'running'; start: string; due: string }
  | { kind: 'closed'; due: string | null; late: boolean };

export function dossierSla(
  d: Pick<DossierListItem, 'status' | 'receivedAt' | 'dueAt' | 'pausedAt'> & { late?: boolean },
): DossierSla {
  if (d.status === 'supplement_requested' && d.pausedAt) return { kind: 'paused' };
  if (d.status === 'submitted') return { kind: 'not_received' };
  if (!d.dueAt) {
    return d.status === 'supplement_requested'
      ? { kind: 'not_received' }
      : { kind: 'closed', due: null, late: Boolean(d.late) };
  }
  if (OPEN.includes(d.status)) return { kind: 'running', start: d.receivedAt ?? d.dueAt, due: d.dueAt };
  return { kind: 'closed', due: d.dueAt, late: Boolean(d.late) };
}

/** Actions the detail page offers a button for (a citizen's own actions are not done here). */
export const OFFICER_ACTIONS: readonly DossierAction[] = [
  'receive',
  'start',
  'request_supplement',
  'request_payment',
  'confirm_payment',
  'complete',
  'return',
  'assign',
  'refuse',
];

export function officerActions(allowed: readonly string[] | undefined): DossierAction[] {
  const set = new Set(allowed ?? []);
  return OFFICER_ACTIONS.filter((a) => set.has(a));
}

/** Actions that cannot be taken back: they ask for confirmation first. */
export function isDestructive(action: DossierAction): boolean {
  return action === 'refuse' || action === 'return' || action === 'complete';
}

/** The slip a status should have once the background job has run: Mẫu 01 after receipt, etc. */
const SLIP_FOR_STATUS: Partial<Record<DossierStatus, string>> = {
  supplement_requested: '02',
  refused: '03',
};

export function missingSlip(d: Pick<DossierDetail, 'status' | 'slips' | 'receivedAt'>): string | null {
  const forms = new Set(d.slips.map((s) => s.form));
  const wanted = SLIP_FOR_STATUS[d.status] ?? (d.receivedAt && d.status !== 'withdrawn' ? '01' : null);
  return wanted && !forms.has(wanted) ? wanted : null;
}

/**
 * Why one dossier of a bulk receive failed. The server names the dossier and a code; the code may be
 * an error code (DOSSIER_TRANSITION_INVALID) or the dossier's own code, depending on the answer's
 * version, so both are understood.
 */
export function describeBulkFailure(
  failure: { id: string; code?: string; reason?: string; message?: string },
  codesById: Record<string, string>,
): { dossier: string; reason: string } {
  const code = failure.code ?? '';
  const isErrorCode = /^[A-Z][A-Z0-9_]+$/.test(code);
  const dossier = codesById[failure.id] ?? (!isErrorCode && code ? code : failure.id);
  const errorCode = isErrorCode ? code : (failure.reason ?? '');
  const reason =
    failure.message ??
    (errorCode ? t.dossiers.bulkReason(errorCode) : t.dossiers.bulkReason('DOSSIER_TRANSITION_INVALID'));
  return { dossier, reason };
}

/* Form data, as an officer reads it ------------------------------------------------------------ */

export type RenderedValue =
  | { kind: 'text'; text: string }
  | { kind: 'files'; files: { id: string; name: string }[] }
  | { kind: 'table'; columns: string[]; rows: string[][] };

export interface RenderedField {
  name: string;
  label: string;
  value: RenderedValue;
}

export interface RenderContext {
  /** Names of the dossier's files by id (attachment values are file ids). */
  fileNames: Record<string, string>;
  /** A commune's name by id, when known. */
  communeName?: (id: string) => string | undefined;
}

/** "2026-03-05" → "05/03/2026" (the day as typed, no time zone to shift it). */
export function formatIsoDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

function optionLabel(field: FormField, value: unknown): string {
  const found = field.options?.find((o) => o.value === value);
  return found ? found.label : String(value);
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** One value as text (anything but attachments and tables). */
export function valueText(field: FormField, value: unknown, ctx: RenderContext): string {
  const v = t.dossiers.formValue;
  if (isEmpty(value)) return v.empty;
  switch (field.type) {
    case 'date':
      return typeof value === 'string' ? formatIsoDay(value) : String(value);
    case 'select':
      return optionLabel(field, value);
    case 'multiselect':
      return Array.isArray(value) ? value.map((x) => optionLabel(field, x)).join(', ') : String(value);
    case 'checkbox':
      return value === true ? v.yes : value === false ? v.no : String(value);
    case 'number':
      return typeof value === 'number' ? value.toLocaleString('vi-VN') : String(value);
    case 'address': {
      if (typeof value !== 'object' || value === null) return String(value);
      const { street, communeId } = value as { street?: string; communeId?: string };
      const commune = communeId ? (ctx.communeName?.(communeId) ?? communeId) : '';
      return [street, commune].filter(Boolean).join(', ') || v.empty;
    }
    default:
      if (typeof value === 'object') return JSON.stringify(value);
      return String(value);
  }
}

function shown(field: FormField, scope: Record<string, unknown>): boolean {
  if (!field.showIf) return true;
  return field.showIf.in.includes(scope[field.showIf.field] as string | number | boolean);
}

/** The submitted data in the form's order, with the form's labels; hidden conditional fields left out. */
export function renderFormData(
  fields: readonly FormField[],
  data: Record<string, unknown>,
  ctx: RenderContext,
): RenderedField[] {
  const out: RenderedField[] = [];
  for (const field of fields) {
    const value = data[field.name];
    if (!shown(field, data) && isEmpty(value)) continue;
    let rendered: RenderedValue;
    if (field.type === 'attachment') {
      const ids = Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
      rendered = { kind: 'files', files: ids.map((id) => ({ id, name: ctx.fileNames[id] ?? id })) };
    } else if (field.type === 'table') {
      const columns = field.columns ?? [];
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      rendered = {
        kind: 'table',
        columns: columns.map((c) => c.label),
        rows: rows.map((row) => columns.map((c) => valueText(c, row?.[c.name], ctx))),
      };
    } else {
      rendered = { kind: 'text', text: valueText(field, value, ctx) };
    }
    out.push({ name: field.name, label: field.label, value: rendered });
  }
  // Values the form no longer describes (a procedure edited after submission) are still shown.
  const known = new Set(fields.map((f) => f.name));
  for (const [name, value] of Object.entries(data)) {
    if (known.has(name) || isEmpty(value)) continue;
    out.push({
      name,
      label: name,
      value: {
        kind: 'text',
        text: typeof value === 'object' ? JSON.stringify(value) : String(value),
      },
    });
  }
  return out;
}

/** "1.500.000 ₫" */
export function formatVnd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return t.none;
  return `${amount.toLocaleString('vi-VN')} ₫`;
}

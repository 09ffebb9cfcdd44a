import type { DossierAction } from '../api/types';
import { t } from '../i18n';
import { officerActions } from './dossier';

/** What an officer typed in an action dialog, and the body of POST /api/admin/dossiers/:id/actions. */

export interface ActionValues {
  note: string;
  items: string[];
  amount: string;
  reason: string;
  assigneeId: string;
}

/** Amounts may be typed as "1.500.000" or "1 500 000 ₫". */
export function parseAmount(text: string): number {
  return Number(text.replace(/[.\s,₫đ]/g, ''));
}

/**
 * The buttons of the detail page: the officer actions, plus `supplement` first when allowed — a
 * clerk records the papers a citizen brought to the counter, the step the dossier is waiting for.
 */
export function detailActions(allowed: readonly string[] | undefined): DossierAction[] {
  const actions = officerActions(allowed);
  return allowed?.includes('supplement') ? ['supplement', ...actions] : actions;
}

/** Whether the action's dialog takes files: results on `complete`, the papers on `supplement`. */
export function takesFiles(action: DossierAction): boolean {
  return action === 'complete' || action === 'supplement';
}

export function buildActionBody(
  action: DossierAction,
  values: ActionValues,
  fileIds: string[] = [],
): Record<string, unknown> {
  const body: Record<string, unknown> = { action };
  const note = values.note.trim();
  if (note) body.note = note;
  if (action === 'request_supplement') body.items = values.items.map((i) => i.trim()).filter(Boolean);
  if (action === 'request_payment') body.amount = parseAmount(values.amount);
  if (action === 'refuse') body.reason = values.reason.trim();
  if (action === 'assign') body.assigneeId = values.assigneeId;
  if (action === 'complete' && fileIds.length > 0) body.resultFileIds = fileIds;
  if (action === 'supplement' && fileIds.length > 0) body.fileIds = fileIds;
  return body;
}

export function validateAction(action: DossierAction, values: ActionValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (action === 'refuse' && !values.reason.trim()) errors.reason = t.dossiers.reasonRequired;
  if (action === 'request_supplement' && !values.items.some((i) => i.trim())) {
    errors['items.0'] = t.dossiers.itemsRequired;
  }
  if (action === 'request_payment') {
    const amount = parseAmount(values.amount);
    if (!Number.isInteger(amount) || amount <= 0) errors.amount = t.dossiers.amountInvalid;
  }
  if (action === 'assign' && !values.assigneeId) errors.assigneeId = t.dossiers.assigneeRequired;
  return errors;
}

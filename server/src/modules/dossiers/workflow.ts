import type { Db } from '../../db/connection.js';
import type { DossierStatus } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { loadHolidays } from '../../platform/calendar/calendar-service.js';
import { WorkingCalendar } from '../../platform/calendar/working-days.js';
import { AppError } from '../../platform/errors/app-error.js';
import { notify } from '../../platform/notify/notify.js';
import { checkAttachments } from './create-dossier.js';
import { assigneesFor } from './scope.js';
import { enqueueSlip } from './slip-queue.js';
import { noticeFor } from './workflow-notices.js';
import { TRANSITIONS, type DossierAction, type DossierActor } from './types.js';

export interface ApplyActionInput {
  tx: Db;
  tenantId: string;
  dossierId: string;
  action: DossierAction;
  actor: DossierActor;
  note?: string | null;
  /** request_supplement: the papers to add */
  items?: string[];
  /** refuse, withdraw */
  reason?: string | null;
  /** request_payment, VND; default: the sum of the procedure's fees */
  amount?: number | null;
  /** assign */
  assigneeId?: string | null;
  /** complete: result files; supplement: added papers (without a form field) */
  fileIds?: string[];
  /** supplement: added papers by form field (the citizen route) */
  files?: { fileId: string; field: string | null }[];
  at?: Date;
  /** The tenant's calendar when the caller has it cached; otherwise loaded with `tx`. */
  calendar?: WorkingCalendar;
}

type Patch = {
  status?: DossierStatus;
  received_at?: Date;
  due_at?: Date | null;
  paused_at?: Date | null;
  completed_at?: Date;
  returned_at?: Date;
  closed_reason?: string;
  fee_amount?: number;
  assignee_id?: string | null;
};

/**
 * One step of a dossier's life (docs/dossiers-api.md): checks the transition, updates the row, and
 * writes the timeline entry, the audit row, the citizen's notice and the slip job — all in `tx`, so
 * a decision and its notice commit together. Who may take the step is the caller's concern (the
 * console checks roles per agency; the one-stop integration is trusted by signature).
 *
 * Clock rules: `receive` sets the due date to the procedure's processing days counted in working
 * days (platform/calendar). `request_supplement` stops the clock (paused_at). On `supplement` the
 * clock restarts (Circular 01/2018): the working days that were left at the pause are counted again
 * from the day the papers arrive, so the due date moves later by the working time paused. A
 * supplement asked for before receipt has no clock to move.
 */
export async function applyAction(o: ApplyActionInput): Promise<void> {
  const { tx, tenantId } = o;
  if (!tx.isTransaction) throw new Error('applyAction needs a transaction handle');
  const at = o.at ?? new Date();
  const dossier = await tx
    .selectFrom('dossiers')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .select([
      'dossiers.id',
      'dossiers.code',
      'dossiers.status',
      'dossiers.citizen_id',
      'dossiers.due_at',
      'dossiers.paused_at',
      'dossiers.assignee_id',
      'dossiers.agency_id',
      'procedures.name as procedure_name',
      'procedures.processing_days',
      'procedures.fees',
    ])
    .where('dossiers.tenant_id', '=', tenantId)
    .where('dossiers.id', '=', o.dossierId)
    .forUpdate('dossiers')
    .executeTakeFirst();
  if (!dossier) throw new AppError('DOSSIER_NOT_FOUND');
  const rule = TRANSITIONS[o.action];
  if (!rule.from.includes(dossier.status)) {
    throw new AppError('DOSSIER_TRANSITION_INVALID', { status: dossier.status, action: o.action });
  }
  const calendar = async () => o.calendar ?? new WorkingCalendar(await loadHolidays(tx, tenantId));
  const patch: Patch = {};
  const eventData: Record<string, unknown> = {};
  let to: DossierStatus = rule.to ?? dossier.status;

  switch (o.action) {
    case 'receive': {
      patch.received_at = at;
      patch.due_at = (await calendar()).addWorkingDays(at, dossier.processing_days);
      eventData.dueAt = patch.due_at.toISOString();
      break;
    }
    case 'request_supplement': {
      const items = (o.items ?? []).map((i) => i.trim()).filter(Boolean);
      if (items.length === 0 && !o.note?.trim()) throw required('items');
      // Only a running clock stops; before receipt there is none.
      if (dossier.due_at) patch.paused_at = at;
      eventData.items = items;
      break;
    }
    case 'supplement': {
      to = await statusBeforeSupplement(tx, dossier.id);
      if (dossier.paused_at && dossier.due_at) {
        const cal = await calendar();
        const left = Math.max(0, cal.workingDaysBetween(dossier.paused_at, dossier.due_at));
        patch.due_at = cal.addWorkingDays(at, left);
        eventData.dueAt = patch.due_at.toISOString();
      }
      patch.paused_at = null;
      const added = [...(o.files ?? []), ...(o.fileIds ?? []).map((fileId) => ({ fileId, field: null }))];
      await addFiles(o, added, 'supplement');
      eventData.files = added.length;
      break;
    }
    case 'request_payment': {
      const fees = dossier.fees as { amount: number }[];
      const amount = o.amount ?? fees.reduce((sum, f) => sum + (f.amount ?? 0), 0);
      if (!Number.isInteger(amount) || amount <= 0) throw required('amount');
      patch.fee_amount = amount;
      eventData.amount = amount;
      break;
    }
    case 'complete': {
      patch.completed_at = at;
      await addFiles(
        o,
        (o.fileIds ?? []).map((fileId) => ({ fileId, field: null })),
        'result',
      );
      break;
    }
    case 'return':
      patch.returned_at = at;
      break;
    case 'refuse':
    case 'withdraw': {
      const reason = (o.reason ?? o.note ?? '').trim();
      if (o.action === 'refuse' && !reason) throw required('reason');
      if (reason) patch.closed_reason = reason;
      patch.paused_at = null;
      eventData.reason = reason || null;
      break;
    }
    case 'assign': {
      if (o.assigneeId) {
        const officer = await tx
          .selectFrom('officers')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', o.assigneeId)
          .executeTakeFirst();
        if (!officer) throw new AppError('OFFICER_NOT_FOUND');
        // Whoever calls (console, integration), the dossier goes only to someone who may work on it.
        const fits = await assigneesFor(tx, tenantId, dossier.agency_id, o.assigneeId);
        if (fits.length === 0) throw new AppError('DOSSIER_ASSIGNEE_INVALID');
      }
      patch.assignee_id = o.assigneeId ?? null;
      eventData.assigneeId = patch.assignee_id;
      break;
    }
    default:
      break;
  }
  patch.status = to;

  await tx
    .updateTable('dossiers')
    .set({ ...patch, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', dossier.id)
    .execute();
  const event = await tx
    .insertInto('dossier_events')
    .values({
      tenant_id: tenantId,
      dossier_id: dossier.id,
      at,
      action: o.action,
      from_status: dossier.status,
      to_status: to,
      actor_type: o.actor.type,
      actor_id: o.actor.id,
      note: o.note?.trim() || null,
      data: JSON.stringify(eventData),
      // Who works on a dossier is the agency's business, not the citizen's timeline.
      public: o.action !== 'assign',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(tx, {
    tenantId,
    actor: o.actor,
    action: `dossier.${o.action}`,
    entityType: 'dossier',
    entityId: dossier.id,
    data: { code: dossier.code, from: dossier.status, to, ...eventData },
  });

  const notice = noticeFor(o.action, {
    code: dossier.code,
    procedure: dossier.procedure_name,
    dueAt: patch.due_at ?? dossier.due_at,
    items: (eventData.items as string[] | undefined) ?? [],
    note: o.note ?? null,
    reason: (eventData.reason as string | null | undefined) ?? null,
    amount: patch.fee_amount ?? null,
  });
  if (notice?.slip) {
    await enqueueSlip(tx, { tenantId, dossierId: dossier.id, form: notice.slip, eventId: event.id });
  }
  if (notice?.notify && dossier.citizen_id) {
    await notify({ tx, tenantId, citizenId: dossier.citizen_id, ...notice.notify });
  }
}

function required(path: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ path, rule: 'required' }] });
}

/** The status the dossier had when the supplement was asked for: it goes back there. */
async function statusBeforeSupplement(tx: Db, dossierId: string): Promise<DossierStatus> {
  const row = await tx
    .selectFrom('dossier_events')
    .select('from_status')
    .where('dossier_id', '=', dossierId)
    .where('action', '=', 'request_supplement')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.from_status ?? 'received';
}

async function addFiles(
  o: ApplyActionInput,
  files: { fileId: string; field: string | null }[],
  purpose: 'supplement' | 'result',
): Promise<void> {
  if (files.length === 0) return;
  await checkAttachments(
    o.tx,
    o.tenantId,
    o.actor,
    files.map((f) => f.fileId),
  );
  await o.tx
    .insertInto('dossier_files')
    .values(
      files.map((f) => ({
        tenant_id: o.tenantId,
        dossier_id: o.dossierId,
        file_id: f.fileId,
        purpose,
        field: f.field,
      })),
    )
    .onConflict((oc) => oc.columns(['dossier_id', 'file_id']).doNothing())
    .execute();
}

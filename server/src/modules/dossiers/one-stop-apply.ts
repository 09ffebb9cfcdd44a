import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { DossierStatus } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import { notify } from '../../platform/notify/notify.js';
import { applyAction } from './workflow.js';
import { noticeFor } from './workflow-notices.js';
import { TRANSITIONS, type DossierAction, type DossierActor } from './types.js';

/**
 * Applying what a one-stop system reports to our copy of its dossier. The one-stop system is the
 * source of truth, and its events may arrive late or out of order (retries, queues on its side):
 *
 * - every event is kept (one_stop_events) and written to the timeline at its own event time;
 * - the dossier's status is that of the latest event by event time: an event older than one
 *   already applied is recorded in the timeline but does not move the status back;
 * - a step our workflow allows (received → processing) goes through applyAction, so the due date,
 *   audit row, notice and slip are the same as for a dossier handled in our console; when the
 *   one-stop system skipped steps (submitted → result_ready), the status is set directly with a
 *   timeline entry by actor 'integration', and the citizen gets the same notice.
 */
export type OneStopKind =
  | 'received'
  | 'supplement_requested'
  | 'payment_requested'
  | 'processing'
  | 'result_ready'
  | 'returned'
  | 'refused'
  | 'withdrawn';

export interface OneStopChange {
  kind: OneStopKind;
  at: Date;
  note?: string | null;
  dueAt?: string | null;
  items?: string[];
  reason?: string | null;
  amount?: number | null;
}

/** The workflow actions that reach each status, tried in order against the current status. */
const ACTIONS_TO: Record<OneStopKind, DossierAction[]> = {
  received: ['receive'],
  processing: ['start', 'confirm_payment'],
  supplement_requested: ['request_supplement'],
  payment_requested: ['request_payment'],
  result_ready: ['complete'],
  returned: ['return'],
  refused: ['refuse'],
  withdrawn: ['withdraw'],
};

/** Both paths take this lock, so an event and its dossier arriving together are never both missed. */
export async function lockExternal(tx: Db, integrationId: string, externalId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`dossier-ext:${integrationId}:${externalId}`}))`.execute(
    tx,
  );
}

/** Applies the stored events of one dossier not applied yet, oldest first. */
export async function syncOneStopDossier(
  tx: Db,
  integration: { id: string; tenantId: string },
  externalId: string,
): Promise<boolean> {
  const dossier = await tx
    .selectFrom('dossiers')
    .select(['id', 'submitted_at'])
    .where('integration_id', '=', integration.id)
    .where('external_id', '=', externalId)
    .forUpdate()
    .executeTakeFirst();
  if (!dossier) return false;
  const applied = await tx
    .selectFrom('one_stop_events')
    .select((eb) => eb.fn.max('event_time').as('latest'))
    .where('integration_id', '=', integration.id)
    .where('external_id', '=', externalId)
    .where('applied_at', 'is not', null)
    .executeTakeFirst();
  let latest = applied?.latest ? new Date(applied.latest) : dossier.submitted_at;
  const pending = await tx
    .selectFrom('one_stop_events')
    .select(['id', 'event_time', 'kind', 'payload'])
    .where('integration_id', '=', integration.id)
    .where('external_id', '=', externalId)
    .where('applied_at', 'is', null)
    .orderBy('event_time')
    .orderBy('id')
    .execute();
  for (const event of pending) {
    const payload = event.payload as Omit<OneStopChange, 'kind' | 'at'>;
    const change: OneStopChange = { ...payload, kind: event.kind as OneStopKind, at: event.event_time };
    const ctx = { tx, tenantId: integration.tenantId, dossierId: dossier.id, actor: actorOf(integration) };
    if (event.event_time.getTime() >= latest.getTime()) {
      await moveTo(ctx, change);
      latest = event.event_time;
    } else {
      await recordOnly(ctx, change, 'late');
    }
    await tx
      .updateTable('one_stop_events')
      .set({ applied_at: new Date() })
      .where('id', '=', event.id)
      .execute();
  }
  return true;
}

export const actorOf = (integration: { id: string }): DossierActor => ({
  type: 'integration',
  id: integration.id,
});

interface Ctx {
  tx: Db;
  tenantId: string;
  dossierId: string;
  actor: DossierActor;
}

/** Moves the dossier to the change's status: through the workflow when it allows it, else directly. */
export async function moveTo(ctx: Ctx, change: OneStopChange): Promise<void> {
  const { tx } = ctx;
  const row = await tx
    .selectFrom('dossiers')
    .select('status')
    .where('id', '=', ctx.dossierId)
    .executeTakeFirstOrThrow();
  const target = change.kind as DossierStatus;
  if (row.status === target) return recordOnly(ctx, change, 'repeat');
  const action = ACTIONS_TO[change.kind].find((a) => TRANSITIONS[a].from.includes(row.status));
  if (action) {
    try {
      await applyAction({
        ...ctx,
        action,
        at: change.at,
        note: change.note ?? null,
        items: change.items,
        // Our workflow insists on a reason to refuse; the one-stop system's note is the reason it gave.
        reason:
          change.reason ?? change.note ?? (action === 'refuse' ? 'Theo hệ thống một cửa điện tử' : null),
        amount: change.amount ?? null,
      });
      if (change.dueAt) await setDueAt(ctx, change.dueAt);
      return;
    } catch (error) {
      // The workflow refused for want of a detail (no fee amount, no supplement items) that the
      // one-stop system does not send: its word still stands, so the status is set directly.
      if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
    }
  }
  await forceStatus(ctx, row.status, change);
}

async function setDueAt(ctx: Ctx, dueAt: string): Promise<void> {
  await ctx.tx
    .updateTable('dossiers')
    .set({ due_at: new Date(dueAt) })
    .where('id', '=', ctx.dossierId)
    .execute();
}

async function forceStatus(ctx: Ctx, from: DossierStatus, change: OneStopChange): Promise<void> {
  const { tx, tenantId } = ctx;
  const at = change.at;
  const to = change.kind as DossierStatus;
  const action = ACTIONS_TO[change.kind][0]!;
  const dossier = await tx
    .selectFrom('dossiers')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .select(['dossiers.code', 'dossiers.citizen_id', 'dossiers.due_at', 'procedures.name as procedure_name'])
    .where('dossiers.id', '=', ctx.dossierId)
    .executeTakeFirstOrThrow();
  const reason = change.reason ?? change.note ?? null;
  await tx
    .updateTable('dossiers')
    .set({
      status: to,
      updated_at: at,
      ...(to === 'received' ? { received_at: at } : {}),
      ...(to === 'result_ready' ? { completed_at: at } : {}),
      ...(to === 'returned' ? { returned_at: at } : {}),
      ...((to === 'refused' || to === 'withdrawn') && reason ? { closed_reason: reason } : {}),
      paused_at: to === 'supplement_requested' && dossier.due_at ? at : null,
      ...(change.dueAt ? { due_at: new Date(change.dueAt) } : {}),
      ...(change.amount ? { fee_amount: change.amount } : {}),
    })
    .where('id', '=', ctx.dossierId)
    .execute();
  const data = { source: 'one_stop', skipped: true, items: change.items ?? [], dueAt: change.dueAt ?? null };
  await insertEvent(ctx, { at, action, from, to, note: change.note ?? null, data });
  await appendAudit(tx, {
    tenantId,
    actor: ctx.actor,
    action: `dossier.${action}`,
    entityType: 'dossier',
    entityId: ctx.dossierId,
    data: { code: dossier.code, from, to, source: 'one_stop' },
  });
  const notice = noticeFor(action, {
    code: dossier.code,
    procedure: dossier.procedure_name,
    dueAt: change.dueAt ? new Date(change.dueAt) : dossier.due_at,
    items: change.items ?? [],
    note: change.note ?? null,
    reason,
    amount: change.amount ?? null,
  });
  if (notice?.notify && dossier.citizen_id) {
    await notify({ tx, tenantId, citizenId: dossier.citizen_id, ...notice.notify });
  }
}

/** A timeline entry that does not change the status: a late or repeated report. No notice. */
async function recordOnly(ctx: Ctx, change: OneStopChange, why: 'late' | 'repeat'): Promise<void> {
  await insertEvent(ctx, {
    at: change.at,
    action: ACTIONS_TO[change.kind][0]!,
    from: null,
    to: change.kind as DossierStatus,
    note: change.note ?? null,
    data: { source: 'one_stop', [why]: true, items: change.items ?? [], reason: change.reason ?? null },
  });
}

async function insertEvent(
  ctx: Ctx,
  e: {
    at: Date;
    action: string;
    from: DossierStatus | null;
    to: DossierStatus;
    note: string | null;
    data: object;
  },
): Promise<void> {
  await ctx.tx
    .insertInto('dossier_events')
    .values({
      tenant_id: ctx.tenantId,
      dossier_id: ctx.dossierId,
      at: e.at,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      actor_type: 'integration',
      actor_id: ctx.actor.id,
      note: e.note,
      data: JSON.stringify(e.data),
    })
    .execute();
}

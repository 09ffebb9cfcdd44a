import type { Db } from '../../db/connection.js';
import type { DossierStatus } from '../../db/schema.js';
import { withTx } from '../../db/transaction-guard.js';
import { AppError } from '../../platform/errors/app-error.js';
import { createDossier } from './create-dossier.js';
import { actorOf, lockExternal, moveTo, syncOneStopDossier, type OneStopKind } from './one-stop-apply.js';

/**
 * What a one-stop system posts once its signature is verified (one-stop.routes.ts). Both calls are
 * idempotent: a dossier by (integration, externalId), an event by (integration, eventId).
 */
export interface OneStopIntegrationRef {
  id: string;
  tenantId: string;
}

export interface OneStopDossierInput {
  externalId: string;
  code: string;
  procedureCode: string;
  agencyCode?: string;
  applicant: { name: string; phone?: string | null; idNumber?: string | null; address?: string | null };
  submittedAt: string;
  status: DossierStatus;
  dueAt?: string | null;
  data?: Record<string, unknown>;
}

export interface OneStopEventInput {
  eventId: string;
  externalId: string;
  eventTime: string;
  kind: OneStopKind;
  note?: string | null;
  dueAt?: string | null;
  items?: string[];
  reason?: string | null;
  amount?: number | null;
}

/** "+84 912 345 678", "84912345678" and "0912345678" are one number, stored as 0xxxxxxxxx. */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, '');
  if (/^84\d{9}$/.test(digits)) return `0${digits.slice(2)}`;
  return /^0\d{9}$/.test(digits) ? digits : null;
}

export async function receiveOneStopDossier(
  db: Db,
  integration: OneStopIntegrationRef,
  input: OneStopDossierInput,
): Promise<{ id: string; code: string; created: boolean; linked: boolean }> {
  const tenantId = integration.tenantId;
  return withTx(db, async (tx) => {
    await lockExternal(tx, integration.id, input.externalId);
    const procedure = await tx
      .selectFrom('procedures')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('code', '=', input.procedureCode)
      .executeTakeFirst();
    if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND');
    const phone = normalizePhone(input.applicant.phone);
    // Linked at once only to a citizen who proved this number (Zalo or SMS code): a number merely
    // typed at a counter must not hand someone else's dossier to whoever claims it.
    const citizen = phone
      ? await tx
          .selectFrom('citizens')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where('phone', '=', phone)
          .where('phone_verified_at', 'is not', null)
          .executeTakeFirst()
      : undefined;
    const submittedAt = new Date(input.submittedAt);
    const created = await createDossier({
      tx,
      tenantId,
      procedureId: procedure.id,
      channel: 'one_stop',
      citizenId: citizen?.id ?? null,
      applicant: { ...input.applicant, phone: phone ?? input.applicant.phone ?? null },
      data: input.data ?? {},
      integrationId: integration.id,
      externalId: input.externalId,
      code: input.code,
      submittedAt,
      actor: actorOf(integration),
    });
    if (created.created) {
      if (input.status !== 'submitted') {
        // The status it has now, as if reported when it was filed; later events move it on.
        await moveTo(
          { tx, tenantId, dossierId: created.id, actor: actorOf(integration) },
          { kind: input.status as OneStopKind, at: submittedAt, dueAt: input.dueAt ?? null },
        );
      }
      // Events that came before their dossier were kept; they apply now, in event-time order.
      await syncOneStopDossier(tx, integration, input.externalId);
    }
    return { ...created, linked: Boolean(citizen) };
  });
}

export async function receiveOneStopEvent(
  db: Db,
  integration: OneStopIntegrationRef,
  input: OneStopEventInput,
): Promise<{ duplicate: boolean; applied: boolean }> {
  return withTx(db, async (tx) => {
    await lockExternal(tx, integration.id, input.externalId);
    const { eventId, externalId, eventTime, kind, ...details } = input;
    const stored = await tx
      .insertInto('one_stop_events')
      .values({
        tenant_id: integration.tenantId,
        integration_id: integration.id,
        event_id: eventId,
        external_id: externalId,
        event_time: new Date(eventTime),
        kind,
        payload: JSON.stringify(details),
      })
      .onConflict((oc) => oc.columns(['integration_id', 'event_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!stored) return { duplicate: true, applied: false };
    // No dossier yet: the event waits and is applied when its dossier is posted.
    const applied = await syncOneStopDossier(tx, integration, externalId);
    return { duplicate: false, applied };
  });
}

import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import type { ProcedureDocument, SlipForm } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { storageKeyFor, type FileStorage } from '../../platform/files/storage.js';
import { notify } from '../../platform/notify/notify.js';
import { renderSlip, type SlipData } from '../../platform/pdf/slips.js';
import type { SlipJobPayload } from './slip-queue.js';
import { vietnamDateTimeShort } from './types.js';

export interface SlipDeps {
  db: Db;
  storage: FileStorage;
  publicUrl: string;
  render?: (data: SlipData) => Promise<Buffer>;
}

/** Where the slip's QR leads: the lookup page, inside Zalo when the province has a mini app. */
export function lookupUrl(o: {
  publicUrl: string;
  zaloAppId: string | null;
  code: string;
  secret: string;
}): string {
  const base = o.zaloAppId ? `https://zalo.me/s/${o.zaloAppId}/` : `${o.publicUrl.replace(/\/$/, '')}/`;
  const query = new URLSearchParams({ page: 'tra-cuu-ho-so', code: o.code, s: o.secret });
  return `${base}?${query.toString()}`;
}

export const SLIP_NAMES: Record<SlipForm, string> = {
  '01': 'Giay tiep nhan ho so va hen tra ket qua',
  '02': 'Phieu yeu cau bo sung hoan thien ho so',
  '03': 'Phieu tu choi tiep nhan giai quyet ho so',
  '04': 'Phieu xin loi va hen lai ngay tra ket qua',
};

/**
 * The `dossier.slip` job: renders the Circular 01/2018 slip, stores the PDF, and records it (files,
 * dossier_slips, dossier_files) in one transaction. The bytes are written before the transaction;
 * if it fails they are removed. A retry after a commit is harmless: one slip per form and event.
 */
export async function issueSlip(
  deps: SlipDeps,
  tenantId: string,
  payload: SlipJobPayload,
): Promise<string | null> {
  const { db } = deps;
  const row = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .innerJoin('tenants as t', 't.id', 'd.tenant_id')
    .select([
      'd.id',
      'd.code',
      'd.citizen_id',
      'd.lookup_secret',
      'd.applicant_name',
      'd.applicant_phone',
      'd.applicant_address',
      'd.applicant_id_number',
      'd.received_at',
      'd.due_at',
      'd.closed_reason',
      'p.name as procedure_name',
      'p.documents',
      'a.name as agency_name',
      'a.address as agency_address',
      't.name as province',
      't.zalo_app_id',
    ])
    .where('d.tenant_id', '=', tenantId)
    .where('d.id', '=', payload.dossierId)
    .executeTakeFirst();
  if (!row) return null; // deleted since (a citizen's erasure): nothing to issue
  const event = payload.eventId
    ? await db
        .selectFrom('dossier_events')
        .select(['id', 'note', 'data', 'actor_type', 'actor_id'])
        .where('dossier_id', '=', row.id)
        .where('id', '=', payload.eventId)
        .executeTakeFirst()
    : undefined;
  if (event && (await alreadyIssued(db, row.id, payload.form, event.id))) return null;
  const eventData = (event?.data ?? {}) as { items?: string[]; reason?: string; newDueAt?: string };
  const officer =
    event?.actor_type === 'officer' && event.actor_id
      ? await db
          .selectFrom('officers')
          .select('full_name')
          .where('id', '=', event.actor_id)
          .executeTakeFirst()
      : undefined;
  const issuedAt = new Date();
  const data: SlipData = {
    form: payload.form,
    province: row.province,
    agency: row.agency_name,
    place: row.agency_address ?? row.province,
    issuedAt,
    code: row.code,
    procedure: row.procedure_name,
    applicant: {
      name: row.applicant_name,
      phone: row.applicant_phone,
      address: row.applicant_address,
      idNumber: row.applicant_id_number,
    },
    documents: (row.documents as ProcedureDocument[]).map((d) => ({
      name: d.name,
      copies: d.copies,
      original: d.original,
    })),
    receivedAt: row.received_at,
    dueAt: row.due_at,
    newDueAt: eventData.newDueAt ? new Date(eventData.newDueAt) : null,
    officer: officer?.full_name ?? null,
    reason: eventData.reason ?? event?.note ?? row.closed_reason ?? null,
    items: eventData.items ?? [],
    qrUrl: lookupUrl({
      publicUrl: deps.publicUrl,
      zaloAppId: row.zalo_app_id,
      code: row.code,
      secret: row.lookup_secret,
    }),
  };
  const pdf = await (deps.render ?? renderSlip)(data);
  const fileId = randomUUID();
  const key = storageKeyFor(tenantId, fileId, 'pdf', issuedAt);
  await deps.storage.put(key, pdf);
  try {
    return await withTx(db, async (tx) => {
      await tx
        .insertInto('files')
        .values({
          id: fileId,
          tenant_id: tenantId,
          kind: 'document',
          // Issued by the system, read by the citizen through the dossier routes only.
          owner_type: 'system',
          owner_id: null,
          original_name: `Mau-${payload.form}-${row.code}.pdf`,
          content_type: 'application/pdf',
          size_bytes: pdf.length,
          sha256: createHash('sha256').update(pdf).digest('hex'),
          storage_key: key,
          width: null,
          height: null,
          gps_lat: null,
          gps_lng: null,
        })
        .execute();
      const slip = await tx
        .insertInto('dossier_slips')
        .values({ tenant_id: tenantId, dossier_id: row.id, form: payload.form, file_id: fileId })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('dossier_files')
        .values({ tenant_id: tenantId, dossier_id: row.id, file_id: fileId, purpose: 'slip', field: null })
        .execute();
      await tx
        .insertInto('dossier_events')
        .values({
          tenant_id: tenantId,
          dossier_id: row.id,
          action: 'slip_issued',
          from_status: null,
          to_status: null,
          actor_type: 'system',
          actor_id: null,
          note: null,
          data: JSON.stringify({ form: payload.form, slipId: slip.id, eventId: event?.id ?? null }),
          public: false,
        })
        .execute();
      await appendAudit(tx, {
        tenantId,
        actor: { type: 'system', id: null },
        action: 'dossier.slip_issued',
        entityType: 'dossier',
        entityId: row.id,
        data: { form: payload.form, slipId: slip.id, fileId },
      });
      if (payload.notifyType && row.citizen_id) {
        const notice = slipNotice(payload.notifyType, row.code, row.procedure_name, data);
        if (notice) await notify({ tx, tenantId, citizenId: row.citizen_id, ...notice });
      }
      return slip.id;
    });
  } catch (error) {
    await deps.storage.delete(key).catch(() => undefined);
    throw error;
  }
}

async function alreadyIssued(db: Db, dossierId: string, form: SlipForm, eventId: number): Promise<boolean> {
  const rows = await db
    .selectFrom('dossier_events')
    .select('data')
    .where('dossier_id', '=', dossierId)
    .where('action', '=', 'slip_issued')
    .execute();
  return rows.some((r) => {
    const d = r.data as { form?: string; eventId?: number };
    return d.form === form && d.eventId === eventId;
  });
}

/** The notice a slip job may send after the PDF exists; only types whose data the slip carries. */
function slipNotice(
  type: string,
  code: string,
  procedure: string,
  slip: SlipData,
): { type: string; data: Record<string, string> } | null {
  const appointment = slip.newDueAt ?? slip.dueAt;
  const when = appointment ? vietnamDateTimeShort(appointment) : 'sẽ được thông báo sau';
  const reason = slip.reason || (slip.items ?? []).join('; ') || 'Xem phiếu kèm theo';
  switch (type) {
    case 'dossier.received':
      return { type, data: { code, procedure, appointment: when } };
    case 'dossier.overdue_apology':
      return { type, data: { code, appointment: when } };
    case 'dossier.supplement_requested':
    case 'dossier.refused':
      return { type, data: { code, reason } };
    default:
      return null;
  }
}

import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { canonicalJson, appendAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import { notify } from '../../platform/notify/notify.js';
import { normalizeVi } from '../../platform/search/normalize.js';
import { nextDossierCode } from './dossier-code.js';
import type { DossierActor } from './types.js';

export interface ApplicantInput {
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  address?: string | null;
}

export interface CreateDossierInput {
  tx: Db;
  tenantId: string;
  procedureId: string;
  channel: 'app' | 'one_stop' | 'counter';
  citizenId: string | null;
  applicant: ApplicantInput;
  data: Record<string, unknown>;
  attachments?: { fileId: string; field: string }[];
  idempotencyKey?: string | null;
  integrationId?: string | null;
  externalId?: string | null;
  /** A one-stop system's own code, kept instead of numbering the dossier ourselves. */
  code?: string;
  submittedAt?: Date;
  actor: DossierActor;
}

export interface CreatedDossier {
  id: string;
  code: string;
  created: boolean;
}

/** The text the console's search looks in: code, applicant name and phone, accents removed. */
export function dossierSearchText(code: string, applicant: ApplicantInput): string {
  return normalizeVi([code, applicant.name, applicant.phone ?? ''].join(' '));
}

/**
 * A dossier in status `submitted`, with its attachments, first timeline entry, audit row and the
 * citizen's confirmation, all in the caller's transaction. Replays are answered with the first
 * dossier (`created: false`): the same citizen + Idempotency-Key with the same procedure and data,
 * or the same one-stop integration + external id. A key reused for other content is refused.
 */
export async function createDossier(o: CreateDossierInput): Promise<CreatedDossier> {
  const { tx, tenantId } = o;
  if (!tx.isTransaction) throw new Error('createDossier needs a transaction handle');
  const replay = await findReplay(o);
  if (replay) return replay;

  const procedure = await tx
    .selectFrom('procedures')
    .innerJoin('agencies', 'agencies.id', 'procedures.agency_id')
    .select([
      'procedures.id',
      'procedures.name',
      'procedures.enabled',
      'procedures.agency_id',
      'agencies.code as agency_code',
    ])
    .where('procedures.tenant_id', '=', tenantId)
    .where('procedures.id', '=', o.procedureId)
    .executeTakeFirst();
  if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND');
  // A counter or one-stop system may still file a dossier for a procedure switched off online.
  if (!procedure.enabled && o.channel === 'app') throw new AppError('PROCEDURE_NOT_ONLINE');

  const attachments = o.attachments ?? [];
  await checkAttachments(
    tx,
    tenantId,
    o.actor,
    attachments.map((a) => a.fileId),
  );

  const submittedAt = o.submittedAt ?? new Date();
  const code = o.code ?? (await nextDossierCode(tx, tenantId, procedure.agency_code, submittedAt));
  const dossier = await tx
    .insertInto('dossiers')
    .values({
      tenant_id: tenantId,
      code,
      procedure_id: procedure.id,
      agency_id: procedure.agency_id,
      citizen_id: o.citizenId,
      channel: o.channel,
      status: 'submitted',
      applicant_name: o.applicant.name,
      applicant_phone: o.applicant.phone ?? null,
      applicant_id_number: o.applicant.idNumber ?? null,
      applicant_address: o.applicant.address ?? null,
      search_norm: dossierSearchText(code, o.applicant),
      data: JSON.stringify(o.data),
      lookup_secret: randomBytes(16).toString('base64url'),
      idempotency_key: o.idempotencyKey ?? null,
      integration_id: o.integrationId ?? null,
      external_id: o.externalId ?? null,
      submitted_at: submittedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (attachments.length > 0) {
    await tx
      .insertInto('dossier_files')
      .values(
        uniqueBy(attachments, (a) => a.fileId).map((a) => ({
          tenant_id: tenantId,
          dossier_id: dossier.id,
          file_id: a.fileId,
          purpose: 'attachment' as const,
          field: a.field,
        })),
      )
      .execute();
  }
  await tx
    .insertInto('dossier_events')
    .values({
      tenant_id: tenantId,
      dossier_id: dossier.id,
      at: submittedAt,
      action: 'submit',
      from_status: null,
      to_status: 'submitted',
      actor_type: o.actor.type,
      actor_id: o.actor.id,
      note: null,
      data: JSON.stringify({ channel: o.channel }),
    })
    .execute();
  await appendAudit(tx, {
    tenantId,
    actor: o.actor,
    action: 'dossier.submitted',
    entityType: 'dossier',
    entityId: dossier.id,
    data: { code, channel: o.channel, procedureId: procedure.id, attachments: attachments.length },
  });
  if (o.citizenId) {
    await notify({
      tx,
      tenantId,
      citizenId: o.citizenId,
      type: 'dossier.submitted',
      data: { code, procedure: procedure.name },
    });
  }
  return { id: dossier.id, code, created: true };
}

async function findReplay(o: CreateDossierInput): Promise<CreatedDossier | null> {
  const { tx, tenantId } = o;
  if (o.idempotencyKey && o.citizenId) {
    // Two requests with one key at once: the lock makes the second see the first's dossier.
    const lockKey = `dossier-idem:${tenantId}:${o.citizenId}:${o.idempotencyKey}`;
    await sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(tx);
    const row = await tx
      .selectFrom('dossiers')
      .select(['id', 'code', 'procedure_id', 'data'])
      .where('tenant_id', '=', tenantId)
      .where('citizen_id', '=', o.citizenId)
      .where('idempotency_key', '=', o.idempotencyKey)
      .executeTakeFirst();
    if (!row) return null;
    const same = row.procedure_id === o.procedureId && canonicalJson(row.data) === canonicalJson(o.data);
    if (!same) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return { id: row.id, code: row.code, created: false };
  }
  if (o.integrationId && o.externalId) {
    const lockKey = `dossier-ext:${o.integrationId}:${o.externalId}`;
    await sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`.execute(tx);
    const row = await tx
      .selectFrom('dossiers')
      .select(['id', 'code'])
      .where('integration_id', '=', o.integrationId)
      .where('external_id', '=', o.externalId)
      .executeTakeFirst();
    return row ? { id: row.id, code: row.code, created: false } : null;
  }
  return null;
}

/**
 * Attached files must exist in the tenant; a citizen may attach only their own uploads (another
 * person's file id must not become readable through a dossier). Officers and systems attach any
 * file of the tenant.
 */
export async function checkAttachments(
  tx: Db,
  tenantId: string,
  actor: DossierActor,
  fileIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(fileIds)];
  if (ids.length === 0) return;
  if (ids.some((id) => !UUID.test(id))) throw new AppError('DOSSIER_FILE_INVALID');
  let query = tx.selectFrom('files').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids);
  if (actor.type === 'citizen') {
    query = query.where('owner_type', '=', 'citizen').where('owner_id', '=', actor.id);
  }
  const found = await query.execute();
  if (found.length !== ids.length) throw new AppError('DOSSIER_FILE_INVALID');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
}

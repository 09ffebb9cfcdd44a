import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { localDate } from '../../platform/calendar/working-days.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { FormDefinition } from '../../platform/forms/definition.js';
import { validateFormData } from '../../platform/forms/validate.js';
import { createDossier, type ApplicantInput } from './create-dossier.js';

const NAME_FIELDS = ['ho_ten', 'applicant_name', 'full_name', 'ten_nguoi_nop', 'ho_va_ten'];

/**
 * The applicant printed on slips and shown to officers. From the form first — its name field (one of
 * NAME_FIELDS), its first phone, id_number and address fields — because the applicant may file for
 * someone else; what the form lacks comes from the citizen's profile (Zalo name, verified phone).
 */
export async function applicantFrom(
  db: Db,
  tenantId: string,
  def: FormDefinition,
  data: Record<string, unknown>,
  profile: { display_name: string | null; phone: string | null },
): Promise<ApplicantInput> {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const first = (type: string) => def.fields.find((f) => f.type === type && data[f.name] !== undefined);
  const nameField = def.fields.find((f) => NAME_FIELDS.includes(f.name) && text(data[f.name]));
  const phoneField = first('phone');
  const idField = first('id_number');
  const addressField = first('address');
  let address: string | null = null;
  if (addressField) {
    const value = data[addressField.name] as { communeId?: string; street?: string };
    const commune = value.communeId
      ? await db
          .selectFrom('admin_units')
          .select('name')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', value.communeId)
          .executeTakeFirst()
      : undefined;
    address = [text(value.street), commune?.name].filter(Boolean).join(', ') || null;
  }
  return {
    name: (nameField && text(data[nameField.name])) ?? profile.display_name ?? 'Công dân',
    phone: (phoneField && text(data[phoneField.name])) ?? profile.phone,
    idNumber: idField ? text(data[idField.name]) : null,
    address,
  };
}

/** File ids in the form's attachment fields, with the field they were given for. */
export function attachmentsOf(def: FormDefinition, data: Record<string, unknown>) {
  return def.fields
    .filter((f) => f.type === 'attachment' && Array.isArray(data[f.name]))
    .flatMap((f) => (data[f.name] as string[]).map((fileId) => ({ fileId, field: f.name })));
}

/**
 * A citizen's online submission: the form checked on the server exactly as in the app, the
 * applicant derived, the dossier created and the draft deleted in one transaction.
 */
export async function submitDossier(o: {
  db: Db;
  tenantId: string;
  citizenId: string;
  idempotencyKey: string;
  body: { procedureId: string; data: Record<string, unknown>; draftId?: string };
  now?: Date;
}): Promise<{ id: string; created: boolean }> {
  const { db, tenantId, citizenId } = o;
  const now = o.now ?? new Date();
  const procedure = await db
    .selectFrom('procedures')
    .select(['id', 'form', 'enabled'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', o.body.procedureId)
    .executeTakeFirst();
  if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND');
  const def = procedure.form as unknown as FormDefinition;
  const communes = await db
    .selectFrom('admin_units')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('level', '=', 'commune')
    .execute();
  const checked = validateFormData(def, o.body.data, {
    today: localDate(now),
    communeIds: new Set(communes.map((c) => c.id)),
  });
  if ('issues' in checked) throw new AppError('FORM_INVALID', { fields: checked.issues });
  const profile = await db
    .selectFrom('citizens')
    .select(['display_name', 'phone'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', citizenId)
    .executeTakeFirstOrThrow();
  const applicant = await applicantFrom(db, tenantId, def, checked.data, profile);
  return withTx(db, async (tx) => {
    const created = await createDossier({
      tx,
      tenantId,
      procedureId: procedure.id,
      channel: 'app',
      citizenId,
      applicant,
      data: checked.data,
      attachments: attachmentsOf(def, checked.data),
      idempotencyKey: o.idempotencyKey,
      submittedAt: now,
      actor: { type: 'citizen', id: citizenId },
    });
    if (o.body.draftId) {
      await tx
        .deleteFrom('dossier_drafts')
        .where('tenant_id', '=', tenantId)
        .where('citizen_id', '=', citizenId)
        .where('id', '=', o.body.draftId)
        .execute();
    }
    return { id: created.id, created: created.created };
  });
}

import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { loadHolidays } from '../../platform/calendar/calendar-service.js';
import { localDate, WorkingCalendar } from '../../platform/calendar/working-days.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { FormDefinition } from '../../platform/forms/definition.js';
import { validateFormData } from '../../platform/forms/validate.js';
import { normalizeVi } from '../../platform/search/normalize.js';
import { nextReportCode } from './report-code.js';
import { routeReport } from './routing.js';
import { MAX_REPORT_PHOTOS, type NewReportInput, type ReportActor, type ReportRow } from './types.js';
import { recordSubmission } from './workflow.js';

export interface CreateReportOptions {
  db: Db;
  calendar?: WorkingCalendar | undefined;
  tenantId: string;
  actor: ReportActor;
  /** The signed-in reporter (mini app); null for Open311 and the system. */
  citizenId: string | null;
  open311ClientId?: string | null | undefined;
  input: NewReportInput;
  now?: Date | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Code, description and address without accents: what the console's search looks in. */
export function reportSearchText(code: string, description: string, address: string | null | undefined) {
  return normalizeVi([code, description, address ?? ''].join(' '));
}

/**
 * Files a report: the category's extra fields checked as in the app, the photos checked (the
 * reporter's own images, not on another report), the point placed in a commune and routed, the
 * code taken, then in ONE transaction the row, its photos and the workflow's part (submit event,
 * deadlines, notice, `route` transition). A replay of the same citizen + Idempotency-Key answers the first
 * report with `created: false`; the key reused for another report is refused.
 */
export async function createReport(o: CreateReportOptions): Promise<{ report: ReportRow; created: boolean }> {
  const { db, tenantId, input } = o;
  const now = o.now ?? new Date();
  const key = o.citizenId && input.idempotencyKey ? input.idempotencyKey : null;
  if (key) {
    const replay = await findReplay(db, tenantId, o.citizenId!, key, input);
    if (replay) return { report: replay, created: false };
  }

  const category = await db
    .selectFrom('report_categories')
    .select(['id', 'form'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', input.categoryId)
    .where('enabled', '=', true)
    .executeTakeFirst();
  if (!category) throw new AppError('REPORT_CATEGORY_NOT_FOUND');
  const data = await checkExtraFields(
    db,
    tenantId,
    category.form as unknown as FormDefinition,
    input.data,
    now,
  );

  const photoIds = [...new Set(input.photoFileIds)];
  // The mini app always sends a photo; an Open311 client may send a media_url instead.
  if (photoIds.length === 0 && o.actor.type === 'citizen') throw new AppError('REPORT_PHOTO_REQUIRED');
  if (photoIds.length > MAX_REPORT_PHOTOS || photoIds.some((id) => !UUID.test(id))) {
    throw new AppError('REPORT_PHOTO_INVALID');
  }

  const route = await routeReport({ db, tenantId, categoryId: category.id, lat: input.lat, lng: input.lng });
  if (!route.location.inside) throw new AppError('REPORT_LOCATION_OUTSIDE');

  let reporter: { name: string | null; phone: string | null } = { name: null, phone: null };
  if (o.citizenId) {
    const citizen = await db
      .selectFrom('citizens')
      .select(['display_name', 'phone'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', o.citizenId)
      .executeTakeFirstOrThrow();
    reporter = { name: citizen.display_name, phone: citizen.phone };
  }
  const calendar = o.calendar ?? new WorkingCalendar(await loadHolidays(db, tenantId));
  const code = await nextReportCode(db, tenantId, now);

  return withTx(db, async (tx) => {
    if (key) {
      // Two requests with one key at once: the lock makes the second see the first's report.
      await sql`select pg_advisory_xact_lock(hashtext(${`report-idem:${tenantId}:${o.citizenId}:${key}`}))`.execute(
        tx,
      );
      const replay = await findReplay(tx, tenantId, o.citizenId!, key, input);
      if (replay) return { report: replay, created: false };
    }
    await checkPhotos(tx, tenantId, o.actor, photoIds);
    const address = input.address?.trim() || (route.location.commune ? route.location.commune.name : null);
    const inserted = await tx
      .insertInto('reports')
      .values({
        tenant_id: tenantId,
        code,
        category_id: category.id,
        state: 'submitted',
        source: o.open311ClientId ? 'open311' : 'app',
        citizen_id: o.citizenId,
        open311_client_id: o.open311ClientId ?? null,
        reporter_name: input.reporterName?.trim() || reporter.name,
        show_name: input.showName,
        contact_phone: input.contactPhone?.trim() || reporter.phone,
        contact_email: input.contactEmail?.trim() || null,
        description: input.description.trim(),
        data: JSON.stringify(data),
        lat: input.lat,
        lng: input.lng,
        location_source: input.locationSource,
        address,
        commune_id: route.communeId,
        agency_id: route.agencyId,
        in_triage: route.inTriage,
        idempotency_key: key,
        submitted_at: now,
        search_norm: reportSearchText(code, input.description, address),
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (photoIds.length > 0) {
      await tx
        .insertInto('report_photos')
        .values(
          photoIds.map((fileId, position) => ({
            tenant_id: tenantId,
            report_id: inserted.id,
            file_id: fileId,
            purpose: 'report' as const,
            position,
            added_at: now,
          })),
        )
        .execute();
    }
    const report = await recordSubmission({ tx, calendar, report: inserted, actor: o.actor, now });
    return { report, created: true };
  });
}

async function checkExtraFields(
  db: Db,
  tenantId: string,
  def: FormDefinition,
  data: Record<string, unknown> | undefined,
  now: Date,
): Promise<Record<string, unknown>> {
  if (!def?.fields?.length) return {};
  // The province's communes are read only for a form that asks for an address.
  const communes = hasAddressField(def.fields)
    ? await db
        .selectFrom('admin_units')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('level', '=', 'commune')
        .execute()
    : [];
  const checked = validateFormData(def, data ?? {}, {
    today: localDate(now),
    communeIds: new Set(communes.map((c) => c.id)),
  });
  if ('issues' in checked) throw new AppError('FORM_INVALID', { fields: checked.issues });
  return checked.data;
}

/** Whether any field, or any column of a table field, is an address. */
function hasAddressField(fields: readonly unknown[]): boolean {
  return fields.some((field) => {
    const f = field as { type?: string; columns?: unknown[]; fields?: unknown[] };
    return f.type === 'address' || hasAddressField(f.columns ?? []) || hasAddressField(f.fields ?? []);
  });
}

/**
 * Photos must be images of the tenant, not yet on any report; a citizen may attach only their own
 * uploads, so another person's photo never becomes readable through a report.
 */
async function checkPhotos(tx: Db, tenantId: string, actor: ReportActor, ids: readonly string[]) {
  if (ids.length === 0) return;
  let query = tx
    .selectFrom('files')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .where('kind', '=', 'image')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('report_photos as p').select('p.file_id').whereRef('p.file_id', '=', 'files.id'),
        ),
      ),
    );
  if (actor.type === 'citizen') {
    query = query.where('owner_type', '=', 'citizen').where('owner_id', '=', actor.id);
  }
  const found = await query.execute();
  if (found.length !== ids.length) throw new AppError('REPORT_PHOTO_INVALID');
}

async function findReplay(
  db: Db,
  tenantId: string,
  citizenId: string,
  key: string,
  input: NewReportInput,
): Promise<ReportRow | null> {
  const row = await db
    .selectFrom('reports')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('citizen_id', '=', citizenId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
  if (!row) return null;
  const same =
    row.category_id === input.categoryId &&
    row.description === input.description.trim() &&
    row.lat === input.lat &&
    row.lng === input.lng;
  if (!same) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return row;
}

import { withTx } from '../../../db/transaction-guard.js';
import { localInstant, WorkingCalendar } from '../../../platform/calendar/working-days.js';
import type { ReportActionInput, ReportActor, ReportRow } from '../types.js';
import { applyReportAction, recordSubmission } from '../workflow.js';
import { newCitizen, POINTS, T, type OfficerKey, type ReportsWorld } from './reports.test-helpers.js';

/**
 * Reports for the workflow, escalation and console tests, inserted as intake would and then handed
 * to the engine's `recordSubmission` with a chosen clock, so deadlines are known in advance.
 */
export const calendar = new WorkingCalendar([]);
/** Friday 2026-12-04 09:00 in Vietnam. */
export const FRIDAY_9 = localInstant('2026-12-04', '09:00');

let seq = 0;

export async function insertReport(
  w: ReportsWorld,
  o: {
    citizenId?: string | null;
    categoryId?: string;
    agencyId?: string;
    inTriage?: boolean;
    submittedAt?: Date;
    description?: string;
  } = {},
): Promise<ReportRow> {
  seq += 1;
  const submittedAt = o.submittedAt ?? FRIDAY_9;
  const description = o.description ?? `Cây đổ chắn đường số ${seq}`;
  const citizenId = o.citizenId === undefined ? (await newCitizen(w)).id : o.citizenId;
  const inTriage = o.inTriage ?? false;
  const row = await w.db
    .insertInto('reports')
    .values({
      tenant_id: T,
      code: `PA-TEST-${String(seq).padStart(4, '0')}-${process.pid}`,
      category_id: o.categoryId ?? w.categories.tree,
      state: 'submitted',
      source: 'app',
      citizen_id: citizenId,
      reporter_name: 'Nguyễn Văn An',
      contact_phone: '0912345678',
      description,
      data: JSON.stringify({}),
      lat: POINTS.a.lat,
      lng: POINTS.a.lng,
      location_source: 'device',
      address: '12 Lê Lợi',
      commune_id: w.communes.a,
      agency_id: o.agencyId ?? (inTriage ? w.agencies.ioc : w.agencies.ubndA),
      in_triage: inTriage,
      submitted_at: submittedAt,
      search_norm: `pa-test ${description}`
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .replace(/đ/g, 'd')
        .toLowerCase(),
      created_at: submittedAt,
      updated_at: submittedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return withTx(w.db, (tx) =>
    recordSubmission({
      tx,
      calendar,
      report: row,
      actor: { type: citizenId ? 'citizen' : 'system', id: citizenId },
      now: submittedAt,
    }),
  );
}

/** The engine as the console calls it, as officer `who`, at `now`. */
export function officerAct(
  w: ReportsWorld,
  who: OfficerKey,
  reportId: string,
  action: string,
  input: ReportActionInput = {},
  now = new Date(),
) {
  const officer = w.officers[who];
  return applyReportAction({
    db: w.db,
    calendar,
    tenantId: T,
    reportId,
    action,
    actor: { type: 'officer', id: officer.id },
    principal: {
      kind: 'officer',
      id: officer.id,
      tenantId: T,
      sessionId: 'test',
      viaCookie: false,
      csrfToken: null,
      roles: roleOf(w, who),
      mustChangePassword: false,
    },
    input,
    now,
  });
}

export function act(
  w: ReportsWorld,
  actor: ReportActor,
  reportId: string,
  action: string,
  input: ReportActionInput,
  now: Date,
) {
  return applyReportAction({ db: w.db, calendar, tenantId: T, reportId, action, actor, input, now });
}

function roleOf(w: ReportsWorld, who: OfficerKey) {
  const a = w.agencies;
  const map: Record<OfficerKey, { agencyId: string; role: 'province_admin' | 'handler' | 'supervisor' }> = {
    admin: { agencyId: a.root, role: 'province_admin' },
    triage: { agencyId: a.ioc, role: 'handler' },
    handlerA: { agencyId: a.ubndA, role: 'handler' },
    supervisorA: { agencyId: a.ubndA, role: 'supervisor' },
    handlerB: { agencyId: a.ubndB, role: 'handler' },
    handlerC: { agencyId: a.ubndC, role: 'handler' },
    handlerSyt: { agencyId: a.syt, role: 'handler' },
    rootSupervisor: { agencyId: a.root, role: 'supervisor' },
  };
  return [map[who]];
}

/** Notices of `type` a citizen got about the report (by the inbox link). */
export async function noticesFor(w: ReportsWorld, citizenId: string, type: string): Promise<number> {
  const rows = await w.db
    .selectFrom('notifications')
    .select('id')
    .where('tenant_id', '=', T)
    .where('citizen_id', '=', citizenId)
    .where('type', '=', type)
    .execute();
  return rows.length;
}

export async function auditActions(w: ReportsWorld, reportId: string): Promise<string[]> {
  const rows = await w.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_type', '=', 'report')
    .where('entity_id', '=', reportId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

export async function follow(w: ReportsWorld, reportId: string, citizenId: string) {
  await w.db
    .insertInto('report_followers')
    .values({ tenant_id: T, report_id: reportId, citizen_id: citizenId })
    .execute();
}

/** A JPEG the officer uploaded (proof of the finished work). */
export async function officerImage(w: ReportsWorld, who: OfficerKey): Promise<string> {
  const row = await w.db
    .insertInto('files')
    .values({
      tenant_id: T,
      kind: 'image',
      owner_type: 'officer',
      owner_id: w.officers[who].id,
      original_name: 'ket-qua.jpg',
      content_type: 'image/jpeg',
      size_bytes: 100,
      sha256: 'x'.repeat(64),
      storage_key: `test/${seq++}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

import type { Db } from '../../db/connection.js';
import { AppError } from '../../platform/errors/app-error.js';
import { REJECT_REASON_LABELS, type RejectReason, type ReportRow } from './types.js';
import { loadReportSettings, DEFAULT_REPORT_WORKFLOW, stateLabel } from './workflow-definition.js';
import { reopenUntil } from './workflow-effects.js';
import type { MyReportDetail } from './citizen.schemas.js';

/** Events that are not workflow actions. */
const EVENT_LABELS: Record<string, string> = { submit: 'Gửi phản ánh' };

export const myPhotoPath = (reportId: string, fileId: string) =>
  `/api/me/reports/${reportId}/photos/${fileId}`;

export type Relation = 'mine' | 'follower';

/**
 * The report as the signed-in citizen may see it: their own in full, one they follow (and that is
 * not hidden from the public) in its public view; anything else does not exist for them.
 */
export async function findForCitizen(
  db: Db,
  tenantId: string,
  citizenId: string,
  reportId: string,
): Promise<{ report: ReportRow; relation: Relation; following: boolean }> {
  const report = await db
    .selectFrom('reports')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!report) throw new AppError('REPORT_NOT_FOUND');
  const follower = await db
    .selectFrom('report_followers')
    .select('citizen_id')
    .where('report_id', '=', reportId)
    .where('citizen_id', '=', citizenId)
    .executeTakeFirst();
  if (report.citizen_id === citizenId) return { report, relation: 'mine', following: follower !== undefined };
  if (follower && !report.public_hidden) return { report, relation: 'follower', following: true };
  throw new AppError('REPORT_NOT_FOUND');
}

export async function citizenDetail(
  db: Db,
  tenantId: string,
  citizenId: string,
  reportId: string,
  now = new Date(),
): Promise<MyReportDetail> {
  const { report: r, relation, following } = await findForCitizen(db, tenantId, citizenId, reportId);
  const mine = relation === 'mine';
  const settings = await loadReportSettings(db, tenantId);
  const workflow = settings.workflow ?? DEFAULT_REPORT_WORKFLOW;
  const [category, agency, commune, duplicate, photos, events] = await Promise.all([
    db
      .selectFrom('report_categories')
      .select(['id', 'code', 'name'])
      .where('id', '=', r.category_id)
      .executeTakeFirstOrThrow(),
    db.selectFrom('agencies').select(['id', 'name']).where('id', '=', r.agency_id).executeTakeFirstOrThrow(),
    r.commune_id
      ? db.selectFrom('admin_units').select(['id', 'name']).where('id', '=', r.commune_id).executeTakeFirst()
      : Promise.resolve(undefined),
    r.duplicate_of
      ? db.selectFrom('reports').select(['id', 'code']).where('id', '=', r.duplicate_of).executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom('report_photos')
      .select(['file_id', 'purpose', 'hidden'])
      .where('report_id', '=', r.id)
      .orderBy('purpose')
      .orderBy('position')
      .orderBy('added_at')
      .execute(),
    db
      .selectFrom('report_events')
      .select(['at', 'action', 'to_state', 'note'])
      .where('report_id', '=', r.id)
      .where('public', '=', true)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  // The reporter sees every photo of their report; a follower only what the public may see.
  const visible = photos.filter((p) => mine || !p.hidden);
  const photoList = (purpose: 'report' | 'resolution') =>
    visible.filter((p) => p.purpose === purpose).map((p) => ({ url: myPhotoPath(r.id, p.file_id) }));
  const until = reopenUntil(r, settings);
  const reopenDef = workflow.actions.reopen;
  const rateDef = workflow.actions.rate;
  const reason = r.reject_reason as RejectReason | null;
  return {
    id: r.id,
    code: r.code,
    mine,
    following,
    category,
    state: r.state,
    stateLabel: stateLabel(workflow, r.state),
    description: !mine && r.description_hidden ? null : r.description,
    address: r.address,
    commune: commune ?? null,
    agency,
    inTriage: r.in_triage,
    reporterName: mine || r.show_name ? r.reporter_name : null,
    lat: r.lat,
    lng: r.lng,
    submittedAt: r.submitted_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    dueAt: r.due_at?.toISOString() ?? null,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    answer: !mine && r.answer_hidden ? null : r.answer,
    rejectReason: reason,
    rejectReasonLabel: reason ? (REJECT_REASON_LABELS[reason] ?? null) : null,
    duplicateOf: duplicate ?? null,
    photos: photoList('report'),
    resolutionPhotos: photoList('resolution'),
    timeline: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      label: workflow.actions[e.action]?.label ?? EVENT_LABELS[e.action] ?? e.action,
      toState: e.to_state,
      note: e.note,
    })),
    showName: mine ? r.show_name : null,
    data: mine ? (r.data as Record<string, unknown>) : null,
    locationSource: mine ? r.location_source : null,
    rating:
      mine && r.rating !== null
        ? {
            value: r.rating,
            fixed: r.rating_fixed,
            comment: r.rating_comment,
            ratedAt: r.rated_at?.toISOString() ?? null,
          }
        : null,
    canRate: mine && r.rating === null && (rateDef?.from.includes(r.state) ?? false),
    canReopen:
      mine &&
      (reopenDef?.from.includes(r.state) ?? false) &&
      until !== null &&
      now.getTime() <= until.getTime(),
    reopenUntil: mine ? (until?.toISOString() ?? null) : null,
  };
}

/** A photo of a report the citizen may see (theirs: any; followed: the non-hidden ones). */
export async function citizenPhoto(
  db: Db,
  tenantId: string,
  citizenId: string,
  reportId: string,
  fileId: string,
) {
  const { relation } = await findForCitizen(db, tenantId, citizenId, reportId);
  let q = db
    .selectFrom('report_photos as p')
    .innerJoin('files as f', 'f.id', 'p.file_id')
    .select(['f.id', 'f.storage_key', 'f.content_type', 'f.size_bytes', 'f.sha256'])
    .where('p.report_id', '=', reportId)
    .where('p.file_id', '=', fileId)
    .where('f.tenant_id', '=', tenantId);
  if (relation !== 'mine') q = q.where('p.hidden', '=', false);
  const file = await q.executeTakeFirst();
  if (!file) throw new AppError('FILE_NOT_FOUND');
  return file;
}

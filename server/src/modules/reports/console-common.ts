import type { FastifyRequest } from 'fastify';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/connection.js';
import { requireOfficer, type OfficerPrincipal } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import {
  actorContext,
  allowedActions,
  inReportScope,
  reportScope,
  type ActorContext,
  type ReportScope,
} from './actors.js';
import { filteredReports, listItems } from './console.repository.js';
import type { Detail } from './console.schemas.js';
import type { ReportRow } from './types.js';
import { DEFAULT_REPORT_WORKFLOW, loadReportSettings, type ReportWorkflow } from './workflow-definition.js';

/**
 * What the console's report routes share: who the officer is for reports (scope, roles), and the
 * detail view. A report outside the scope answers REPORT_NOT_FOUND, as if it did not exist.
 */
export interface OfficerView {
  p: OfficerPrincipal;
  scope: ReportScope;
  actors: ActorContext;
  workflow: ReportWorkflow;
}

export function consoleBase() {
  return {
    tags: ['reports'],
    security: [{ cookie: [] }, { bearer: [] }] as Record<string, string[]>[],
  };
}

export const consoleErrors = {
  401: ErrorResponse(['AUTH_REQUIRED']),
  403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
  404: ErrorResponse(['REPORT_NOT_FOUND']),
};

export async function officerView(db: Db, request: FastifyRequest): Promise<OfficerView> {
  const p = requireOfficer(request);
  const settings = await loadReportSettings(db, p.tenantId);
  const actors = await actorContext(db, p.tenantId, settings.triageAgencyId);
  return {
    p,
    scope: reportScope(p, actors),
    actors,
    workflow: settings.workflow ?? DEFAULT_REPORT_WORKFLOW,
  };
}

/** The report row when the officer may see it; REPORT_NOT_FOUND otherwise. */
export async function reportInScope(db: Db, v: OfficerView, id: string): Promise<ReportRow> {
  const report = await db
    .selectFrom('reports')
    .selectAll()
    .where('tenant_id', '=', v.p.tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!report || !inReportScope(v.scope, report)) throw new AppError('REPORT_NOT_FOUND');
  return report;
}

const photoUrl = (reportId: string, fileId: string) => `/api/admin/reports/${reportId}/photos/${fileId}`;

export async function loadConsoleDetail(
  db: Db,
  v: OfficerView,
  id: string,
  now = new Date(),
): Promise<Detail> {
  const report = await reportInScope(db, v, id);
  const [item] = await listItems(filteredReports(db, v.p.tenantId, v.scope, {}, now).where('r.id', '=', id), {
    workflow: v.workflow,
    limit: 1,
    offset: 0,
    now,
  });
  if (!item) throw new AppError('REPORT_NOT_FOUND');
  const [photos, events, followers, duplicate] = await Promise.all([
    db
      .selectFrom('report_photos')
      .select(['file_id', 'purpose', 'hidden'])
      .where('report_id', '=', id)
      .orderBy('purpose')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('report_events as e')
      .leftJoin('officers as o', (j) => j.on(OFFICER_JOIN))
      .leftJoin('agencies as a', 'a.id', 'e.agency_id')
      .select([
        'e.id',
        'e.at',
        'e.action',
        'e.from_state',
        'e.to_state',
        'e.actor_type',
        'e.actor_id',
        'o.full_name',
        'e.agency_id',
        'a.name as agency_name',
        'e.note',
        'e.data',
        'e.public',
      ])
      .where('e.report_id', '=', id)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute(),
    db
      .selectFrom('report_followers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('report_id', '=', id)
      .executeTakeFirstOrThrow(),
    report.duplicate_of
      ? db
          .selectFrom('reports')
          .select(['id', 'code'])
          .where('id', '=', report.duplicate_of)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const photo = (p: (typeof photos)[number]) => ({
    fileId: p.file_id,
    url: photoUrl(id, p.file_id),
    hidden: p.hidden,
  });
  return {
    ...item,
    description: report.description,
    descriptionHidden: report.description_hidden,
    answer: report.answer,
    answerHidden: report.answer_hidden,
    publicHidden: report.public_hidden,
    source: report.source,
    locationSource: report.location_source,
    data: report.data,
    reporter: {
      name: report.reporter_name,
      phone: report.contact_phone,
      email: report.contact_email,
      showName: report.show_name,
      citizenId: report.citizen_id,
    },
    followers: Number(followers.n),
    duplicateOf: duplicate ? { id: duplicate.id, code: duplicate.code } : null,
    rejectReason: report.reject_reason,
    resolvedAt: report.resolved_at?.toISOString() ?? null,
    resolvedLate: report.resolved_late,
    closedAt: report.closed_at?.toISOString() ?? null,
    reopenCount: report.reopen_count,
    ratingFixed: report.rating_fixed,
    ratingComment: report.rating_comment,
    photos: photos.filter((p) => p.purpose === 'report').map(photo),
    resolutionPhotos: photos.filter((p) => p.purpose === 'resolution').map(photo),
    timeline: events.map((e) => ({
      id: Number(e.id),
      at: e.at.toISOString(),
      action: e.action,
      label: actionLabel(v.workflow, e.action),
      fromState: e.from_state,
      toState: e.to_state,
      actor: {
        type: e.actor_type,
        id: e.actor_id,
        name: actorName(e.actor_type, e.full_name, report.reporter_name),
      },
      agency: e.agency_id && e.agency_name ? { id: e.agency_id, name: e.agency_name } : null,
      note: e.note,
      data: e.data,
      public: e.public,
    })),
    actions: allowedActions(v.workflow, report, v.p, v.actors),
  };
}

// officers.id is uuid, report_events.actor_id text: compare as text.
const OFFICER_JOIN: Expression<SqlBool> = sql<boolean>`e.actor_type = 'officer' and o.id::text = e.actor_id`;

function actionLabel(workflow: ReportWorkflow, action: string): string {
  if (action === 'submit') return 'Gửi phản ánh';
  return workflow.actions[action]?.label ?? action;
}

function actorName(type: string, officerName: string | null, reporterName: string | null): string {
  if (type === 'officer') return officerName ?? 'Cán bộ';
  if (type === 'citizen') return reporterName ?? 'Người phản ánh';
  if (type === 'open311') return 'Ứng dụng kết nối Open311';
  return 'Hệ thống';
}

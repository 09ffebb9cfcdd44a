import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { withTx } from '../../db/transaction-guard.js';
import { requireOfficer, type OfficerPrincipal } from '../../platform/auth/access.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import { exportableResponse, sendExport, vietnamDateTime } from '../../platform/http/export.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { consoleQuery, consoleRows, countQuery, dossierStats, queueCounts } from './console.repository.js';
import { loadDetail } from './detail.js';
import {
  ActionBody,
  BulkReceiveBody,
  BulkReceiveReply,
  ConsoleDossierDetail,
  ConsoleListPage,
  ConsoleListQuery,
  Counts,
  CountsQuery,
  FileParams,
  IdParams,
  SlipParams,
  Stats,
  StatsQuery,
} from './dossiers.schemas.js';
import { sendDossierFile } from './downloads.js';
import { dossierScope, holdsRoleFor, type DossierScope } from './scope.js';
import { ACTION_ROLES, DOSSIER_ACTIONS, STATUS_LABELS, TRANSITIONS, type DossierAction } from './types.js';
import { applyAction } from './workflow.js';

const Binary = {
  description: 'The file',
  content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
};

function allowedActions(
  p: OfficerPrincipal,
  scope: DossierScope,
  agencyId: string,
  status: string,
): DossierAction[] {
  return DOSSIER_ACTIONS.filter(
    (a) =>
      ACTION_ROLES[a].length > 0 &&
      (TRANSITIONS[a].from as readonly string[]).includes(status) &&
      holdsRoleFor(p, scope, agencyId, ACTION_ROLES[a]),
  );
}

/**
 * The officers' queues. An officer sees the dossiers of the agencies they hold any role in and of
 * their descendants (province admins: all); anything else answers 404 as if it did not exist. An
 * action needs the action's role in the dossier's agency or an ancestor (403 otherwise).
 */
export const consoleDossierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, fileStorage, calendar } = app.ctx;
  const base = {
    tags: ['dossiers'],
    security: [{ cookie: [] }, { bearer: [] }] as Record<string, string[]>[],
  };
  const errors = {
    401: ErrorResponse(['AUTH_REQUIRED']),
    403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
    404: ErrorResponse(['DOSSIER_NOT_FOUND']),
  };
  const officer = async (request: FastifyRequest) => {
    const p = requireOfficer(request);
    return { p, scope: await dossierScope(db, p) };
  };
  const detail = async (p: OfficerPrincipal, scope: DossierScope, id: string) => {
    const d = await loadDetail(db, {
      tenantId: p.tenantId,
      id,
      agencyIds: scope.all ? undefined : scope.agencyIds,
      internal: true,
    });
    const { agencyId, assigneeId, assigneeName, ...rest } = d;
    return {
      ...rest,
      assignee: assigneeId && assigneeName ? { id: assigneeId, name: assigneeName } : null,
      allowedActions: allowedActions(p, scope, agencyId, d.status),
    };
  };

  app.get(
    '/api/admin/dossiers',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'The dossier queue, filtered, sorted and paged, or exported',
        querystring: ConsoleListQuery,
        response: { 200: exportableResponse(ConsoleListPage), ...errors },
      },
    },
    async (request, reply) => {
      const { p, scope } = await officer(request);
      const f = request.query;
      const q = consoleQuery(db, p.tenantId, scope, f);
      const total = await countQuery(q);
      if (f.format) {
        return sendExport(reply, {
          format: f.format,
          fileName: 'ho-so',
          sheetName: 'Hồ sơ',
          total,
          columns: [
            { key: 'code', header: 'Mã hồ sơ', width: 22 },
            { key: 'procedure', header: 'Thủ tục', width: 40 },
            { key: 'agency', header: 'Cơ quan', width: 30 },
            { key: 'applicant', header: 'Người nộp', width: 25 },
            { key: 'status', header: 'Trạng thái', width: 20 },
            { key: 'submittedAt', header: 'Ngày nộp', width: 20 },
            { key: 'dueAt', header: 'Hạn trả', width: 20 },
            { key: 'late', header: 'Quá hạn', width: 10 },
          ],
          rows: (async function* () {
            for await (const r of consoleRows(q, f.sort, total, 0))
              yield {
                code: r.code,
                procedure: r.procedure.name,
                agency: r.agency.name,
                applicant: r.applicantName,
                status: STATUS_LABELS[r.status],
                submittedAt: vietnamDateTime(new Date(r.submittedAt)),
                dueAt: r.dueAt ? vietnamDateTime(new Date(r.dueAt)) : '',
                late: r.late ? 'Có' : '',
              };
          })(),
        });
      }
      const items = [];
      for await (const r of consoleRows(q, f.sort, f.pageSize, (f.page - 1) * f.pageSize)) items.push(r);
      return { items, total, page: f.page, pageSize: f.pageSize };
    },
  );

  app.get(
    '/api/admin/dossiers/counts',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'How many dossiers per status (queue tabs), plus late ones',
        querystring: CountsQuery,
        response: { 200: Counts, ...errors },
      },
    },
    async (request) => {
      const { p, scope } = await officer(request);
      return queueCounts(db, p.tenantId, scope, request.query.agencyId);
    },
  );

  app.get(
    '/api/admin/dossiers/stats',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Statistics by status, channel, procedure and agency',
        querystring: StatsQuery,
        response: { 200: Stats, ...errors },
      },
    },
    async (request) => {
      const { p, scope } = await officer(request);
      return dossierStats(db, p.tenantId, scope, request.query);
    },
  );

  app.get(
    '/api/admin/dossiers/:id',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'One dossier with the full timeline (the view is audited)',
        params: IdParams,
        response: { 200: ConsoleDossierDetail, ...errors },
      },
    },
    async (request) => {
      const { p, scope } = await officer(request);
      const d = await detail(p, scope, request.params.id);
      // The applicant's unmasked personal data was shown: Decree 13/2023 wants a trace.
      await withTx(db, (tx) =>
        appendAudit(tx, {
          tenantId: p.tenantId,
          actor: { type: 'officer', id: p.id },
          action: 'dossier.viewed',
          entityType: 'dossier',
          entityId: d.id,
        }),
      );
      return d;
    },
  );

  app.post(
    '/api/admin/dossiers/:id/actions',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Take an action on a dossier (receive, start, request_supplement, …)',
        params: IdParams,
        body: ActionBody,
        response: {
          200: ConsoleDossierDetail,
          400: ErrorResponse(['VALIDATION_FAILED (details.fields)', 'DOSSIER_FILE_INVALID']),
          ...errors,
          404: ErrorResponse(['DOSSIER_NOT_FOUND', 'OFFICER_NOT_FOUND']),
          409: ErrorResponse(['DOSSIER_TRANSITION_INVALID']),
        },
      },
    },
    async (request) => {
      const { p, scope } = await officer(request);
      const b = request.body;
      await actAsOfficer(p, scope, request.params.id, b.action, (tx, cal) =>
        applyAction({
          tx,
          tenantId: p.tenantId,
          dossierId: request.params.id,
          action: b.action,
          actor: { type: 'officer', id: p.id },
          note: b.note ?? null,
          items: b.items,
          reason: b.reason ?? null,
          amount: b.amount ?? null,
          assigneeId: b.assigneeId ?? null,
          fileIds: b.resultFileIds,
          calendar: cal,
        }),
      );
      return detail(p, scope, request.params.id);
    },
  );

  async function actAsOfficer(
    p: OfficerPrincipal,
    scope: DossierScope,
    id: string,
    action: DossierAction,
    fn: (tx: typeof db, cal: Awaited<ReturnType<typeof calendar.forTenant>>) => Promise<void>,
  ): Promise<void> {
    const row = await db
      .selectFrom('dossiers')
      .select('agency_id')
      .where('tenant_id', '=', p.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !scope.agencyIds.has(row.agency_id)) throw new AppError('DOSSIER_NOT_FOUND');
    if (!holdsRoleFor(p, scope, row.agency_id, ACTION_ROLES[action])) throw new AppError('FORBIDDEN');
    const cal = await calendar.forTenant(p.tenantId);
    await withTx(db, (tx) => fn(tx, cal));
  }

  app.post(
    '/api/admin/dossiers/bulk-receive',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Receive up to 100 dossiers, each on its own',
        body: BulkReceiveBody,
        response: { 200: BulkReceiveReply, ...errors },
      },
    },
    async (request) => {
      const { p, scope } = await officer(request);
      const received: string[] = [];
      const failed: { id: string; code: string }[] = [];
      // One transaction each: one dossier in the wrong status must not undo the others.
      for (const id of new Set(request.body.ids)) {
        try {
          await actAsOfficer(p, scope, id, 'receive', (tx, cal) =>
            applyAction({
              tx,
              tenantId: p.tenantId,
              dossierId: id,
              action: 'receive',
              actor: { type: 'officer', id: p.id },
              calendar: cal,
            }),
          );
          received.push(id);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          failed.push({ id, code: error.code });
        }
      }
      return { received, failed };
    },
  );

  const downloadErrors = { ...errors, 404: ErrorResponse(['DOSSIER_NOT_FOUND', 'FILE_NOT_FOUND']) };
  app.get(
    '/api/admin/dossiers/:id/slips/:slipId',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'A slip of the dossier (PDF)',
        params: SlipParams,
        response: { 200: Binary, ...downloadErrors },
      },
    },
    async (request, reply) => {
      const { p, scope } = await officer(request);
      await loadDetail(db, { tenantId: p.tenantId, id: request.params.id, agencyIds: scope.agencyIds });
      return sendDossierFile(db, fileStorage, reply, {
        tenantId: p.tenantId,
        dossierId: request.params.id,
        slipId: request.params.slipId,
      });
    },
  );

  app.get(
    '/api/admin/dossiers/:id/files/:fileId',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'A file of the dossier',
        params: FileParams,
        response: { 200: Binary, ...downloadErrors },
      },
    },
    async (request, reply) => {
      const { p, scope } = await officer(request);
      await loadDetail(db, { tenantId: p.tenantId, id: request.params.id, agencyIds: scope.agencyIds });
      await withTx(db, (tx) =>
        appendAudit(tx, {
          tenantId: p.tenantId,
          actor: { type: 'officer', id: p.id },
          action: 'dossier.file_viewed',
          entityType: 'dossier',
          entityId: request.params.id,
          data: { fileId: request.params.fileId },
        }),
      );
      return sendDossierFile(db, fileStorage, reply, {
        tenantId: p.tenantId,
        dossierId: request.params.id,
        fileId: request.params.fileId,
      });
    },
  );
};

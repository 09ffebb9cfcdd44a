import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { handlersFor, reportRoles } from './actors.js';
import {
  consoleBase,
  consoleErrors,
  loadConsoleDetail,
  officerView,
  reportInScope,
} from './console-common.js';
import { Detail, Handlers, HandlersQuery, IdParams, ModerationBody, PhotoParams } from './console.schemas.js';
import { lockReport } from './workflow.js';

const Image = {
  description: 'The photo (JPEG, re-encoded at upload)',
  content: { 'image/jpeg': { schema: Type.String({ format: 'binary' }) } },
};

/** One report in the console: the detail, its photos, moderation of the public view, and handlers. */
export const consoleReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, fileStorage } = app.ctx;
  const base = consoleBase();
  const errors = consoleErrors;

  app.get(
    '/api/admin/reports/handlers',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Officers a report of the agency may be given to (default: the caller’s agencies)',
        querystring: HandlersQuery,
        response: { 200: Handlers, 400: ErrorResponse(['REPORT_AGENCY_INVALID']), ...errors },
      },
    },
    async (request) => {
      const v = await officerView(db, request);
      const asked = request.query.agencyId;
      if (asked && !v.scope.agencyIds.has(asked)) throw new AppError('REPORT_AGENCY_INVALID');
      const agencies = asked ? [asked] : [...new Set(v.p.roles.map((r) => r.agencyId))];
      const out = new Map<string, { id: string; fullName: string; role: string }>();
      for (const agencyId of agencies)
        for (const h of await handlersFor(db, v.p.tenantId, agencyId)) if (!out.has(h.id)) out.set(h.id, h);
      return [...out.values()];
    },
  );

  app.get(
    '/api/admin/reports/:id',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'One report: contact, photos, full timeline with officer names, the actions allowed now',
        params: IdParams,
        response: { 200: Detail, ...errors },
      },
    },
    async (request) => {
      const v = await officerView(db, request);
      const detail = await loadConsoleDetail(db, v, request.params.id);
      // The reporter's contact was shown unmasked: Decree 13/2023 wants a trace.
      await withTx(db, (tx) =>
        appendAudit(tx, {
          tenantId: v.p.tenantId,
          actor: { type: 'officer', id: v.p.id },
          action: 'report.viewed',
          entityType: 'report',
          entityId: detail.id,
        }),
      );
      return detail;
    },
  );

  app.get(
    '/api/admin/reports/:id/photos/:fileId',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'A photo of the report or of its resolution (hidden ones too)',
        params: PhotoParams,
        response: { 200: Image, ...errors, 404: ErrorResponse(['REPORT_NOT_FOUND', 'FILE_NOT_FOUND']) },
      },
    },
    async (request, reply) => {
      const v = await officerView(db, request);
      await reportInScope(db, v, request.params.id);
      const file = await db
        .selectFrom('report_photos as p')
        .innerJoin('files as f', 'f.id', 'p.file_id')
        .select(['f.storage_key', 'f.content_type', 'f.size_bytes'])
        .where('p.tenant_id', '=', v.p.tenantId)
        .where('p.report_id', '=', request.params.id)
        .where('p.file_id', '=', request.params.fileId)
        .executeTakeFirst();
      if (!file) throw new AppError('FILE_NOT_FOUND');
      const body = await fileStorage.get(file.storage_key);
      if (!body) throw new AppError('FILE_NOT_FOUND');
      // A stream is sent as is; the typed reply only knows the JSON error shapes.
      return (reply as FastifyReply)
        .header('content-type', file.content_type)
        .header('content-length', String(file.size_bytes))
        .header('cache-control', 'private, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );

  app.patch(
    '/api/admin/reports/:id/moderation',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Hide the report, its text, its answer or photos from the public view (audited)',
        params: IdParams,
        body: ModerationBody,
        response: {
          200: Detail,
          ...errors,
          400: ErrorResponse(['VALIDATION_FAILED']),
          403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID', 'REPORT_ACTION_FORBIDDEN']),
          404: ErrorResponse(['REPORT_NOT_FOUND', 'FILE_NOT_FOUND']),
        },
      },
    },
    async (request) => {
      const v = await officerView(db, request);
      const id = request.params.id;
      const before = await reportInScope(db, v, id);
      // Moderation is for those who answer for the agency's public face: supervisors and the centre.
      const roles = reportRoles(v.p, before, v.actors);
      if (!roles.has('supervisor') && !roles.has('triage')) throw new AppError('REPORT_ACTION_FORBIDDEN');
      const b = request.body;
      await withTx(db, async (tx) => {
        const report = await lockReport(tx, v.p.tenantId, id);
        const patch = {
          ...(b.publicHidden !== undefined ? { public_hidden: b.publicHidden } : {}),
          ...(b.descriptionHidden !== undefined ? { description_hidden: b.descriptionHidden } : {}),
          ...(b.answerHidden !== undefined ? { answer_hidden: b.answerHidden } : {}),
        };
        if (Object.keys(patch).length > 0)
          await tx
            .updateTable('reports')
            .set({ ...patch, updated_at: new Date() })
            .where('id', '=', report.id)
            .execute();
        for (const photo of b.photos ?? []) {
          const res = await tx
            .updateTable('report_photos')
            .set({ hidden: photo.hidden })
            .where('report_id', '=', report.id)
            .where('file_id', '=', photo.fileId)
            .executeTakeFirst();
          if (Number(res.numUpdatedRows) === 0) throw new AppError('FILE_NOT_FOUND');
        }
        await appendAudit(tx, {
          tenantId: v.p.tenantId,
          actor: { type: 'officer', id: v.p.id },
          action: 'report.moderate',
          entityType: 'report',
          entityId: report.id,
          data: { code: report.code, ...b },
        });
      });
      return loadConsoleDetail(db, v, id);
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { consoleHelpers } from './console-common.js';
import { loadDetail } from './detail.js';
import { Assignees, ConsoleDossierDetail, FileParams, IdParams, SlipParams } from './dossiers.schemas.js';
import { Binary, sendDossierFile } from './downloads.js';
import { assigneesFor } from './scope.js';

/**
 * One dossier in the console: the detail (audited, the applicant is shown unmasked), who it may be
 * assigned to, and its files.
 */
export const consoleDossierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, fileStorage } = app.ctx;
  const { base, errors, officer, detail } = consoleHelpers(app);

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

  app.get(
    '/api/admin/dossiers/:id/assignees',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Who the dossier may be assigned to (its agency’s handlers and supervisors)',
        params: IdParams,
        response: { 200: Assignees, ...errors },
      },
    },
    async (request) => {
      // Anyone who may read the dossier may see this list: the officer directory is for admins only,
      // and clerks and supervisors need it to assign.
      const { p, scope } = await officer(request);
      const row = await db
        .selectFrom('dossiers')
        .select('agency_id')
        .where('tenant_id', '=', p.tenantId)
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row || !scope.agencyIds.has(row.agency_id)) throw new AppError('DOSSIER_NOT_FOUND');
      return assigneesFor(db, p.tenantId, row.agency_id);
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

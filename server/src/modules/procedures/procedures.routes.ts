import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccessRule } from '../../platform/auth/access.js';
import { requireOfficer } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { exportableResponse, sendExport } from '../../platform/http/export.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { adminScope } from '../../platform/auth/admin-scope.js';
import {
  adminDetailView,
  detailView,
  findProcedure,
  listAdminProcedures,
  listFields,
  listProcedures,
  procedureExport,
  PROCEDURE_EXPORT_COLUMNS,
} from './procedures.repository.js';
import {
  AdminProcedureDetail,
  AdminProcedureItem,
  AdminProcedureQuery,
  FieldCount,
  IdParams,
  IMPORT_MAX_BYTES,
  ImportBody,
  ImportReport,
  Page,
  ProcedureDetail,
  ProcedureItem,
  ProcedurePatch,
  ProcedureQuery,
} from './procedures.schemas.js';
import { importProcedures, setProcedureEnabled } from './procedures.service.js';
import { CatalogCache } from './catalog-cache.js';
import { Type } from '@sinclair/typebox';

/**
 * The catalog of administrative procedures (thủ tục hành chính): public browsing for the mini app,
 * and the console's list, switch and import.
 */
const PUBLIC_CATALOG = { access: 'public', cacheSeconds: 60 } as const;
const ORG_ADMIN: AccessRule = { roles: ['province_admin', 'agency_admin'] };
const SECURITY: { [scheme: string]: string[] }[] = [{ cookie: [] }, { bearer: [] }];
const SIGNED_IN_ERRORS = {
  401: ErrorResponse(['AUTH_REQUIRED']),
  403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
};

export const proceduresRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const tags = ['procedures'];
  const cache = new CatalogCache();

  app.get(
    '/api/procedures',
    {
      config: PUBLIC_CATALOG,
      schema: {
        tags,
        summary:
          'Enabled procedures; accent-insensitive search (exact accents first), by field, agency, level',
        querystring: ProcedureQuery,
        response: { 200: Page(ProcedureItem), 400: ErrorResponse(['VALIDATION_FAILED']) },
      },
    },
    async (request) =>
      cache.get(request.tenant.id, `list ${JSON.stringify(request.query)}`, () =>
        listProcedures(db, request.tenant.id, request.query),
      ),
  );

  app.get(
    '/api/procedures/fields',
    {
      config: PUBLIC_CATALOG,
      schema: {
        tags,
        summary: 'Fields (lĩnh vực) with how many enabled procedures each has',
        response: { 200: Type.Array(FieldCount) },
      },
    },
    async (request) => cache.get(request.tenant.id, 'fields', () => listFields(db, request.tenant.id)),
  );

  app.get(
    '/api/procedures/:id',
    {
      config: PUBLIC_CATALOG,
      schema: {
        tags,
        summary: 'One enabled procedure with fees, documents and its form',
        params: IdParams,
        response: { 200: ProcedureDetail, 404: ErrorResponse(['PROCEDURE_NOT_FOUND']) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const detail = await cache.get(request.tenant.id, `detail ${id}`, async () => {
        const found = await findProcedure(db, request.tenant.id, id);
        return found?.enabled ? detailView(found) : null;
      });
      if (!detail) throw new AppError('PROCEDURE_NOT_FOUND');
      return detail;
    },
  );

  const base = { tags: ['procedures: admin'], security: SECURITY };

  app.get(
    '/api/admin/procedures',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'All procedures, enabled or not; filters, sort, download (csv, xlsx)',
        querystring: AdminProcedureQuery,
        response: {
          200: exportableResponse(Page(AdminProcedureItem)),
          400: ErrorResponse(['VALIDATION_FAILED', 'EXPORT_TOO_LARGE']),
          ...SIGNED_IN_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const actor = requireOfficer(request);
      const { format, page: _page, pageSize: _pageSize, ...filter } = request.query;
      if (!format) return listAdminProcedures(db, actor.tenantId, request.query);
      const { total, rows } = await procedureExport(db, actor.tenantId, filter);
      return sendExport(reply, {
        format,
        fileName: 'thu-tuc-hanh-chinh',
        sheetName: 'Thủ tục hành chính',
        columns: PROCEDURE_EXPORT_COLUMNS,
        total,
        rows,
      });
    },
  );

  app.get(
    '/api/admin/procedures/:id',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'One procedure, enabled or not',
        params: IdParams,
        response: {
          200: AdminProcedureDetail,
          ...SIGNED_IN_ERRORS,
          404: ErrorResponse(['PROCEDURE_NOT_FOUND']),
        },
      },
    },
    async (request) => {
      const actor = requireOfficer(request);
      const found = await findProcedure(db, actor.tenantId, request.params.id);
      if (!found) throw new AppError('PROCEDURE_NOT_FOUND');
      return adminDetailView(found);
    },
  );

  app.patch(
    '/api/admin/procedures/:id',
    {
      config: { access: ORG_ADMIN },
      schema: {
        ...base,
        summary: 'Enable or disable a procedure (an agency admin: its agencies only)',
        params: IdParams,
        body: ProcedurePatch,
        response: {
          200: AdminProcedureDetail,
          400: ErrorResponse(['VALIDATION_FAILED']),
          ...SIGNED_IN_ERRORS,
          404: ErrorResponse(['PROCEDURE_NOT_FOUND']),
        },
      },
    },
    async (request) => {
      const actor = requireOfficer(request);
      cache.invalidate(actor.tenantId);
      return setProcedureEnabled({
        db,
        tenantId: actor.tenantId,
        actor: { type: 'officer', id: actor.id },
        scope: await adminScope(db, actor),
        procedureId: request.params.id,
        enabled: request.body.enabled,
      });
    },
  );

  app.post(
    '/api/admin/procedures/import',
    {
      config: { access: ORG_ADMIN },
      // The content may hold 2 MB; JSON escapes in the body add a little.
      bodyLimit: IMPORT_MAX_BYTES * 2,
      schema: {
        ...base,
        summary:
          'Import procedures from JSON or CSV (upsert by code); a report of created, updated and rejected rows',
        body: ImportBody,
        response: {
          200: ImportReport,
          400: ErrorResponse(['VALIDATION_FAILED', 'PROCEDURE_IMPORT_INVALID (details.reason)']),
          ...SIGNED_IN_ERRORS,
        },
      },
    },
    async (request) => {
      const actor = requireOfficer(request);
      cache.invalidate(actor.tenantId);
      return importProcedures({
        db,
        tenantId: actor.tenantId,
        actor: { type: 'officer', id: actor.id },
        scope: await adminScope(db, actor),
        format: request.body.format,
        content: request.body.content,
        dryRun: request.body.dryRun,
      });
    },
  );
};

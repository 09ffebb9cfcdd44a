import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportableResponse, sendExport } from '../../platform/http/export.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { requireOfficer } from '../../platform/auth/access.js';
import { adminScope } from '../../platform/auth/admin-scope.js';
import { OFFICER_EXPORT_COLUMNS, officerExport } from './officers.export.js';
import { listOfficers } from './officers.repository.js';
import { createOfficer, getOfficer, updateOfficer } from './officers.service.js';
import { ORG_ADMIN, SECURITY, SIGNED_IN_ERRORS } from '../../platform/auth/route-rules.js';
import {
  IdParams,
  OfficerCreate,
  OfficerPatch,
  OfficerQuery,
  OfficerView,
  OfficerWriteResponse,
  Page,
} from './tenancy.schemas.js';

/** Officer accounts, for province admins (all) and agency admins (their agencies and below). */
export const officerAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const tags = ['tenancy: officers'];
  const base = { tags, security: SECURITY };

  app.get(
    '/api/admin/officers',
    {
      config: { access: ORG_ADMIN },
      schema: {
        ...base,
        summary: 'Officers, by agency, role, or part of the name or username; sortable, downloadable',
        querystring: OfficerQuery,
        response: {
          200: exportableResponse(Page(OfficerView)),
          400: ErrorResponse(['VALIDATION_FAILED', 'EXPORT_TOO_LARGE']),
          ...SIGNED_IN_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const actor = requireOfficer(request);
      const scope = await adminScope(db, actor);
      const { format, page: _page, pageSize: _pageSize, ...filter } = request.query;
      if (!format) return listOfficers(db, actor.tenantId, scope, request.query);
      const { total, rows } = await officerExport(db, actor.tenantId, scope, filter);
      return sendExport(reply, {
        format,
        fileName: 'can-bo',
        sheetName: 'Cán bộ',
        columns: OFFICER_EXPORT_COLUMNS,
        total,
        rows,
      });
    },
  );

  app.get(
    '/api/admin/officers/:id',
    {
      config: { access: ORG_ADMIN },
      schema: {
        ...base,
        summary: 'One officer',
        params: IdParams,
        response: { 200: OfficerView, ...SIGNED_IN_ERRORS, 404: ErrorResponse(['OFFICER_NOT_FOUND']) },
      },
    },
    async (request) => getOfficer({ db, actor: requireOfficer(request), officerId: request.params.id }),
  );

  app.post(
    '/api/admin/officers',
    {
      config: { access: ORG_ADMIN },
      schema: {
        ...base,
        summary: 'Create an officer with roles and a temporary password (returned once)',
        body: OfficerCreate,
        response: {
          201: OfficerWriteResponse,
          ...SIGNED_IN_ERRORS,
          400: ErrorResponse(['VALIDATION_FAILED', 'PASSWORD_TOO_WEAK']),
          403: ErrorResponse(['FORBIDDEN', 'ROLE_NOT_GRANTABLE', 'CSRF_INVALID']),
          404: ErrorResponse(['AGENCY_NOT_FOUND']),
          409: ErrorResponse(['OFFICER_USERNAME_TAKEN']),
        },
      },
    },
    async (request, reply) => {
      const result = await createOfficer({ db, actor: requireOfficer(request), input: request.body });
      return reply.status(201).send(result);
    },
  );

  app.patch(
    '/api/admin/officers/:id',
    {
      config: { access: ORG_ADMIN },
      schema: {
        ...base,
        summary: 'Change roles, contact details, disable, or reset the password (ends all sessions)',
        params: IdParams,
        body: OfficerPatch,
        response: {
          200: OfficerWriteResponse,
          ...SIGNED_IN_ERRORS,
          403: ErrorResponse(['FORBIDDEN', 'ROLE_NOT_GRANTABLE', 'CSRF_INVALID']),
          404: ErrorResponse(['OFFICER_NOT_FOUND', 'AGENCY_NOT_FOUND']),
          409: ErrorResponse(['OFFICER_SELF_DISABLE', 'OFFICER_LAST_PROVINCE_ADMIN']),
        },
      },
    },
    async (request) =>
      updateOfficer({
        db,
        actor: requireOfficer(request),
        officerId: request.params.id,
        patch: request.body,
      }),
  );
};

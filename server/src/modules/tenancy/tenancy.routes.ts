import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { exportableResponse, sendExport } from '../../platform/http/export.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { requireOfficer } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { AGENCY_EXPORT_COLUMNS, agencyExport, listAdminAgencies } from './agencies-admin.repository.js';
import { holidayRoutes } from './holidays.routes.js';
import { officerAdminRoutes } from './officers.routes.js';
import { adminScope } from '../../platform/auth/admin-scope.js';
import {
  ORG_ADMIN,
  PROVINCE_ADMIN,
  PUBLIC_DIRECTORY,
  SECURITY,
  SIGNED_IN_ERRORS,
} from '../../platform/auth/route-rules.js';
import {
  AdminAgencyQuery,
  AdminTenant,
  AdminUnit,
  AdminUnitQuery,
  Agency,
  AgencyCreate,
  AgencyDetail,
  AgencyPatch,
  AgencyQuery,
  IdParams,
  Page,
  PublicTenant,
  TenantPatch,
} from './tenancy.schemas.js';
import {
  adminTenant,
  agencyDetail,
  findTenant,
  listAdminUnits,
  listAgencies,
  publicTenant,
} from './tenancy.repository.js';
import { createAgency, updateAgency, updateTenant } from './tenancy.service.js';

/**
 * Tenancy and organisation: the public configuration and directories the mini app needs, and the
 * administration of the province's configuration, agencies, officers and calendar for the console.
 */
export const tenancyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const tags = ['tenancy'];

  app.get(
    '/api/tenant',
    {
      config: PUBLIC_DIRECTORY,
      schema: {
        tags,
        summary: "The province's public configuration for the mini app (by host name or X-Tenant-Id)",
        response: { 200: PublicTenant, 404: ErrorResponse(['TENANT_NOT_FOUND']) },
      },
    },
    async (request) => publicTenant(request.tenant),
  );

  app.get(
    '/api/admin-units',
    {
      config: PUBLIC_DIRECTORY,
      schema: {
        tags,
        summary: 'Administrative units (communes and wards for pickers), accent-insensitive search',
        querystring: AdminUnitQuery,
        response: { 200: Page(AdminUnit) },
      },
    },
    async (request) => listAdminUnits(db, request.tenant.id, request.query),
  );

  app.get(
    '/api/agencies',
    {
      config: PUBLIC_DIRECTORY,
      schema: {
        tags,
        summary: 'Agencies, accent-insensitive search, optionally the children of one agency',
        querystring: AgencyQuery,
        response: { 200: Page(Agency) },
      },
    },
    async (request) => listAgencies(db, request.tenant.id, request.query),
  );

  app.get(
    '/api/agencies/:id',
    {
      config: PUBLIC_DIRECTORY,
      schema: {
        tags,
        summary: 'One agency with its parent, children and the communes it serves',
        params: IdParams,
        response: { 200: AgencyDetail, 404: ErrorResponse(['AGENCY_NOT_FOUND']) },
      },
    },
    async (request) => {
      const detail = await agencyDetail(db, request.tenant.id, request.params.id);
      if (!detail) throw new AppError('AGENCY_NOT_FOUND');
      return detail;
    },
  );

  app.get(
    '/api/admin/tenant',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        tags,
        security: SECURITY,
        summary: "The province's configuration with the catalogue of utilities",
        response: { 200: AdminTenant, ...SIGNED_IN_ERRORS },
      },
    },
    async (request) => {
      // Fresh from the database: the resolver's copy may be up to 30 s old on another instance.
      const tenant = await findTenant(db, request.tenant.id);
      if (!tenant) throw new AppError('TENANT_NOT_FOUND');
      return adminTenant(tenant);
    },
  );

  app.patch(
    '/api/admin/tenant',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        tags,
        security: SECURITY,
        summary: 'Change utilities (enabled, in order), branding, hotlines, names or Zalo ids',
        body: TenantPatch,
        response: { 200: AdminTenant, ...SIGNED_IN_ERRORS },
      },
    },
    async (request) => {
      const updated = await updateTenant({ db, actor: requireOfficer(request), patch: request.body });
      app.ctx.tenants.invalidate();
      return adminTenant(updated);
    },
  );

  app.get(
    '/api/admin/agencies',
    {
      config: { access: ORG_ADMIN },
      schema: {
        tags,
        security: SECURITY,
        summary: 'Agencies the admin manages (an agency admin: its subtree); sortable, downloadable',
        querystring: AdminAgencyQuery,
        response: {
          200: exportableResponse(Page(Agency)),
          400: ErrorResponse(['VALIDATION_FAILED', 'EXPORT_TOO_LARGE']),
          ...SIGNED_IN_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const actor = requireOfficer(request);
      const scope = await adminScope(db, actor);
      const { format, page: _page, pageSize: _pageSize, ...filter } = request.query;
      if (!format) return listAdminAgencies(db, actor.tenantId, scope, request.query);
      const { total, rows } = await agencyExport(db, actor.tenantId, scope, filter);
      return sendExport(reply, {
        format,
        fileName: 'co-quan',
        sheetName: 'Cơ quan',
        columns: AGENCY_EXPORT_COLUMNS,
        total,
        rows,
      });
    },
  );

  app.post(
    '/api/admin/agencies',
    {
      config: { access: ORG_ADMIN },
      schema: {
        tags,
        security: SECURITY,
        summary: 'Create an agency (an agency admin: below its own agencies)',
        body: AgencyCreate,
        response: {
          201: Agency,
          ...SIGNED_IN_ERRORS,
          400: ErrorResponse(['VALIDATION_FAILED', 'AGENCY_PARENT_INVALID']),
          404: ErrorResponse(['ADMIN_UNIT_NOT_FOUND']),
          409: ErrorResponse(['AGENCY_CODE_TAKEN']),
        },
      },
    },
    async (request, reply) => {
      const agency = await createAgency({ db, actor: requireOfficer(request), input: request.body });
      return reply.status(201).send(agency);
    },
  );

  app.patch(
    '/api/admin/agencies/:id',
    {
      config: { access: ORG_ADMIN },
      schema: {
        tags,
        security: SECURITY,
        summary: 'Change an agency (an agency admin: within its own subtree)',
        params: IdParams,
        body: AgencyPatch,
        response: {
          200: Agency,
          ...SIGNED_IN_ERRORS,
          400: ErrorResponse(['VALIDATION_FAILED', 'AGENCY_PARENT_INVALID']),
          404: ErrorResponse(['AGENCY_NOT_FOUND', 'ADMIN_UNIT_NOT_FOUND']),
          409: ErrorResponse(['AGENCY_CODE_TAKEN']),
        },
      },
    },
    async (request) =>
      updateAgency({ db, actor: requireOfficer(request), agencyId: request.params.id, patch: request.body }),
  );

  await app.register(officerAdminRoutes);
  await app.register(holidayRoutes);
};

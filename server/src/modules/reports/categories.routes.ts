import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { withTx } from '../../db/transaction-guard.js';
import { requireOfficer } from '../../platform/auth/access.js';
import {
  PROVINCE_ADMIN,
  PUBLIC_DIRECTORY,
  SECURITY,
  SIGNED_IN_ERRORS,
} from '../../platform/auth/route-rules.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import {
  adminCategory,
  createCategory,
  deleteCategory,
  listCategories,
  publicCategory,
  updateCategory,
} from './categories.repository.js';
import {
  AdminCategory,
  AdminCategoryList,
  CategoryCreateBody,
  CategoryList,
  CategoryPatchBody,
  Deleted,
  IdParams,
} from './intake.schemas.js';

/**
 * Report categories: the public list the mini app offers (enabled ones, in order), and the province
 * administrator's CRUD. Every change is audited in its transaction.
 */
export const categoriesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const adminTags = ['reports: configuration'];
  const admin = (request: FastifyRequest) => {
    const officer = requireOfficer(request);
    return { tenantId: officer.tenantId, actor: { type: 'officer' as const, id: officer.id } };
  };
  const adminErrors = { ...SIGNED_IN_ERRORS, 404: ErrorResponse(['REPORT_CATEGORY_NOT_FOUND']) };

  app.get(
    '/api/reports/categories',
    {
      config: PUBLIC_DIRECTORY,
      schema: {
        tags: ['reports: public'],
        summary: 'Report categories a citizen may choose, in display order',
        response: { 200: CategoryList },
      },
    },
    async (request) =>
      (await listCategories(db, request.tenant.id, { enabledOnly: true })).map(publicCategory),
  );

  app.get(
    '/api/admin/report-categories',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        tags: adminTags,
        security: SECURITY,
        summary: 'All report categories, disabled ones included',
        response: { 200: AdminCategoryList, ...SIGNED_IN_ERRORS },
      },
    },
    async (request) => {
      const { tenantId } = admin(request);
      return { items: (await listCategories(db, tenantId, { enabledOnly: false })).map(adminCategory) };
    },
  );

  app.post(
    '/api/admin/report-categories',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        tags: adminTags,
        security: SECURITY,
        summary: 'Create a report category',
        body: CategoryCreateBody,
        response: {
          201: AdminCategory,
          400: ErrorResponse(['VALIDATION_FAILED (details.form)', 'REPORT_AGENCY_INVALID']),
          ...SIGNED_IN_ERRORS,
          409: ErrorResponse(['REPORT_CATEGORY_EXISTS']),
        },
      },
    },
    async (request, reply) => {
      const { tenantId, actor } = admin(request);
      const row = await withTx(db, (tx) => createCategory(tx, tenantId, request.body, actor));
      return reply.code(201).send(adminCategory(row));
    },
  );

  app.patch(
    '/api/admin/report-categories/:id',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        tags: adminTags,
        security: SECURITY,
        summary: 'Change a report category',
        params: IdParams,
        body: CategoryPatchBody,
        response: {
          200: AdminCategory,
          400: ErrorResponse(['VALIDATION_FAILED (details.form)', 'REPORT_AGENCY_INVALID']),
          ...adminErrors,
          409: ErrorResponse(['REPORT_CATEGORY_EXISTS']),
        },
      },
    },
    async (request) => {
      const { tenantId, actor } = admin(request);
      const row = await withTx(db, (tx) =>
        updateCategory(tx, tenantId, request.params.id, request.body, actor),
      );
      return adminCategory(row);
    },
  );

  app.delete(
    '/api/admin/report-categories/:id',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        tags: adminTags,
        security: SECURITY,
        summary: 'Delete a report category (disabled instead when reports use it)',
        params: IdParams,
        response: { 200: Deleted, ...adminErrors },
      },
    },
    async (request) => {
      const { tenantId, actor } = admin(request);
      return withTx(db, (tx) => deleteCategory(tx, tenantId, request.params.id, actor));
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { withTx } from '../../db/transaction-guard.js';
import { requireOfficer } from '../../platform/auth/access.js';
import { PROVINCE_ADMIN, SECURITY, SIGNED_IN_ERRORS } from '../../platform/auth/route-rules.js';
import { ErrorResponse, NoContent } from '../../platform/http/schemas.js';
import {
  createRule,
  deleteRule,
  listGeo,
  listRules,
  saveGeo,
  saveSettings,
  settingsView,
} from './config.repository.js';
import {
  GeoBody,
  GeoItem,
  GeoList,
  GeoParams,
  GeoQuery,
  IdParams,
  Rule,
  RuleCreateBody,
  RuleList,
  Settings,
  SettingsBody,
} from './intake.schemas.js';

/**
 * The province administrator's report configuration: routing rules (category + commune → agency),
 * the settings (triage centre, windows, the workflow as data) and the communes' geography. Every
 * change is audited in its transaction.
 */
export const reportConfigRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const tags = ['reports: configuration'];
  const base = { tags, security: SECURITY };
  const admin = (request: FastifyRequest) => {
    const officer = requireOfficer(request);
    return { tenantId: officer.tenantId, actor: { type: 'officer' as const, id: officer.id } };
  };

  app.get(
    '/api/admin/report-routing-rules',
    {
      config: { access: PROVINCE_ADMIN },
      schema: { ...base, summary: 'Routing rules', response: { 200: RuleList, ...SIGNED_IN_ERRORS } },
    },
    async (request) => ({ items: await listRules(db, admin(request).tenantId) }),
  );

  app.post(
    '/api/admin/report-routing-rules',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Add a routing rule (a category, a commune or both → an agency)',
        description:
          'The most specific rule wins: category and commune, then category only, then commune only; ' +
          'within one level the higher priority.',
        body: RuleCreateBody,
        response: {
          201: Rule,
          400: ErrorResponse(['VALIDATION_FAILED', 'REPORT_AGENCY_INVALID']),
          ...SIGNED_IN_ERRORS,
          404: ErrorResponse(['REPORT_CATEGORY_NOT_FOUND']),
        },
      },
    },
    async (request, reply) => {
      const { tenantId, actor } = admin(request);
      const id = await withTx(db, (tx) => createRule(tx, tenantId, request.body, actor));
      const rule = (await listRules(db, tenantId)).find((r) => r.id === id)!;
      return reply.code(201).send(rule);
    },
  );

  app.delete(
    '/api/admin/report-routing-rules/:id',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Remove a routing rule',
        params: IdParams,
        response: { 204: NoContent, ...SIGNED_IN_ERRORS, 404: ErrorResponse(['NOT_FOUND']) },
      },
    },
    async (request, reply) => {
      const { tenantId, actor } = admin(request);
      await withTx(db, (tx) => deleteRule(tx, tenantId, request.params.id, actor));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/admin/report-settings',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Report settings (workflow null: the built-in default)',
        response: { 200: Settings, ...SIGNED_IN_ERRORS },
      },
    },
    async (request) => settingsView(db, admin(request).tenantId),
  );

  app.put(
    '/api/admin/report-settings',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Save the report settings',
        description: 'Without `workflow` the stored one is kept; `null` returns to the built-in default.',
        body: SettingsBody,
        response: {
          200: Settings,
          400: ErrorResponse([
            'VALIDATION_FAILED',
            'REPORT_AGENCY_INVALID',
            'REPORT_WORKFLOW_INVALID (details.problems)',
          ]),
          ...SIGNED_IN_ERRORS,
        },
      },
    },
    async (request) => {
      const { tenantId, actor } = admin(request);
      await withTx(db, (tx) => saveSettings(tx, tenantId, request.body, actor));
      return settingsView(db, tenantId);
    },
  );

  app.get(
    '/api/admin/report-geo',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Communes with their centre and whether a boundary is loaded',
        querystring: GeoQuery,
        response: { 200: GeoList, ...SIGNED_IN_ERRORS },
      },
    },
    async (request) => ({
      items: await listGeo(db, admin(request).tenantId, request.query.boundaries ?? false),
    }),
  );

  app.put(
    '/api/admin/report-geo/:adminUnitId',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Set a commune’s centre and (optionally) its boundary as GeoJSON',
        params: GeoParams,
        body: GeoBody,
        response: {
          200: GeoItem,
          400: ErrorResponse(['VALIDATION_FAILED', 'REPORT_GEOMETRY_INVALID (details.problem)']),
          ...SIGNED_IN_ERRORS,
          404: ErrorResponse(['ADMIN_UNIT_NOT_FOUND']),
        },
      },
    },
    async (request) => {
      const { tenantId, actor } = admin(request);
      const { adminUnitId } = request.params;
      await withTx(db, (tx) => saveGeo(tx, tenantId, adminUnitId, request.body, actor));
      return (await listGeo(db, tenantId, true)).find((g) => g.adminUnit.id === adminUnitId)!;
    },
  );
};

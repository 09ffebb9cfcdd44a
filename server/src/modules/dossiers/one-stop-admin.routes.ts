import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireOfficer } from '../../platform/auth/access.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { PROVINCE_ADMIN, SECURITY, SIGNED_IN_ERRORS } from '../../platform/auth/route-rules.js';
import {
  createIntegration,
  listIntegrations,
  rotateIntegration,
  setIntegrationEnabled,
} from './one-stop-admin.service.js';
import {
  Integration,
  IntegrationCreate,
  IntegrationParams,
  IntegrationPatch,
  IntegrationWithSecret,
} from './one-stop.schemas.js';
import { deriveOneStopKey } from './one-stop-secrets.js';

/** The province admin's side: which one-stop systems may post, with their secrets. */
export const oneStopAdminRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;
  const key = deriveOneStopKey(config.sessionSecret);
  const base = { tags: ['dossiers: one-stop'], security: SECURITY };
  const notFound = { 404: ErrorResponse(['INTEGRATION_NOT_FOUND']) };

  app.get(
    '/api/admin/integrations/one-stop',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'One-stop systems connected to the province',
        response: { 200: Type.Object({ items: Type.Array(Integration) }), ...SIGNED_IN_ERRORS },
      },
    },
    async (request) => ({ items: await listIntegrations(db, request.tenant.id) }),
  );

  app.post(
    '/api/admin/integrations/one-stop',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Connect a one-stop system; its secret is shown once',
        body: IntegrationCreate,
        response: {
          201: IntegrationWithSecret,
          ...SIGNED_IN_ERRORS,
          409: ErrorResponse(['INTEGRATION_EXISTS']),
        },
      },
    },
    async (request, reply) => {
      const created = await createIntegration({
        db,
        key,
        actor: requireOfficer(request),
        name: request.body.name,
      });
      // A secret must never sit in a shared cache or the browser's history of responses.
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.post(
    '/api/admin/integrations/one-stop/:id/rotate',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Replace the secret at once; the new one is shown once',
        params: IntegrationParams,
        response: { 200: IntegrationWithSecret, ...SIGNED_IN_ERRORS, ...notFound },
      },
    },
    async (request, reply) => {
      const rotated = await rotateIntegration({
        db,
        key,
        actor: requireOfficer(request),
        id: request.params.id,
      });
      return reply.header('cache-control', 'no-store').send(rotated);
    },
  );

  app.patch(
    '/api/admin/integrations/one-stop/:id',
    {
      config: { access: PROVINCE_ADMIN },
      schema: {
        ...base,
        summary: 'Enable or disable a one-stop system (a disabled one is refused like a bad signature)',
        params: IntegrationParams,
        body: IntegrationPatch,
        response: { 200: Integration, ...SIGNED_IN_ERRORS, ...notFound },
      },
    },
    async (request) =>
      setIntegrationEnabled({
        db,
        actor: requireOfficer(request),
        id: request.params.id,
        enabled: request.body.enabled,
      }),
  );
};

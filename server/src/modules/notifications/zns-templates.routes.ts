import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { requireOfficer } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { definitionOf, describeType, TypeTemplates } from './templates.view.js';

const ADMIN = { roles: ['province_admin'] } as const;

/** Which approved ZNS template carries a message type, and which of our variables fills each parameter. */
export const znsTemplatesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const security: { [label: string]: string[] }[] = [{ cookie: [] }, { bearer: [] }];
  const base = { tags: ['notifications'], security };
  const errors = { 401: ErrorResponse(['AUTH_REQUIRED']), 403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']) };
  const invalid = ErrorResponse([
    'VALIDATION_FAILED',
    'TEMPLATE_INVALID (details.variables, details.allowed)',
  ]);

  app.put(
    '/api/admin/notifications/zns-templates/:type',
    {
      config: { access: ADMIN },
      schema: {
        ...base,
        summary: 'The approved ZNS template for a type and which variable fills each of its parameters',
        params: Type.Object({ type: Type.String({ maxLength: 50 }) }),
        body: Type.Object(
          {
            templateId: Type.String({ pattern: '^[0-9]{1,20}$' }),
            params: Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,49}$' }), Type.String(), {
              minProperties: 1,
              maxProperties: 20,
            }),
            approved: Type.Optional(Type.Boolean({ default: true })),
          },
          { additionalProperties: false },
        ),
        response: { 200: TypeTemplates, 400: invalid, ...errors, 404: ErrorResponse(['NOT_FOUND']) },
      },
    },
    async (request) => {
      const officer = requireOfficer(request);
      const definition = definitionOf(request.params.type);
      const { templateId, params, approved } = request.body;
      const unknown = Object.values(params).filter((v) => !definition.variables.includes(v));
      if (unknown.length > 0) {
        throw new AppError('TEMPLATE_INVALID', { variables: unknown, allowed: [...definition.variables] });
      }
      await withTx(db, async (tx) => {
        await tx
          .insertInto('zns_templates')
          .values({
            tenant_id: officer.tenantId,
            type: definition.type,
            template_id: templateId,
            params: JSON.stringify(params),
            approved: approved ?? true,
          })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'type']).doUpdateSet({
              template_id: templateId,
              params: JSON.stringify(params),
              approved: approved ?? true,
            }),
          )
          .execute();
        await appendAudit(tx, {
          tenantId: officer.tenantId,
          actor: { type: 'officer', id: officer.id },
          action: 'notifications.zns_template_saved',
          entityType: 'zns_template',
          entityId: definition.type,
          data: { templateId, params, approved: approved ?? true },
        });
      });
      return describeType(db, officer.tenantId, definition);
    },
  );

  app.delete(
    '/api/admin/notifications/zns-templates/:type',
    {
      config: { access: ADMIN },
      schema: {
        ...base,
        summary: 'Stop sending a type through ZNS (the template was withdrawn or rejected by Zalo)',
        params: Type.Object({ type: Type.String({ maxLength: 50 }) }),
        response: { 200: TypeTemplates, ...errors, 404: ErrorResponse(['NOT_FOUND']) },
      },
    },
    async (request) => {
      const officer = requireOfficer(request);
      const definition = definitionOf(request.params.type);
      await withTx(db, async (tx) => {
        const removed = await tx
          .deleteFrom('zns_templates')
          .where('tenant_id', '=', officer.tenantId)
          .where('type', '=', definition.type)
          .returning('template_id')
          .executeTakeFirst();
        if (!removed) return;
        await appendAudit(tx, {
          tenantId: officer.tenantId,
          actor: { type: 'officer', id: officer.id },
          action: 'notifications.zns_template_removed',
          entityType: 'zns_template',
          entityId: definition.type,
          data: { templateId: removed.template_id },
        });
      });
      return describeType(db, officer.tenantId, definition);
    },
  );
};

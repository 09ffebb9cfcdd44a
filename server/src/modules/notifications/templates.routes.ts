import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { withTx } from '../../db/transaction-guard.js';
import { countSmsSegments } from '../../integrations/sms/segments.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { requireOfficer, type AccessRule } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse, NoContent } from '../../platform/http/schemas.js';
import { MESSAGE_TYPES, render, type MessageTypeDefinition } from '../../platform/notify/templates.js';
import { definitionOf, describeType, TypeTemplates, validate } from './templates.view.js';

const EDITORS: AccessRule = { roles: ['province_admin', 'editor'] };
const Channel = Type.Union([Type.Literal('inbox'), Type.Literal('oa'), Type.Literal('sms')]);
const TemplateParams = Type.Object({ type: Type.String({ maxLength: 50 }), channel: Channel });
const TemplateBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    body: Type.String({ minLength: 1, maxLength: 4000 }),
  },
  { additionalProperties: false },
);
const Preview = Type.Object({
  title: Type.Union([Type.String(), Type.Null()]),
  text: Type.String(),
  smsSegments: Type.Integer({ description: 'SMS parts this text takes (GSM-7 160/153, UCS-2 70/67)' }),
});

/** Sample values for a preview: what officers typed, or the variable's name in brackets. */
function sampleData(definition: MessageTypeDefinition, data: Record<string, string> | undefined) {
  return Object.fromEntries(definition.variables.map((v) => [v, data?.[v] ?? `[${v}]`]));
}

/**
 * The template editor of the console: every message type with its variables and the templates in
 * force (the province's own or the default), saving an override (validated), going back to the
 * default, a preview with sample data, and the ZNS template id and parameter mapping per type.
 */
export const templatesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const security: { [label: string]: string[] }[] = [{ cookie: [] }, { bearer: [] }];
  const base = { tags: ['notifications'], security };
  const errors = { 401: ErrorResponse(['AUTH_REQUIRED']), 403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']) };
  const invalid = ErrorResponse([
    'VALIDATION_FAILED',
    'TEMPLATE_INVALID (details.variables, details.allowed)',
  ]);

  app.get(
    '/api/admin/notifications/templates',
    {
      config: { access: EDITORS },
      schema: {
        ...base,
        summary: 'Message types, their variables and the templates in force',
        response: { 200: Type.Object({ items: Type.Array(TypeTemplates) }), ...errors },
      },
    },
    async (request) => ({
      items: await Promise.all(MESSAGE_TYPES.map((t) => describeType(db, request.tenant.id, t))),
    }),
  );

  app.put(
    '/api/admin/notifications/templates/:type/:channel',
    {
      config: { access: EDITORS },
      schema: {
        ...base,
        summary: "Save the province's template for one type and channel (unknown variables are refused)",
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: TypeTemplates, 400: invalid, ...errors, 404: ErrorResponse(['NOT_FOUND']) },
      },
    },
    async (request) => {
      const officer = requireOfficer(request);
      const { type, channel } = request.params;
      const definition = definitionOf(type);
      const { title, body } = request.body;
      if (channel === 'inbox' && !title) {
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: '/title', rule: 'required' }] });
      }
      validate(definition, [title, body]);
      await withTx(db, async (tx) => {
        await tx
          .insertInto('notification_templates')
          .values({
            tenant_id: officer.tenantId,
            type,
            channel,
            title: channel === 'inbox' ? title! : null,
            body,
            updated_by_officer_id: officer.id,
          })
          .onConflict((oc) =>
            oc.columns(['tenant_id', 'type', 'channel']).doUpdateSet({
              title: channel === 'inbox' ? title! : null,
              body,
              updated_by_officer_id: officer.id,
              updated_at: sql`now()`,
            }),
          )
          .execute();
        await appendAudit(tx, {
          tenantId: officer.tenantId,
          actor: { type: 'officer', id: officer.id },
          action: 'notifications.template_saved',
          entityType: 'notification_template',
          entityId: `${type}:${channel}`,
          data: { title: title ?? null, body },
        });
      });
      return describeType(db, officer.tenantId, definition);
    },
  );

  app.delete(
    '/api/admin/notifications/templates/:type/:channel',
    {
      config: { access: EDITORS },
      schema: {
        ...base,
        summary: 'Go back to the default template',
        params: TemplateParams,
        response: { 204: NoContent, ...errors, 404: ErrorResponse(['NOT_FOUND']) },
      },
    },
    async (request, reply) => {
      const officer = requireOfficer(request);
      definitionOf(request.params.type);
      await db
        .deleteFrom('notification_templates')
        .where('tenant_id', '=', officer.tenantId)
        .where('type', '=', request.params.type)
        .where('channel', '=', request.params.channel)
        .execute();
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/admin/notifications/templates/preview',
    {
      config: { access: EDITORS },
      schema: {
        ...base,
        summary: 'Render a template with sample data, as the citizen would read it',
        body: Type.Object(
          {
            type: Type.String({ maxLength: 50 }),
            title: Type.Optional(Type.String({ maxLength: 200 })),
            body: Type.String({ minLength: 1, maxLength: 4000 }),
            data: Type.Optional(
              Type.Record(Type.String(), Type.String({ maxLength: 1000 }), { maxProperties: 20 }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Preview, 400: invalid, ...errors, 404: ErrorResponse(['NOT_FOUND']) },
      },
    },
    async (request) => {
      const definition = definitionOf(request.body.type);
      validate(definition, [request.body.title, request.body.body]);
      const data = sampleData(definition, request.body.data);
      const text = render(request.body.body, data);
      return {
        title: request.body.title ? render(request.body.title, data) : null,
        text,
        smsSegments: countSmsSegments(text).segments,
      };
    },
  );
};

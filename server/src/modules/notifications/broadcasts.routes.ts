import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { requireOfficer, type AccessRule } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { broadcastProgress, createBroadcast, listBroadcasts } from '../../platform/notify/broadcast.js';
import { messageType, TemplateError } from '../../platform/notify/templates.js';

const SENDERS: AccessRule = { roles: ['province_admin', 'editor'] };
const DateTime = Type.String({ format: 'date-time' });

const Progress = Type.Object({
  id: Type.String(),
  type: Type.String(),
  title: Type.Union([Type.String(), Type.Null()], { description: 'The title the message carried' }),
  status: Type.String({ description: 'scheduled, running, done or cancelled' }),
  runAt: DateTime,
  recipients: Type.Integer({ description: 'Followers reached by the fan-out so far' }),
  sent: Type.Integer(),
  failed: Type.Integer(),
  pending: Type.Integer(),
  fannedOut: Type.Boolean(),
  createdAt: DateTime,
  finishedAt: Type.Union([DateTime, Type.Null()]),
});

/** Console: send a news item or an emergency alert to the OA's followers, and watch its progress. */
export const broadcastsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const security: { [label: string]: string[] }[] = [{ cookie: [] }, { bearer: [] }];
  const base = { tags: ['notifications'], security };
  const errors = { 401: ErrorResponse(['AUTH_REQUIRED']), 403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']) };

  app.post(
    '/api/admin/broadcasts',
    {
      config: { access: SENDERS },
      schema: {
        ...base,
        summary:
          'Broadcast to all followers of the Official Account or those in given communes, now or later',
        body: Type.Object(
          {
            type: Type.Union([Type.Literal('broadcast.news'), Type.Literal('broadcast.emergency')]),
            data: Type.Record(Type.String(), Type.String({ minLength: 1, maxLength: 1000 }), {
              maxProperties: 10,
            }),
            communeIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 200 })),
            runAt: Type.Optional(DateTime),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Type.String() }),
          400: ErrorResponse(['VALIDATION_FAILED', 'TEMPLATE_INVALID (details.variables)']),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const officer = requireOfficer(request);
      const { type, data, communeIds, runAt } = request.body;
      try {
        const id = await withTx(db, async (tx) => {
          const created = await createBroadcast(tx, {
            tenantId: officer.tenantId,
            type,
            data,
            communeIds,
            runAt: runAt ? new Date(runAt) : undefined,
            officerId: officer.id,
          });
          await appendAudit(tx, {
            tenantId: officer.tenantId,
            actor: { type: 'officer', id: officer.id },
            action: 'notifications.broadcast_created',
            entityType: 'broadcast',
            entityId: created,
            data: { type, communes: communeIds?.length ?? 0, runAt: runAt ?? null },
          });
          return created;
        });
        return reply.code(201).send({ id });
      } catch (error) {
        if (error instanceof TemplateError) {
          throw new AppError('TEMPLATE_INVALID', {
            variables: error.variables,
            expected: messageType(type)?.variables ?? [],
          });
        }
        throw error;
      }
    },
  );

  app.get(
    '/api/admin/broadcasts',
    {
      config: { access: SENDERS },
      schema: {
        ...base,
        summary: 'Broadcasts of the province, newest first, with their progress',
        querystring: Type.Object(
          {
            page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(Progress),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          400: ErrorResponse(['VALIDATION_FAILED']),
          ...errors,
        },
      },
    },
    async (request) => listBroadcasts(db, request.tenant.id, request.query.page, request.query.pageSize),
  );

  app.get(
    '/api/admin/broadcasts/:id',
    {
      config: { access: SENDERS },
      schema: {
        ...base,
        summary: 'Progress of a broadcast',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Progress, ...errors, 404: ErrorResponse(['BROADCAST_NOT_FOUND']) },
      },
    },
    async (request) => {
      const progress = await broadcastProgress(db, request.tenant.id, request.params.id);
      if (!progress) throw new AppError('BROADCAST_NOT_FOUND');
      return progress;
    },
  );
};

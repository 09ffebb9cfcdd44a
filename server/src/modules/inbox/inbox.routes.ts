import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireCitizen, requireOfficer, type AccessRule } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse, NoContent } from '../../platform/http/schemas.js';
import { listInbox, markAllRead, markRead, unreadCount } from './inbox.repository.js';
import {
  AdminMessageBody,
  AdminMessageReply,
  InboxPage,
  InboxQuery,
  MessageParams,
  UnreadCount,
} from './inbox.schemas.js';
import { sendOfficerMessage } from './inbox.service.js';

const MESSAGE_SENDERS: AccessRule = { roles: ['province_admin', 'editor'] };

/**
 * The in-app inbox: a citizen reads and marks their own messages; province admins and editors send
 * a message to one citizen. A message id of someone else answers as if it did not exist.
 */
export const inboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const tags = ['inbox'];
  const citizen = { tags, security: [{ bearer: [] }] };
  const citizenErrors = { 401: ErrorResponse(['AUTH_REQUIRED']), 403: ErrorResponse(['FORBIDDEN']) };
  const owner = (request: Parameters<typeof requireCitizen>[0]) => {
    const principal = requireCitizen(request);
    return { tenantId: principal.tenantId, citizenId: principal.id };
  };

  app.get(
    '/api/me/inbox',
    {
      config: { access: 'citizen' },
      schema: {
        ...citizen,
        summary: 'My messages, newest first, with the number still unread',
        querystring: InboxQuery,
        response: { 200: InboxPage, ...citizenErrors },
      },
    },
    async (request) => listInbox(db, owner(request), request.query),
  );

  app.get(
    '/api/me/inbox/unread-count',
    {
      config: { access: 'citizen' },
      schema: {
        ...citizen,
        summary: 'How many of my messages are unread (the badge on the home screen)',
        response: { 200: UnreadCount, ...citizenErrors },
      },
    },
    async (request) => ({ unread: await unreadCount(db, owner(request)) }),
  );

  app.post(
    '/api/me/inbox/:id/read',
    {
      config: { access: 'citizen' },
      schema: {
        ...citizen,
        summary: 'Mark one of my messages read (again is harmless)',
        params: MessageParams,
        response: { 204: NoContent, ...citizenErrors, 404: ErrorResponse(['MESSAGE_NOT_FOUND']) },
      },
    },
    async (request, reply) => {
      if (!(await markRead(db, owner(request), request.params.id))) throw new AppError('MESSAGE_NOT_FOUND');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/inbox/read-all',
    {
      config: { access: 'citizen' },
      schema: {
        ...citizen,
        summary: 'Mark all my messages read',
        response: { 204: NoContent, ...citizenErrors },
      },
    },
    async (request, reply) => {
      await markAllRead(db, owner(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/admin/messages',
    {
      config: { access: MESSAGE_SENDERS },
      schema: {
        tags,
        security: [{ cookie: [] }, { bearer: [] }],
        summary: "Send a message to one citizen's in-app inbox, by citizen id or phone number",
        body: AdminMessageBody,
        response: {
          201: AdminMessageReply,
          400: ErrorResponse(['VALIDATION_FAILED', 'PHONE_INVALID']),
          401: ErrorResponse(['AUTH_REQUIRED']),
          403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
          404: ErrorResponse(['CITIZEN_NOT_FOUND']),
        },
      },
    },
    async (request, reply) => {
      const sent = await sendOfficerMessage({ db, actor: requireOfficer(request), input: request.body });
      return reply.code(201).send(sent);
    },
  );
};

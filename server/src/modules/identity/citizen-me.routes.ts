import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, NoContent } from '../../platform/http/schemas.js';
import { requireCitizen } from '../../platform/auth/access.js';
import { addConsent, deleteMe, exportMyData, readMe, withdrawConsent } from './citizen-privacy.service.js';
import { ConsentBody, ConsentParams, ConsentView, ExportReply, MeReply } from './citizen.schemas.js';

/** The signed-in citizen's own data: read, export, delete, consents (Decree 13/2023). */
export const citizenMeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, privacy } = app.ctx;
  const tags = ['citizen'];
  const security = [{ bearer: [] }];
  const unauthorized = ErrorResponse(['AUTH_REQUIRED']);
  const citizenOnly = ErrorResponse(['FORBIDDEN']);

  app.get(
    '/api/me',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        security,
        summary: 'My profile and the consents I gave',
        response: { 200: MeReply, 401: unauthorized, 403: citizenOnly },
      },
    },
    async (request) => readMe({ db, actor: requireCitizen(request) }),
  );

  app.get(
    '/api/me/export',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        security,
        summary: 'Everything held about me, as a JSON file',
        response: { 200: ExportReply, 401: unauthorized, 403: citizenOnly },
      },
    },
    async (request, reply) => {
      const data = await exportMyData({
        db,
        actor: requireCitizen(request),
        tenant: request.tenant,
        privacy,
      });
      const day = data.exportedAt.slice(0, 10);
      reply
        .header('content-disposition', `attachment; filename="du-lieu-ca-nhan-${day}.json"`)
        .header('cache-control', 'no-store');
      return data;
    },
  );

  app.delete(
    '/api/me',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        security,
        summary: 'Delete my account and my data; signs me out everywhere',
        response: {
          204: NoContent,
          401: unauthorized,
          403: citizenOnly,
          404: ErrorResponse(['CITIZEN_NOT_FOUND']),
        },
      },
    },
    async (request, reply) => {
      await deleteMe({ db, actor: requireCitizen(request), privacy });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/consents',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        security,
        summary: 'Give consent for a stated purpose (returns the active one if already given)',
        body: ConsentBody,
        response: {
          200: ConsentView,
          201: ConsentView,
          400: ErrorResponse(['VALIDATION_FAILED']),
          401: unauthorized,
          403: citizenOnly,
        },
      },
    },
    async (request, reply) => {
      const { consent, created } = await addConsent({
        db,
        actor: requireCitizen(request),
        purposeCode: request.body.purposeCode,
        purpose: request.body.purpose,
      });
      return reply.code(created ? 201 : 200).send(consent);
    },
  );

  app.delete(
    '/api/me/consents/:id',
    {
      config: { access: 'citizen' },
      schema: {
        tags,
        security,
        summary: 'Withdraw a consent (kept on record with the withdrawal time)',
        params: ConsentParams,
        response: {
          200: ConsentView,
          401: unauthorized,
          403: citizenOnly,
          404: ErrorResponse(['CONSENT_NOT_FOUND']),
        },
      },
    },
    async (request) => withdrawConsent({ db, actor: requireCitizen(request), consentId: request.params.id }),
  );
};

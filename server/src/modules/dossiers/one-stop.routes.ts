import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { oneStopAdminRoutes } from './one-stop-admin.routes.js';
import {
  OneStopDossierBody,
  OneStopDossierResponse,
  OneStopEventBody,
  OneStopEventResponse,
  OneStopHeaders,
} from './one-stop.schemas.js';
import {
  deriveOneStopKey,
  ONE_STOP_MAX_SKEW_SECONDS,
  openOneStopSecret,
  verifyOneStopSignature,
} from './one-stop-secrets.js';
import {
  receiveOneStopDossier,
  receiveOneStopEvent,
  type OneStopIntegrationRef,
} from './one-stop.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A one-stop system sends in bursts (a morning's counter work at once); still bounded per address. */
const SIGNED_RATE_LIMIT = { max: 3000, timeWindow: 60_000 };

/** The exact bytes signed, and who signed them, kept beside the request rather than on it. */
const rawBodies = new WeakMap<FastifyRequest, string>();
const signers = new WeakMap<FastifyRequest, OneStopIntegrationRef>();

/**
 * The signed API a province's one-stop system (hệ thống một cửa điện tử) calls. The JSON parser of
 * this plugin keeps the raw text, and a preValidation hook checks the HMAC over it before the body
 * is validated or anything is stored: an unsigned caller learns nothing, not even which fields are
 * wrong. Signature first, then the clock, so only the secret's holder learns about clock skew.
 */
const signedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;
  const key = deriveOneStopKey(config.sessionSecret);

  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const raw = typeof body === 'string' ? body : body.toString('utf8');
    rawBodies.set(request, raw);
    try {
      done(null, JSON.parse(raw));
    } catch {
      // Judged after the signature: garbage from a stranger is a bad signature, not a parse error.
      done(null, undefined);
    }
  });

  const verify = async (request: FastifyRequest) => {
    const headers = request.headers;
    const id = String(headers['x-integration-id'] ?? '');
    const timestamp = String(headers['x-timestamp'] ?? '');
    const signature = headers['x-signature'];
    const raw = rawBodies.get(request) ?? '';
    const integration = UUID.test(id)
      ? await db
          .selectFrom('one_stop_integrations')
          .select(['id', 'tenant_id', 'secret_sealed', 'enabled'])
          .where('id', '=', id)
          .executeTakeFirst()
      : undefined;
    if (
      !integration ||
      !integration.enabled ||
      !/^\d{1,12}$/.test(timestamp) ||
      !verifyOneStopSignature(
        openOneStopSecret(integration.secret_sealed, key),
        timestamp,
        raw,
        String(signature ?? ''),
      )
    ) {
      request.log.warn({ integrationId: id }, 'one-stop call refused: bad or missing signature');
      throw new AppError('ONE_STOP_SIGNATURE_INVALID');
    }
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > ONE_STOP_MAX_SKEW_SECONDS) {
      throw new AppError('ONE_STOP_STALE');
    }
    if (request.body === undefined)
      throw new AppError('VALIDATION_FAILED', { fields: [{ path: '', rule: 'json' }] });
    signers.set(request, { id: integration.id, tenantId: integration.tenant_id });
  };
  const signer = (request: FastifyRequest) => {
    const ref = signers.get(request);
    if (!ref) throw new AppError('ONE_STOP_SIGNATURE_INVALID');
    return ref;
  };
  const errors = {
    400: ErrorResponse(['VALIDATION_FAILED']),
    401: ErrorResponse(['ONE_STOP_SIGNATURE_INVALID', 'ONE_STOP_STALE']),
  };
  // The integration names the province: no tenant header, no session.
  const routeConfig = { access: 'public' as const, tenant: false, rateLimit: SIGNED_RATE_LIMIT };

  app.post(
    '/api/integrations/one-stop/dossiers',
    {
      config: routeConfig,
      preValidation: verify,
      schema: {
        tags: ['dossiers: one-stop'],
        summary: 'A dossier the one-stop system received (idempotent by externalId)',
        headers: OneStopHeaders,
        body: OneStopDossierBody,
        response: {
          200: OneStopDossierResponse,
          201: OneStopDossierResponse,
          ...errors,
          404: ErrorResponse(['PROCEDURE_NOT_FOUND']),
        },
      },
    },
    async (request, reply) => {
      const result = await receiveOneStopDossier(db, signer(request), request.body);
      if (result.created) app.ctx.worker.nudge();
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  app.post(
    '/api/integrations/one-stop/events',
    {
      config: routeConfig,
      preValidation: verify,
      schema: {
        tags: ['dossiers: one-stop'],
        summary:
          'A step of a dossier in the one-stop system (idempotent by eventId, applied in event-time order)',
        headers: OneStopHeaders,
        body: OneStopEventBody,
        response: { 200: OneStopEventResponse, ...errors },
      },
    },
    async (request) => {
      const result = await receiveOneStopEvent(db, signer(request), request.body);
      if (result.applied) app.ctx.worker.nudge();
      return result;
    },
  );
};

/** Console management and the signed API, each in its own scope (only the latter parses raw JSON). */
export const oneStopRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(oneStopAdminRoutes);
  await app.register(signedRoutes);
};

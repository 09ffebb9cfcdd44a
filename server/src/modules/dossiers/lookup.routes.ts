import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DOSSIER_STATUSES } from '../../db/schema.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { lookupDossier } from './lookup.service.js';

/**
 * Guesses allowed per client address and minute (LOOKUP_RATE_LIMIT_MAX, default 10). Keyed by IP
 * alone (not by tenant or code), so switching X-Tenant-Id or trying many codes from one machine
 * does not buy more attempts.
 */
const LOOKUP_WINDOW_MS = 60_000;

const DateTime = Type.String({ format: 'date-time' });
const Status = Type.Union(DOSSIER_STATUSES.map((s) => Type.Literal(s)));

const LookupQuerySchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 60 }),
    phoneLast4: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
    secret: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

const LookupResponse = Type.Object({
  code: Type.String(),
  procedure: Type.Object({ code: Type.String(), name: Type.String() }),
  agency: Type.Object({ name: Type.String() }),
  status: Status,
  submittedAt: DateTime,
  receivedAt: Type.Union([DateTime, Type.Null()]),
  dueAt: Type.Union([DateTime, Type.Null()]),
  completedAt: Type.Union([DateTime, Type.Null()]),
  timeline: Type.Array(
    Type.Object({
      at: DateTime,
      action: Type.String(),
      toStatus: Type.Union([Status, Type.Null()]),
      note: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  nextStep: Type.String({ description: 'What the citizen should do or expect next (Vietnamese)' }),
});

export const lookupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;
  const limit = { max: config.lookupRateLimitMax, timeWindow: LOOKUP_WINDOW_MS };
  app.get(
    '/api/dossiers/lookup',
    {
      config: {
        access: 'public',
        rateLimit: { ...limit, keyGenerator: (request) => request.ip },
      },
      schema: {
        tags: ['dossiers'],
        summary: 'Look a dossier up by its code and the last 4 digits of the phone, or the secret of its QR',
        description:
          'A wrong code, phone or secret answers 404 DOSSIER_NOT_FOUND exactly like a missing dossier. ' +
          `Limited to ${limit.max} requests a minute per client.`,
        querystring: LookupQuerySchema,
        response: {
          200: LookupResponse,
          404: ErrorResponse(['DOSSIER_NOT_FOUND']),
          429: ErrorResponse(['RATE_LIMITED']),
        },
      },
    },
    async (request) => lookupDossier(db, { tenantId: request.tenant.id, ...request.query }),
  );
};

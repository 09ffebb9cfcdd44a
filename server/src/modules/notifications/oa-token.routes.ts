import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { withTx } from '../../db/transaction-guard.js';
import { ZaloApiError } from '../../integrations/zalo/errors.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { requireOfficer } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import type { OaTokenStore } from '../../platform/notify/oa-tokens.js';

/**
 * A province admin pastes the Official Account refresh token once (from Zalo's OA admin after
 * authorizing our app); it is exchanged at once, so a wrong token is refused here and not at the
 * first notice. From then on the worker keeps the pair fresh by itself.
 */
export function oaTokenRoutes(tokens: OaTokenStore): FastifyPluginAsyncTypebox {
  return async (app) => {
    const { db } = app.ctx;
    app.put(
      '/api/admin/notifications/oa-token',
      {
        config: { access: { roles: ['province_admin'] } },
        schema: {
          tags: ['notifications'],
          security: [{ cookie: [] }, { bearer: [] }],
          summary: "Set the Official Account's refresh token (stored sealed, exchanged at once)",
          body: Type.Object(
            { refreshToken: Type.String({ minLength: 10, maxLength: 2000 }) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ accessTokenExpiresAt: Type.String({ format: 'date-time' }) }),
            400: ErrorResponse(['VALIDATION_FAILED', 'ZALO_OA_TOKEN_REFUSED']),
            401: ErrorResponse(['AUTH_REQUIRED']),
            403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
            503: ErrorResponse(['ZALO_UNAVAILABLE', 'ZALO_NOT_CONFIGURED']),
          },
        },
      },
      async (request) => {
        const officer = requireOfficer(request);
        let expiresAt: Date;
        try {
          ({ expiresAt } = await tokens.setRefreshToken(officer.tenantId, request.body.refreshToken));
        } catch (error) {
          if (error instanceof ZaloApiError) throw new AppError('ZALO_OA_TOKEN_REFUSED');
          if (error instanceof AppError) throw error;
          throw new AppError('ZALO_UNAVAILABLE');
        }
        await withTx(db, (tx) =>
          appendAudit(tx, {
            tenantId: officer.tenantId,
            actor: { type: 'officer', id: officer.id },
            action: 'notifications.oa_token_set',
            entityType: 'tenant',
            entityId: officer.tenantId,
          }),
        );
        return { accessTokenExpiresAt: expiresAt.toISOString() };
      },
    );
  };
}

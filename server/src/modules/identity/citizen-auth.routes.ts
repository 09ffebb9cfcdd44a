import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, NoContent } from '../../platform/http/schemas.js';
import { revokeSession, SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors/app-error.js';
import { requestOtp, verifyOtp } from './citizen-otp.service.js';
import {
  AuthMethodsReply,
  DevZaloLoginBody,
  OtpRequestBody,
  OtpRequestReply,
  OtpVerifyBody,
  SessionReply,
  ZaloLoginBody,
} from './citizen.schemas.js';
import { signInDevZalo, signInWithZalo } from './citizen.service.js';

/**
 * Citizen sign-in. The mini app and the web app keep the returned token and send it as
 * `Authorization: Bearer`; no cookie is set, so these sessions need no CSRF token.
 */
export const citizenAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, db } = app.ctx;
  const tags = ['citizen auth'];

  app.get(
    '/api/auth/methods',
    {
      // The same for every caller, and read before every sign-in screen: cacheable like /api/tenant.
      config: { access: 'public', cacheSeconds: 60 },
      schema: {
        tags,
        summary: 'Which sign-in methods this server offers, so the app shows only those that work',
        response: { 200: AuthMethodsReply },
      },
    },
    async () => ({
      zalo: Boolean(config.zalo.appId && config.zalo.appSecret),
      // Always on: without a gateway (development) the code is written to the log instead.
      phoneOtp: true,
      devZalo: config.devLogin,
    }),
  );

  app.post(
    '/api/auth/zalo',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in from the Zalo mini app (access token, and a phone token after consent)',
        body: ZaloLoginBody,
        response: {
          200: SessionReply,
          400: ErrorResponse(['VALIDATION_FAILED', 'ZALO_PHONE_TOKEN_INVALID', 'PHONE_INVALID']),
          401: ErrorResponse(['ZALO_TOKEN_INVALID', 'ZALO_TOKEN_EXPIRED']),
          502: ErrorResponse(['ZALO_UNAVAILABLE']),
          503: ErrorResponse(['ZALO_NOT_CONFIGURED', 'ZALO_RATE_LIMITED']),
        },
      },
    },
    async (request) =>
      signInWithZalo({
        db,
        config,
        zalo: app.ctx.zalo,
        tenantId: request.tenant.id,
        accessToken: request.body.accessToken,
        phoneToken: request.body.phoneToken,
      }),
  );

  app.post(
    '/api/auth/dev-zalo',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Development only: sign in as a simulated Zalo user (DEV_LOGIN)',
        body: DevZaloLoginBody,
        response: { 200: SessionReply, 403: ErrorResponse(['DEV_LOGIN_DISABLED']) },
      },
    },
    async (request) =>
      signInDevZalo({
        db,
        config,
        tenantId: request.tenant.id,
        zaloId: request.body.zaloId,
        name: request.body.name,
      }),
  );

  app.post(
    '/api/auth/otp/request',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Send a 6-digit sign-in code by SMS (valid 5 minutes)',
        body: OtpRequestBody,
        response: {
          200: OtpRequestReply,
          400: ErrorResponse(['VALIDATION_FAILED', 'PHONE_INVALID']),
          429: ErrorResponse(['OTP_RESEND_TOO_SOON (details.retryAfterSeconds)', 'OTP_LIMIT_REACHED']),
          502: ErrorResponse(['SMS_UNAVAILABLE']),
        },
      },
    },
    async (request, reply) => {
      try {
        return await requestOtp({
          db,
          config,
          sms: app.ctx.sms,
          tenant: request.tenant,
          phone: request.body.phone,
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'OTP_RESEND_TOO_SOON') {
          reply.header('retry-after', String(error.details?.retryAfterSeconds ?? 60));
        }
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/otp/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Exchange the SMS code for a session (5 tries per code)',
        body: OtpVerifyBody,
        response: {
          200: SessionReply,
          400: ErrorResponse([
            'VALIDATION_FAILED',
            'PHONE_INVALID',
            'OTP_INVALID (details.attemptsLeft)',
            'OTP_EXPIRED',
          ]),
          429: ErrorResponse(['OTP_TOO_MANY_ATTEMPTS']),
        },
      },
    },
    async (request) =>
      verifyOtp({
        db,
        config,
        tenantId: request.tenant.id,
        phone: request.body.phone,
        code: request.body.code,
      }),
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'signed-in', allowPendingPasswordChange: true },
      schema: {
        tags,
        security: [{ bearer: [] }, { cookie: [] }],
        summary: 'End the current session',
        response: { 204: NoContent, 401: ErrorResponse(['AUTH_REQUIRED']) },
      },
    },
    async (request, reply) => {
      // 'signed-in' guarantees a principal; the check keeps the type system convinced.
      if (!request.principal) throw new AppError('AUTH_REQUIRED');
      await revokeSession(db, request.principal.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, NoContent } from '../../platform/http/schemas.js';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { requireOfficer } from '../../platform/auth/access.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import {
  changeOfficerPassword,
  disableOfficerTotp,
  enableOfficerTotp,
  setupOfficerTotp,
} from './officer.credentials.service.js';
import {
  ChangePasswordBody,
  LoginBody,
  LoginResponse,
  MeResponse,
  TotpDisableBody,
  TotpEnableBody,
  TotpSetupResponse,
} from './officer.schemas.js';
import { currentOfficer, loginOfficer, logoutOfficer, officerProfile } from './officer.service.js';
import { deriveTotpKey } from './totp.js';

/**
 * Officer sign-in for the console (HttpOnly cookie + CSRF token) and for API clients (bearer token).
 * CSRF on cookie sessions is enforced for every unsafe route in app.ts; login itself is public, and a
 * cross-site page cannot post JSON to it without a CORS preflight we refuse.
 */
export const officerAuthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, db } = app.ctx;
  const totpKey = deriveTotpKey(config.sessionSecret);
  const cookieBase: CookieSerializeOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    // Over plain http (local development) a Secure cookie would never come back.
    secure: new URL(config.publicUrl).protocol === 'https:',
  };
  const tags = ['officer auth'];
  const security: { [scheme: string]: string[] }[] = [{ cookie: [] }, { bearer: [] }];
  const signedInErrors = {
    401: ErrorResponse(['AUTH_REQUIRED']),
    403: ErrorResponse(['CSRF_INVALID', 'FORBIDDEN']),
  };
  // The TOTP routes are closed to an officer still on a temporary password (see enforceAccess).
  const pendingPasswordErrors = {
    401: signedInErrors[401],
    403: ErrorResponse(['CSRF_INVALID', 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED']),
  };

  app.post(
    '/api/auth/officer/login',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in with username, password and, when enabled, a TOTP code',
        body: LoginBody,
        response: {
          200: LoginResponse,
          401: ErrorResponse(['INVALID_CREDENTIALS', 'TOTP_REQUIRED', 'TOTP_INVALID']),
          403: ErrorResponse(['ACCOUNT_DISABLED']),
          423: ErrorResponse(['ACCOUNT_LOCKED (details.retryAfterSeconds)']),
        },
      },
    },
    async (request, reply) => {
      const tokenMode = request.body.tokenMode ?? 'cookie';
      const { session, officer } = await loginOfficer({
        db,
        tenantId: request.tenant.id,
        username: request.body.username,
        password: request.body.password,
        totp: request.body.totp,
        tokenMode,
        sessionTtlHours: config.sessionTtlHours,
        totpKey,
        ip: request.ip,
      });
      const body = { csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString(), officer };
      if (tokenMode === 'bearer') return { ...body, token: session.token };
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookieBase, expires: session.expiresAt });
      return body;
    },
  );

  app.post(
    '/api/auth/officer/logout',
    {
      config: { access: 'officer', allowPendingPasswordChange: true },
      schema: {
        tags,
        security,
        summary: 'End this session',
        response: { 204: NoContent, ...signedInErrors },
      },
    },
    async (request, reply) => {
      await logoutOfficer({ db, actor: requireOfficer(request) });
      reply.clearCookie(SESSION_COOKIE, cookieBase);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/officer/me',
    {
      config: { access: 'officer', allowPendingPasswordChange: true },
      schema: {
        tags,
        security,
        summary: 'The signed-in officer, roles and the CSRF token (for a reloaded console page)',
        response: { 200: MeResponse, 401: signedInErrors[401] },
      },
    },
    async (request) => {
      const actor = requireOfficer(request);
      const officer = await currentOfficer(db, actor);
      return {
        csrfToken: actor.viaCookie ? actor.csrfToken : null,
        officer: await officerProfile(db, officer),
      };
    },
  );

  app.post(
    '/api/auth/officer/password',
    {
      config: { access: 'officer', allowPendingPasswordChange: true },
      schema: {
        tags,
        security,
        summary: 'Change the password; signs out all other sessions',
        body: ChangePasswordBody,
        response: {
          204: NoContent,
          400: ErrorResponse(['PASSWORD_TOO_WEAK', 'PASSWORD_INCORRECT', 'PASSWORD_UNCHANGED']),
          423: ErrorResponse(['ACCOUNT_LOCKED']),
          ...signedInErrors,
        },
      },
    },
    async (request, reply) => {
      await changeOfficerPassword({ db, actor: requireOfficer(request), ...request.body });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/officer/totp/setup',
    {
      config: { access: 'officer' },
      schema: {
        tags,
        security,
        summary: 'Start TOTP enrolment: a new secret, pending until enabled with a code',
        response: {
          200: TotpSetupResponse,
          409: ErrorResponse(['TOTP_ALREADY_ENABLED']),
          ...pendingPasswordErrors,
        },
      },
    },
    async (request) => setupOfficerTotp({ db, actor: requireOfficer(request), totpKey }),
  );

  app.post(
    '/api/auth/officer/totp/enable',
    {
      config: { access: 'officer' },
      schema: {
        tags,
        security,
        summary: 'Turn TOTP on with a code from the newly enrolled app',
        body: TotpEnableBody,
        response: {
          204: NoContent,
          400: ErrorResponse(['PASSWORD_INCORRECT', 'VALIDATION_FAILED']),
          401: ErrorResponse(['AUTH_REQUIRED', 'TOTP_INVALID']),
          403: pendingPasswordErrors[403],
          409: ErrorResponse(['TOTP_ALREADY_ENABLED', 'TOTP_NOT_SET_UP']),
          423: ErrorResponse(['ACCOUNT_LOCKED']),
        },
      },
    },
    async (request, reply) => {
      await enableOfficerTotp({
        db,
        actor: requireOfficer(request),
        password: request.body.password,
        code: request.body.code,
        totpKey,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/officer/totp/disable',
    {
      config: { access: 'officer' },
      schema: {
        tags,
        security,
        summary: 'Turn TOTP off; needs the password and a current code',
        body: TotpDisableBody,
        response: {
          204: NoContent,
          400: ErrorResponse(['PASSWORD_INCORRECT']),
          401: ErrorResponse(['AUTH_REQUIRED', 'TOTP_INVALID']),
          403: pendingPasswordErrors[403],
          409: ErrorResponse(['TOTP_NOT_ENABLED']),
          423: ErrorResponse(['ACCOUNT_LOCKED']),
        },
      },
    },
    async (request, reply) => {
      await disableOfficerTotp({ db, actor: requireOfficer(request), ...request.body, totpKey });
      return reply.code(204).send(null);
    },
  );
};

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../db/schema.js';
import { AppError } from '../errors/app-error.js';

/**
 * Who may call a route. Every route declares one in `config.access`; a route without a rule is
 * refused at run time (fail closed) and listed by `routesWithoutAccessRule` so a test can fail.
 *  - 'public': anyone
 *  - 'citizen': a signed-in citizen of the request's tenant
 *  - 'officer': any signed-in officer of the tenant
 *  - { roles }: an officer holding one of these roles (in any agency of the tenant)
 *  - 'signed-in': a citizen or an officer
 */
export type AccessRule = 'public' | 'citizen' | 'officer' | 'signed-in' | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** false for routes that work without a tenant (health, metrics, docs). Default true. */
    tenant?: boolean;
    /**
     * true for the few routes an officer still on an administrator's temporary password may use
     * (see its profile, change the password, sign out); every other officer route answers
     * PASSWORD_CHANGE_REQUIRED until the password is changed.
     */
    allowPendingPasswordChange?: boolean;
  }
}

export interface OfficerPrincipal {
  kind: 'officer';
  id: string;
  tenantId: string;
  sessionId: string;
  viaCookie: boolean;
  csrfToken: string | null;
  roles: { agencyId: string; role: Role }[];
  /** An administrator set a temporary password that the officer has not replaced yet. */
  mustChangePassword: boolean;
}
export interface CitizenPrincipal {
  kind: 'citizen';
  id: string;
  tenantId: string;
  sessionId: string;
  viaCookie: boolean;
  csrfToken: string | null;
}
export type Principal = OfficerPrincipal | CitizenPrincipal;

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const tracked = new WeakMap<
  FastifyInstance,
  { method: string; url: string; config?: { access?: unknown } }[]
>();

/** Registers the bookkeeping; call before any route is added. */
export function trackAccessRules(app: FastifyInstance): void {
  const routes: { method: string; url: string; config?: { access?: unknown } }[] = [];
  tracked.set(app, routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // The CORS plugin answers preflight requests for every path; they carry no data.
    if (methods.includes('OPTIONS') && route.url === '*') {
      route.config = { ...route.config, access: 'public', tenant: false };
    }
    for (const method of methods)
      if (method !== 'HEAD')
        routes.push({
          method,
          url: route.url,
          get config() {
            return route.config;
          },
        });
  });
}

/** Routes whose rule is missing once the app is ready (plugins may set rules in their own hooks). */
export function routesWithoutAccessRule(app: FastifyInstance): string[] {
  return (tracked.get(app) ?? [])
    .filter((r) => r.config?.access === undefined)
    .map((r) => `${r.method} ${r.url}`);
}

export function hasRole(principal: Principal | null, roles: readonly Role[]): boolean {
  return principal?.kind === 'officer' && principal.roles.some((r) => roles.includes(r.role));
}

/** Enforces the route's rule; runs after the principal has been resolved. */
export function enforceAccess(request: FastifyRequest): void {
  const rule = request.routeOptions.config?.access;
  if (rule === undefined) {
    // Unmatched routes (404) have no options; anything else without a rule is refused.
    if (request.is404) return;
    throw new AppError('FORBIDDEN');
  }
  if (rule === 'public') return;
  const principal = request.principal;
  if (!principal) throw new AppError('AUTH_REQUIRED');
  if (rule === 'citizen') {
    if (principal.kind !== 'citizen') throw new AppError('FORBIDDEN');
    return;
  }
  /*
   * A temporary password was read out or mailed by an administrator, so others may know it: until
   * the officer replaces it, the session is good for changing it and little else. Checked here,
   * before roles, so the console gets one clear answer to show the change-password screen.
   */
  if (
    principal.kind === 'officer' &&
    principal.mustChangePassword &&
    request.routeOptions.config?.allowPendingPasswordChange !== true
  ) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED');
  }
  if (rule === 'signed-in') return;
  if (principal.kind !== 'officer') throw new AppError('FORBIDDEN');
  if (rule === 'officer') return;
  if (!hasRole(principal, rule.roles)) throw new AppError('FORBIDDEN');
}

export function requireOfficer(request: FastifyRequest): OfficerPrincipal {
  const p = request.principal;
  if (!p || p.kind !== 'officer') throw new AppError('AUTH_REQUIRED');
  return p;
}

export function requireCitizen(request: FastifyRequest): CitizenPrincipal {
  const p = request.principal;
  if (!p || p.kind !== 'citizen') throw new AppError('AUTH_REQUIRED');
  return p;
}

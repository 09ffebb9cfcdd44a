import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import type { Role } from '../../db/schema.js';
import { AppError } from '../errors/app-error.js';
import type { Principal } from './access.js';

/**
 * Sessions are opaque random tokens; only their SHA-256 is stored, so a database leak does not
 * leak usable sessions. Officers in the console carry the token in an HttpOnly cookie and must echo
 * the session's CSRF token in `X-CSRF-Token` on every unsafe request; API clients and the mini app
 * send `Authorization: Bearer <token>`, which a browser never attaches on its own, so they need none.
 */
export const SESSION_COOKIE = 'ctic_sid';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface CreatedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(
  db: Db,
  opts: { tenantId: string; subjectType: 'officer' | 'citizen'; subjectId: string; ttlHours: number },
): Promise<CreatedSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + opts.ttlHours * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      tenant_id: opts.tenantId,
      subject_type: opts.subjectType,
      subject_id: opts.subjectId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function revokeAllSessions(db: Db, subjectType: 'officer' | 'citizen', subjectId: string) {
  await db
    .deleteFrom('sessions')
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .execute();
}

function tokenFrom(request: FastifyRequest): { token: string; viaCookie: boolean } | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), viaCookie: false };
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return { token: cookie, viaCookie: true };
  return undefined;
}

/** Cookie-borne sessions must prove the request came from our own page (see the file comment). */
export function checkCsrf(request: FastifyRequest, principal: Principal): void {
  if (!principal.viaCookie || SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !principal.csrfToken || !sameToken(sent, principal.csrfToken)) {
    throw new AppError('CSRF_INVALID');
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Finds who is calling. A session of another tenant, an expired or an unknown one counts as no
 * session at all: one province's officer can never act on another's data, whatever header is sent.
 */
export async function resolvePrincipal(
  db: Db,
  request: FastifyRequest,
  tenantId: string | undefined,
): Promise<Principal | null> {
  const found = tokenFrom(request);
  if (!found || !tenantId) return null;
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', hashToken(found.token))
    .executeTakeFirst();
  if (!session || session.tenant_id !== tenantId) return null;
  if (session.expires_at.getTime() <= Date.now()) {
    await revokeSession(db, session.id);
    return null;
  }
  let principal: Principal;
  if (session.subject_type === 'officer') {
    const officer = await db
      .selectFrom('officers')
      .select(['id', 'disabled', 'must_change_password'])
      .where('id', '=', session.subject_id)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!officer || officer.disabled) return null;
    const roles = await db
      .selectFrom('officer_roles')
      .select(['agency_id', 'role'])
      .where('officer_id', '=', officer.id)
      .execute();
    principal = {
      kind: 'officer',
      id: officer.id,
      tenantId,
      sessionId: session.id,
      viaCookie: found.viaCookie,
      csrfToken: session.csrf_token,
      roles: roles.map((r) => ({ agencyId: r.agency_id, role: r.role as Role })),
      mustChangePassword: officer.must_change_password,
    };
  } else {
    principal = {
      kind: 'citizen',
      id: session.subject_id,
      tenantId,
      sessionId: session.id,
      viaCookie: found.viaCookie,
      csrfToken: session.csrf_token,
    };
  }
  return principal;
}

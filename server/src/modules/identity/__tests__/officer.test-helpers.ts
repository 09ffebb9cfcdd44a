import type { LightMyRequestResponse } from 'fastify';
import { insertAgency, insertOfficer, insertTenant } from '../../../../test/fixtures.js';
import { buildTestApp, type DatabaseKind, type TestApp } from '../../../../test/helpers.js';
import { SESSION_COOKIE } from '../../../platform/auth/sessions.js';

/** Two provinces with officers, so every test can also check that they stay apart. */
export const PASSWORD = 'matkhau-2025';
export const OTHER_PASSWORD = 'khac-biet-99';

export interface OfficerWorld {
  t: TestApp;
  agencyA: string;
  officers: Record<string, string>;
}

export async function buildOfficerWorld(kind: DatabaseKind, usernames: string[]): Promise<OfficerWorld> {
  const t = await buildTestApp(kind);
  const db = t.database.db;
  await insertTenant(db, 'tinh-a');
  await insertTenant(db, 'tinh-b');
  const agencyA = await insertAgency(db, 'tinh-a', 'SNV', 'Sở Nội vụ');
  const agencyB = await insertAgency(db, 'tinh-b', 'SNV', 'Sở Nội vụ tỉnh B');
  const officers: Record<string, string> = {};
  for (const username of usernames) {
    officers[username] = await insertOfficer(db, {
      tenantId: 'tinh-a',
      username,
      password: PASSWORD,
      roles: [{ agencyId: agencyA, role: 'handler' }],
    });
  }
  // The same username in the other province is a different person with a different password.
  officers['b:' + usernames[0]] = await insertOfficer(db, {
    tenantId: 'tinh-b',
    username: usernames[0]!,
    password: OTHER_PASSWORD,
    roles: [{ agencyId: agencyB, role: 'supervisor' }],
  });
  t.app.ctx.tenants.invalidate();
  return { t, agencyA, officers };
}

export function login(
  t: TestApp,
  body: Record<string, unknown>,
  tenant = 'tinh-a',
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/officer/login',
    headers: { 'x-tenant-id': tenant },
    payload: body,
  });
}

export interface CookieSession {
  cookie: string;
  csrfToken: string;
}

export async function cookieLogin(t: TestApp, username: string, extra: Record<string, unknown> = {}) {
  const res = await login(t, { username, password: PASSWORD, ...extra });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('no session cookie');
  return { cookie: cookie.value, csrfToken: res.json<{ csrfToken: string }>().csrfToken };
}

export async function bearerLogin(t: TestApp, username: string, password = PASSWORD): Promise<string> {
  const res = await login(t, { username, password, tokenMode: 'bearer' });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return res.json<{ token: string }>().token;
}

/** An unsafe request the console would make: cookie plus the CSRF header. */
export function consolePost(
  t: TestApp,
  session: CookieSession,
  url: string,
  payload?: Record<string, unknown>,
  tenant = 'tinh-a',
) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { 'x-tenant-id': tenant, 'x-csrf-token': session.csrfToken },
    cookies: { [SESSION_COOKIE]: session.cookie },
    ...(payload ? { payload } : {}),
  });
}

export async function auditActions(t: TestApp, entityId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_type', '=', 'officer')
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

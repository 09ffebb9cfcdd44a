import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { insertAgency, insertOfficer, insertTenant } from '../../../../test/fixtures.js';
import { buildTestApp, type DatabaseKind, type TestApp } from '../../../../test/helpers.js';
import type { Db } from '../../../db/connection.js';
import type { Role } from '../../../db/schema.js';
import { createSession } from '../../../platform/auth/sessions.js';

/**
 * Two provinces, A and B. In A: a province admin, an editor and a handler; in B: a province admin.
 * Citizens are rows with a session, as a Zalo or phone sign-in would leave them.
 */
export const A = 'tinh-a';
export const B = 'tinh-b';

export interface InboxWorld {
  t: TestApp;
  db: Db;
  officers: Record<'admin' | 'editor' | 'handler' | 'bAdmin', { id: string; token: string }>;
}

async function session(db: Db, tenantId: string, subjectType: 'officer' | 'citizen', subjectId: string) {
  const s = await createSession(db, { tenantId, subjectType, subjectId, ttlHours: 1 });
  return s.token;
}

export async function buildInboxWorld(kind: DatabaseKind): Promise<InboxWorld> {
  // Many requests from one address in a short test: the per-client limit is not under test here.
  const t = await buildTestApp(kind, { env: { RATE_LIMIT_MAX: '100000' } });
  const db = t.database.db;
  await insertTenant(db, A);
  await insertTenant(db, B);
  const agencyA = await insertAgency(db, A, 'UBND');
  const agencyB = await insertAgency(db, B, 'UBND');
  const officer = async (tenantId: string, username: string, role: Role, agencyId: string) => {
    const id = await insertOfficer(db, {
      tenantId,
      username,
      password: 'matkhau-2025',
      roles: [{ agencyId, role }],
    });
    return { id, token: await session(db, tenantId, 'officer', id) };
  };
  const officers = {
    admin: await officer(A, 'admin.tinh', 'province_admin', agencyA),
    editor: await officer(A, 'bientap', 'editor', agencyA),
    handler: await officer(A, 'chuyenvien', 'handler', agencyA),
    bAdmin: await officer(B, 'admin.tinh', 'province_admin', agencyB),
  };
  t.app.ctx.tenants.invalidate();
  return { t, db, officers };
}

let seq = 0;

/** A citizen of `tenantId` with a phone number (0 + 9 digits) and a session token. */
export async function newCitizen(w: InboxWorld, tenantId = A) {
  seq += 1;
  const phone = `09${String(seq + process.pid)
    .padStart(8, '0')
    .slice(-8)}`;
  const row = await w.db
    .insertInto('citizens')
    .values({ tenant_id: tenantId, zalo_id: `z-inbox-${seq}`, display_name: `Công dân ${seq}`, phone })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, phone, token: await session(w.db, tenantId, 'citizen', row.id) };
}

export function call(
  w: InboxWorld,
  tenant: string,
  token: string | null,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  return w.t.app.inject({
    ...options,
    headers: {
      ...options.headers,
      'x-tenant-id': tenant,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
}

/** An officer message through the real route; returns the message id. */
export async function send(
  w: InboxWorld,
  to: { citizenId?: string; phone?: string },
  message: { title: string; body?: string; link?: { page: string; params: Record<string, string> } },
  token = w.officers.admin.token,
): Promise<string> {
  const res = await call(w, A, token, {
    method: 'POST',
    url: '/api/admin/messages',
    payload: { ...to, body: 'Nội dung', ...message },
  });
  if (res.statusCode !== 201) throw new Error(`send failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

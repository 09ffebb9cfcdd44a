import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { insertAgency, insertOfficer, insertTenant } from '../../../../test/fixtures.js';
import { buildTestApp, type DatabaseKind, type TestApp } from '../../../../test/helpers.js';
import type { Db } from '../../../db/connection.js';
import { withTx } from '../../../db/transaction-guard.js';
import { FakeSmsGateway } from '../../../integrations/sms/fake-gateway.js';
import { FakeZaloServer } from '../../../integrations/zalo/fake-server.js';
import { createSession } from '../../../platform/auth/sessions.js';
import type { NotifyServices } from '../../../platform/notify/channels.js';
import { notify, type NotifyInput } from '../../../platform/notify/notify.js';
import { notifyServicesOf } from '../notifications.routes.js';

/**
 * Province A with a real app on a fresh database, the fake Zalo (OA, ZNS, webhook signing) and the
 * fake SMS gateway on real ports, a stored OA refresh token and an approved ZNS template for the
 * dossier types. Citizens are made to measure: follower or not, phone or not.
 */
export const A = 'tinh-a';
export const ZNS_TEMPLATE = '231456';

export interface NotifyWorld {
  t: TestApp;
  db: Db;
  zalo: FakeZaloServer;
  sms: FakeSmsGateway;
  services: NotifyServices;
  admin: { id: string; token: string };
  close(): Promise<void>;
}

export async function buildNotifyWorld(kind: DatabaseKind): Promise<NotifyWorld> {
  const zalo = new FakeZaloServer();
  const sms = new FakeSmsGateway('sms-key-n');
  await zalo.start();
  await sms.start();
  const t = await buildTestApp(kind, {
    env: {
      RATE_LIMIT_MAX: '100000',
      ZALO_APP_ID: zalo.appId,
      ZALO_APP_SECRET: zalo.appSecret,
      ZALO_OA_SECRET: zalo.oaSecret,
      ZALO_GRAPH_URL: zalo.url,
      ZALO_OAUTH_URL: zalo.url,
      ZALO_OPENAPI_URL: zalo.url,
      ZALO_BUSINESS_URL: zalo.url,
      SMS_GATEWAY_URL: sms.url,
      SMS_API_KEY: sms.apiKey,
    },
  });
  const db = t.database.db;
  await insertTenant(db, A);
  await db.updateTable('tenants').set({ zalo_app_id: zalo.appId }).where('id', '=', A).execute();
  const agency = await insertAgency(db, A, 'UBND');
  const adminId = await insertOfficer(db, {
    tenantId: A,
    username: 'admin.tinh',
    password: 'matkhau-2025',
    roles: [{ agencyId: agency, role: 'province_admin' }],
  });
  const adminSession = await createSession(db, {
    tenantId: A,
    subjectType: 'officer',
    subjectId: adminId,
    ttlHours: 1,
  });
  t.app.ctx.tenants.invalidate();
  const services = notifyServicesOf(t.app.ctx);
  await services.tokens.setRefreshToken(A, zalo.oa.issueTokens().refreshToken);
  zalo.oa.addTemplate(ZNS_TEMPLATE);
  for (const type of ['dossier.received', 'dossier.result_ready', 'broadcast.emergency']) {
    await db
      .insertInto('zns_templates')
      .values({ tenant_id: A, type, template_id: ZNS_TEMPLATE, params: JSON.stringify({ ma_ho_so: 'code' }) })
      .execute();
  }
  return {
    t,
    db,
    zalo,
    sms,
    services,
    admin: { id: adminId, token: adminSession.token },
    async close() {
      await t.close();
      await zalo.close();
      await sms.close();
    },
  };
}

let seq = 0;

export interface TestCitizen {
  id: string;
  phone: string | null;
  oaUserId: string | null;
  token: string;
}

/** A citizen; `follower` links a confirmed OA follower, `phone: false` leaves the number out. */
export async function newCitizen(
  w: NotifyWorld,
  opts: { follower?: boolean; phone?: boolean; interacted?: boolean } = {},
): Promise<TestCitizen> {
  const n = ++seq;
  const phone =
    opts.phone === false
      ? null
      : `09${String(n * 7919 + process.pid)
          .padStart(8, '0')
          .slice(-8)}`;
  const row = await w.db
    .insertInto('citizens')
    .values({ tenant_id: A, zalo_id: `z-notify-${n}`, display_name: `Công dân ${n}`, phone })
    .returning('id')
    .executeTakeFirstOrThrow();
  let oaUserId: string | null = null;
  if (opts.follower) {
    oaUserId = `oau-${n}-${process.pid}`;
    w.zalo.oa.addFollower(oaUserId);
    await w.db
      .insertInto('oa_followers')
      .values({
        tenant_id: A,
        oa_user_id: oaUserId,
        citizen_id: row.id,
        followed: true,
        followed_at: new Date(),
        confirmed_at: new Date(),
        last_interaction_at: opts.interacted ? new Date() : null,
      })
      .execute();
  }
  const session = await createSession(w.db, {
    tenantId: A,
    subjectType: 'citizen',
    subjectId: row.id,
    ttlHours: 1,
  });
  return { id: row.id, phone, oaUserId, token: session.token };
}

export function notifyIn(w: NotifyWorld, input: Omit<NotifyInput, 'tx' | 'tenantId'>) {
  return withTx(w.db, (tx) => notify({ tx, tenantId: A, ...input }));
}

export const received = (citizenCode = 'HS-0001') => ({
  code: citizenCode,
  procedure: 'Cấp giấy khai sinh',
  appointment: '25/11/2026',
});

/** Runs the worker until no due job is left. */
export async function drain(w: NotifyWorld): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await w.t.app.ctx.worker.runOnce()) === 0) return;
  }
  throw new Error('jobs kept coming');
}

/** Retries wait with backoff; tests bring them forward instead of waiting. */
export async function makeRetriesDue(w: NotifyWorld): Promise<void> {
  await sql`update jobs set run_at = now() where status = 'pending' and queue = 'notify.deliver'`.execute(
    w.db,
  );
}

export async function deliveriesOf(w: NotifyWorld, notificationId: string) {
  return w.db
    .selectFrom('notification_deliveries')
    .select(['id', 'channel', 'status', 'attempts', 'error_code', 'segments', 'cost', 'provider_message_id'])
    .where('notification_id', '=', notificationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function call(
  w: NotifyWorld,
  token: string | null,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  return w.t.app.inject({
    ...options,
    headers: { ...options.headers, 'x-tenant-id': A, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { ZALO_ERRORS } from '../../../integrations/zalo/errors.js';
import { JobWorker } from '../../../platform/jobs/worker.js';
import { createNotifyServices, registerNotifyJobs } from '../../../platform/notify/services.js';
import {
  A,
  buildNotifyWorld,
  call,
  deliveriesOf,
  drain,
  newCitizen,
  notifyIn,
  received,
  type NotifyWorld,
} from './notify.test-helpers.js';

describeEachDatabase('Official Account tokens and rate limit', (kind) => {
  let w: NotifyWorld;
  beforeAll(async () => {
    w = await buildNotifyWorld(kind);
  });
  afterAll(async () => w?.close());

  /** A second worker process: its own token cache, limiter and job worker on the same database. */
  const secondWorker = () => {
    const services = createNotifyServices({
      db: w.db,
      zalo: w.t.app.ctx.zalo,
      sms: w.t.app.ctx.sms,
      sessionSecret: w.t.config.sessionSecret,
    });
    const worker = new JobWorker(w.db, { concurrency: 5 });
    registerNotifyJobs(worker, services);
    return { services, worker };
  };

  it('stores the tokens sealed', async () => {
    const row = await w.db
      .selectFrom('zalo_oa_tokens')
      .selectAll()
      .where('tenant_id', '=', A)
      .executeTakeFirstOrThrow();
    const token = await w.services.tokens.accessToken(A);
    expect(row.access_token).toMatch(/^v1\./);
    expect(row.access_token).not.toContain(token);
    expect(row.refresh_token).toMatch(/^v1\./);
  });

  it('lets a province admin set the refresh token, refusing one Zalo does not accept', async () => {
    const good = await call(w, w.admin.token, {
      method: 'PUT',
      url: '/api/admin/notifications/oa-token',
      payload: { refreshToken: w.zalo.oa.issueTokens().refreshToken },
    });
    expect(good.statusCode).toBe(200);
    expect(new Date(good.json().accessTokenExpiresAt).getTime()).toBeGreaterThan(Date.now());
    const bad = await call(w, w.admin.token, {
      method: 'PUT',
      url: '/api/admin/notifications/oa-token',
      payload: { refreshToken: 'not-a-real-refresh-token' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ZALO_OA_TOKEN_REFUSED');
    // Put a working one back for the next tests.
    await w.services.tokens.setRefreshToken(A, w.zalo.oa.issueTokens().refreshToken);
  });

  it('refreshes before expiry, once, when two workers need a token at the same time', async () => {
    const other = secondWorker();
    await other.services.tokens.accessToken(A);
    await w.services.tokens.accessToken(A);
    // Both processes hold a token that is about to expire.
    await w.db
      .updateTable('zalo_oa_tokens')
      .set({ access_expires_at: sql`now() + interval '1 minute'` })
      .execute();
    w.services.tokens.forget(A);
    other.services.tokens.forget(A);
    const before = w.zalo.oa.refreshCount;
    const [a, b] = await Promise.all([
      w.services.tokens.accessToken(A),
      other.services.tokens.accessToken(A),
    ]);
    expect(a).toBe(b);
    expect(w.zalo.oa.refreshCount - before).toBe(1);
  });

  it('refreshes once and retries when Zalo answers -216/-220, even with two workers racing', async () => {
    const other = secondWorker();
    const current = await w.services.tokens.accessToken(A);
    await other.services.tokens.accessToken(A);
    w.zalo.oa.expireToken(current);
    const fans = await Promise.all([1, 2, 3, 4].map(() => newCitizen(w, { follower: true })));
    const sent = [];
    for (const fan of fans)
      sent.push(await notifyIn(w, { citizenId: fan.id, type: 'dossier.received', data: received() }));
    const before = w.zalo.oa.refreshCount;
    await Promise.all([w.t.app.ctx.worker.runOnce(), other.worker.runOnce()]);
    await drain(w);
    expect(w.zalo.oa.refreshCount - before).toBe(1);
    for (const s of sent) expect((await deliveriesOf(w, s.notificationId))[0]!.status).toBe('sent');
    for (const fan of fans) expect(w.zalo.oa.oaReceived.get(fan.oaUserId!)).toBe(1);
    const refusals = w.zalo.requests.filter(
      (r) => r.headers.access_token === current && r.path.startsWith('/v3.0/'),
    );
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('never goes above the per-OA limit in any 60 s window with two workers', async () => {
    await w.db
      .insertInto('notification_settings')
      .values({ tenant_id: A, oa_rate_per_minute: 30, routing: JSON.stringify({}) })
      .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ oa_rate_per_minute: 30 }))
      .execute();
    w.services.settings.clear();
    // The earlier test left this worker a refused token: its refresh would use grants too (Zalo counts them).
    w.services.tokens.forget(A);
    // Start from an empty window: earlier tests' grants would count otherwise.
    await w.db.deleteFrom('rate_limit_buckets').execute();
    w.zalo.oa.arrivals.length = 0;
    const other = secondWorker();
    const fans = await Promise.all(Array.from({ length: 45 }, () => newCitizen(w, { follower: true })));
    const sent = [];
    for (const fan of fans)
      sent.push(await notifyIn(w, { citizenId: fan.id, type: 'dossier.received', data: received() }));
    for (let round = 0; round < 12; round++) {
      await Promise.all([w.t.app.ctx.worker.runOnce(), other.worker.runOnce()]);
    }
    expect(w.zalo.oa.maxPerMinute()).toBeLessThanOrEqual(30);
    const statuses = [];
    for (const s of sent) statuses.push((await deliveriesOf(w, s.notificationId))[0]!);
    expect(statuses.filter((d) => d.status === 'sent')).toHaveLength(30);
    const waiting = statuses.filter((d) => d.status === 'temporary_failure');
    expect(waiting).toHaveLength(15);
    expect(new Set(waiting.map((d) => d.error_code))).toEqual(new Set(['rate-limit']));
    await w.db.updateTable('notification_settings').set({ oa_rate_per_minute: 4000 }).execute();
    w.services.settings.clear();
  });

  it('counts an injected rate-limit refusal from Zalo as a retry, not a failure', async () => {
    const fan = await newCitizen(w, { follower: true });
    w.zalo.failNext(ZALO_ERRORS.RATE_LIMITED, { path: '/v3.0/oa/message/transaction' });
    const sent = await notifyIn(w, { citizenId: fan.id, type: 'dossier.received', data: received() });
    await drain(w);
    const [delivery] = await deliveriesOf(w, sent.notificationId);
    expect(delivery).toMatchObject({ status: 'temporary_failure', error_code: 'zalo:-32' });
  });
});

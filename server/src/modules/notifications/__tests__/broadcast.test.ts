import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { withTx } from '../../../db/transaction-guard.js';
import { createBroadcast, fanOutBroadcast } from '../../../platform/notify/broadcast.js';
import { A, buildNotifyWorld, call, drain, type NotifyWorld } from './notify.test-helpers.js';

describeEachDatabase('Broadcasts', (kind) => {
  let w: NotifyWorld;
  beforeAll(async () => {
    w = await buildNotifyWorld(kind);
    // A generous limit: the limiter is tested elsewhere; here 10,000 messages must not wait minutes.
    await w.db
      .insertInto('notification_settings')
      .values({ tenant_id: A, oa_rate_per_minute: 1_000_000, routing: JSON.stringify({}) })
      .execute();
  });
  afterAll(async () => w?.close());

  async function addFollowers(prefix: string, n: number, communeId: string | null = null) {
    await sql`insert into oa_followers (tenant_id, oa_user_id, followed, followed_at, commune_id)
      select ${A}, ${prefix} || lpad(g::text, 6, '0'), true, now(), ${communeId}::uuid
      from generate_series(1, ${n}) g`.execute(w.db);
    for (let i = 1; i <= n; i++) w.zalo.oa.addFollower(`${prefix}${String(i).padStart(6, '0')}`);
  }

  const start = (payload: Record<string, unknown>) =>
    call(w, w.admin.token, { method: 'POST', url: '/api/admin/broadcasts', payload });
  const progress = async (id: string) =>
    (await call(w, w.admin.token, { url: `/api/admin/broadcasts/${id}` })).json();
  const makeDue = () => sql`update jobs set run_at = now() where status = 'pending'`.execute(w.db);

  it('refuses data that does not fit the template', async () => {
    const res = await start({ type: 'broadcast.news', data: { title: 'Tin', nonsense: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'TEMPLATE_INVALID' });
  });

  it('sends to the followers of given communes only, when scheduled time comes', async () => {
    const commune = await w.db
      .insertInto('admin_units')
      .values({
        tenant_id: A,
        code: '25000',
        name: 'Xã Tân Lập',
        name_norm: 'xa tan lap',
        level: 'commune',
        kind: 'xa',
        parent_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addFollowers('commune-', 5, commune.id);
    await addFollowers('elsewhere-', 3);
    const later = new Date(Date.now() + 3600_000).toISOString();
    const res = await start({
      type: 'broadcast.emergency',
      data: { title: 'Cảnh báo lũ', body: 'Mực nước sông dâng cao, đề nghị bà con di chuyển.' },
      communeIds: [commune.id],
      runAt: later,
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    await drain(w);
    expect(await progress(id)).toMatchObject({ status: 'scheduled', recipients: 0 });
    await makeDue();
    await drain(w);
    expect(await progress(id)).toMatchObject({
      status: 'done',
      recipients: 5,
      sent: 5,
      failed: 0,
      pending: 0,
    });
    expect(w.zalo.oa.oaReceived.get('commune-000001')).toBe(1);
    expect(w.zalo.oa.oaReceived.get('elsewhere-000001')).toBeUndefined();
    await sql`update oa_followers set followed = false where oa_user_id like 'commune-%' or oa_user_id like 'elsewhere-%'`.execute(
      w.db,
    );
  });

  it('lists the broadcasts of the province newest first with their progress, in pages', async () => {
    const first = await start({ type: 'broadcast.news', data: { title: 'Tin thứ nhất', summary: 'A' } });
    const second = await start({ type: 'broadcast.news', data: { title: 'Tin thứ hai', summary: 'B' } });
    const page = (await call(w, w.admin.token, { url: '/api/admin/broadcasts?pageSize=1' })).json();
    expect(page.pageSize).toBe(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      id: second.json().id,
      title: 'Tin thứ hai',
      type: 'broadcast.news',
    });
    const next = (await call(w, w.admin.token, { url: '/api/admin/broadcasts?pageSize=1&page=2' })).json();
    expect(next.items[0].id).toBe(first.json().id);
    await drain(w);
  });

  it('writes each follower once when two fan-out runs of one broadcast overlap', async () => {
    await addFollowers('twice-', 2500);
    const id = await withTx(w.db, (tx) =>
      createBroadcast(tx, {
        tenantId: A,
        type: 'broadcast.news',
        data: { title: 'Tin', summary: 'Tóm tắt' },
      }),
    );
    // A job retried after its lease ran out while the first run was still going.
    await Promise.all([fanOutBroadcast(w.db, id, 1000), fanOutBroadcast(w.db, id, 1000)]);
    const rows = await w.db
      .selectFrom('notifications')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.count('oa_user_id').distinct().as('users')])
      .where('broadcast_id', '=', id)
      .executeTakeFirstOrThrow();
    expect([Number(rows.n), Number(rows.users)]).toEqual([2500, 2500]);
    expect(await progress(id)).toMatchObject({ recipients: 2500, fannedOut: true });
    await drain(w);
    expect(await progress(id)).toMatchObject({ status: 'done', sent: 2500 });
    await sql`update oa_followers set followed = false where oa_user_id like 'twice-%'`.execute(w.db);
  });

  it('pauses at the OA limit without holding a worker slot, and carries on when the window moves', async () => {
    await w.db
      .updateTable('notification_settings')
      .set({ oa_rate_per_minute: 20 })
      .where('tenant_id', '=', A)
      .execute();
    w.services.settings.clear();
    await w.db.deleteFrom('rate_limit_buckets').execute();
    await addFollowers('limited-', 30);
    try {
      const res = await start({ type: 'broadcast.news', data: { title: 'Tin', summary: 'Giới hạn' } });
      const id = res.json().id as string;
      await drain(w);
      expect(await progress(id)).toMatchObject({ status: 'running', recipients: 30, sent: 20, pending: 10 });
      const waiting = await w.db
        .selectFrom('jobs')
        .select('run_at')
        .where('queue', '=', 'notify.broadcast-send')
        .where('status', '=', 'pending')
        .execute();
      expect(waiting).toHaveLength(1);
      // A minute later the oldest grants have left the window.
      await w.db.deleteFrom('rate_limit_buckets').execute();
      await makeDue();
      await drain(w);
      expect(await progress(id)).toMatchObject({ status: 'done', sent: 30, pending: 0 });
    } finally {
      await w.db
        .updateTable('notification_settings')
        .set({ oa_rate_per_minute: 1_000_000 })
        .where('tenant_id', '=', A)
        .execute();
      w.services.settings.clear();
      await sql`update oa_followers set followed = false where oa_user_id like 'limited-%'`.execute(w.db);
    }
  });

  // 10,000 real HTTP sends to the fake Zalo: ~20 s on an idle 2-core machine, more on PGlite under
  // load, so this one test has a longer limit than the default 30 s.
  it(
    'reaches 10,000 followers exactly once even when the worker dies mid-send',
    { timeout: 120_000 },
    async () => {
      await addFollowers('f-', 10_000);
      const res = await start({
        type: 'broadcast.news',
        data: { title: 'Tin mới', summary: 'Lịch tiếp công dân tháng 12' },
      });
      const id = res.json().id as string;
      const original = w.services.zalo;
      const send = original.sendOaMessage.bind(original);
      let calls = 0;
      w.services.zalo = Object.assign(Object.create(Object.getPrototypeOf(original) as object), original, {
        sendOaMessage: async (...args: Parameters<typeof send>) => {
          const result = await send(...args);
          calls += 1;
          // Zalo accepted the 2,500th message; the process dies before the group is recorded.
          if (calls === 2500) throw new Error('worker killed');
          return result;
        },
      });
      try {
        await drain(w);
      } finally {
        w.services.zalo = original;
      }
      // The killed run is retried by the queue (after its backoff, which may pass while others run).
      const killed = await w.db
        .selectFrom('jobs')
        .select(['attempts', 'last_error'])
        .where('queue', '=', 'notify.broadcast-send')
        .where('last_error', 'like', '%worker killed%')
        .execute();
      expect(killed).toHaveLength(1);
      for (let i = 0; i < 5 && (await progress(id)).status !== 'done'; i++) {
        await makeDue();
        await drain(w);
      }
      const done = await progress(id);
      expect(done).toMatchObject({ status: 'done', recipients: 10_000, sent: 10_000, failed: 0, pending: 0 });
      const got = [...w.zalo.oa.oaReceived.entries()].filter(([user]) => user.startsWith('f-'));
      expect(got).toHaveLength(10_000);
      expect(got.filter(([, times]) => times !== 1)).toEqual([]);
      const uncertain = await w.db
        .selectFrom('notification_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where(sql`detail->>'uncertain'`, '=', 'true')
        .executeTakeFirstOrThrow();
      // Only the group that was in flight when the worker died has an unknown outcome.
      expect(Number(uncertain.n)).toBeGreaterThan(0);
      expect(Number(uncertain.n)).toBeLessThanOrEqual(200);
    },
  );
});

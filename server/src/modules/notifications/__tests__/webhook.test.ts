import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
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

describeEachDatabase('Zalo webhook and the OA link', (kind) => {
  let w: NotifyWorld;
  beforeAll(async () => {
    w = await buildNotifyWorld(kind);
  });
  afterAll(async () => w?.close());

  let n = 0;
  /** A call as Zalo makes it: raw JSON body, timestamp in it, signature over both. */
  const post = (
    event: Record<string, unknown>,
    opts: { at?: number; signature?: string | null; raw?: string } = {},
  ) => {
    n += 1;
    const timestamp = String(opts.at ?? Date.now() + n);
    const raw = opts.raw ?? JSON.stringify({ app_id: w.zalo.appId, timestamp, ...event });
    const signature =
      opts.signature === undefined ? `mac=${w.zalo.signWebhook(raw, timestamp)}` : opts.signature;
    return w.t.app.inject({
      method: 'POST',
      url: '/api/integrations/zalo/webhook',
      headers: {
        'content-type': 'application/json',
        ...(signature === null ? {} : { 'x-zevent-signature': signature }),
      },
      payload: raw,
    });
  };
  const storedEvents = async () =>
    (await w.db.selectFrom('zalo_webhook_events').select('id').execute()).length;
  const follower = (userId: string) =>
    w.db
      .selectFrom('oa_followers')
      .selectAll()
      .where('tenant_id', '=', A)
      .where('oa_user_id', '=', userId)
      .executeTakeFirst();

  it('refuses a bad, missing or stale signature with 401 and stores nothing', async () => {
    const before = await storedEvents();
    const bad = await post(
      { event_name: 'follow', follower: { id: 'u-bad' } },
      { signature: 'mac=' + 'a'.repeat(64) },
    );
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.code).toBe('ZALO_WEBHOOK_SIGNATURE_INVALID');
    const missing = await post({ event_name: 'follow', follower: { id: 'u-bad' } }, { signature: null });
    expect(missing.statusCode).toBe(401);
    // Signed correctly, but by a body that was changed afterwards.
    const timestamp = String(Date.now());
    const signed = JSON.stringify({
      app_id: w.zalo.appId,
      timestamp,
      event_name: 'follow',
      follower: { id: 'u-1' },
    });
    const tampered = signed.replace('u-1', 'u-2');
    const changed = await post(
      {},
      { raw: tampered, signature: w.zalo.signWebhook(signed, timestamp), at: Number(timestamp) },
    );
    expect(changed.statusCode).toBe(401);
    const stale = await post(
      { event_name: 'follow', follower: { id: 'u-old' } },
      { at: Date.now() - 10 * 60_000 },
    );
    expect(stale.statusCode).toBe(401);
    expect(stale.json().error.code).toBe('ZALO_WEBHOOK_STALE');
    const notJson = await post({}, { raw: 'not json', signature: 'a'.repeat(64) });
    expect(notJson.statusCode).toBe(401);
    expect(await storedEvents()).toBe(before);
    await drain(w);
    expect(await follower('u-bad')).toBeUndefined();
  });

  it('accepts a replayed call once', async () => {
    const timestamp = String(Date.now());
    const raw = JSON.stringify({
      app_id: w.zalo.appId,
      timestamp,
      event_name: 'follow',
      follower: { id: 'u-replay' },
    });
    const first = await post(
      {},
      { raw, at: Number(timestamp), signature: w.zalo.signWebhook(raw, timestamp) },
    );
    const again = await post(
      {},
      { raw, at: Number(timestamp), signature: w.zalo.signWebhook(raw, timestamp) },
    );
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect([first.json().duplicate, again.json().duplicate]).toEqual([false, true]);
    const rows = await w.db
      .selectFrom('zalo_webhook_events')
      .select('id')
      .where('event_name', '=', 'follow')
      .where(sql`body->'follower'->>'id'`, '=', 'u-replay')
      .execute();
    expect(rows).toHaveLength(1);
    await drain(w);
    expect(await follower('u-replay')).toMatchObject({ followed: true, citizen_id: null });
  });

  it('links a citizen only when Zalo confirms the follow the mini app claimed', async () => {
    const c = await newCitizen(w);
    const claim = await call(w, c.token, {
      method: 'POST',
      url: '/api/me/zalo/oa-link',
      payload: { idByOA: 'oa-user-77', followedOA: true },
    });
    expect(claim.json()).toEqual({ status: 'pending' });
    // Until Zalo says so, notices do not go to that OA user.
    expect((await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() })).channel).toBe(
      'zns',
    );
    await post({ event_name: 'follow', follower: { id: 'oa-user-77' } });
    await drain(w);
    expect(await follower('oa-user-77')).toMatchObject({ citizen_id: c.id, followed: true });
    w.zalo.oa.addFollower('oa-user-77');
    expect((await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() })).channel).toBe(
      'oa',
    );
    // Another citizen cannot take the same OA user.
    const other = await newCitizen(w);
    const taken = await call(w, other.token, {
      method: 'POST',
      url: '/api/me/zalo/oa-link',
      payload: { idByOA: 'oa-user-77' },
    });
    expect(taken.statusCode).toBe(409);
    // Unfollowing ends OA delivery.
    await post({ event_name: 'unfollow', follower: { id: 'oa-user-77' } });
    await drain(w);
    expect((await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() })).channel).toBe(
      'zns',
    );
    await drain(w);
  });

  it('keeps the latest of follow and unfollow when Zalo delivers them out of order', async () => {
    const now = Date.now();
    await post({ event_name: 'follow', follower: { id: 'oa-order' } }, { at: now - 1000 });
    await post({ event_name: 'unfollow', follower: { id: 'oa-order' } }, { at: now - 2000 });
    await drain(w);
    expect(await follower('oa-order')).toMatchObject({ followed: true });
    await post({ event_name: 'unfollow', follower: { id: 'oa-order' } }, { at: now });
    await drain(w);
    expect(await follower('oa-order')).toMatchObject({ followed: false });
    // An unfollow for someone we never saw follow is recorded as not following.
    await post({ event_name: 'unfollow', follower: { id: 'oa-never' } });
    await drain(w);
    expect(await follower('oa-never')).toMatchObject({ followed: false });
  });

  it('confirms at once when the follow event came before the claim', async () => {
    const c = await newCitizen(w);
    await post({ event_name: 'follow', follower: { id: 'oa-user-88' } });
    await drain(w);
    const claim = await call(w, c.token, {
      method: 'POST',
      url: '/api/me/zalo/oa-link',
      payload: { idByOA: 'oa-user-88' },
    });
    expect(claim.json()).toEqual({ status: 'linked' });
  });

  it('marks a ZNS message delivered by tracking_id and an OA message by msg_id', async () => {
    const phoneOnly = await newCitizen(w);
    const fan = await newCitizen(w, { follower: true });
    const zns = await notifyIn(w, { citizenId: phoneOnly.id, type: 'dossier.received', data: received() });
    const oa = await notifyIn(w, { citizenId: fan.id, type: 'dossier.received', data: received() });
    await drain(w);
    const [znsDelivery] = await deliveriesOf(w, zns.notificationId);
    const [oaDelivery] = await deliveriesOf(w, oa.notificationId);
    await post({
      event_name: 'user_received_message',
      message: {
        msg_id: znsDelivery!.provider_message_id,
        tracking_id: znsDelivery!.id,
        delivery_time: String(Date.now()),
      },
    });
    await post({
      event_name: 'user_received_message',
      sender: { id: fan.oaUserId },
      message: { msg_id: oaDelivery!.provider_message_id },
    });
    await drain(w);
    expect((await deliveriesOf(w, zns.notificationId))[0]!.status).toBe('delivered');
    expect((await deliveriesOf(w, oa.notificationId))[0]!.status).toBe('delivered');
    const timeline = await call(w, w.admin.token, { url: `/api/admin/notifications/${zns.notificationId}` });
    expect(timeline.statusCode).toBe(200);
    expect(timeline.json().events.map((e: { status: string }) => e.status)).toEqual([
      'created',
      'created',
      'sending',
      'sent',
      'delivered',
    ]);
  });

  it('opens the 7-day window when the citizen writes to the OA', async () => {
    const fan = await newCitizen(w, { follower: true });
    await post({ event_name: 'user_send_text', sender: { id: fan.oaUserId }, message: { text: 'Xin chào' } });
    await drain(w);
    await notifyIn(w, { citizenId: fan.id, type: 'dossier.received', data: received() });
    await drain(w);
    expect(w.zalo.requests.filter((r) => r.path.startsWith('/v3.0/oa/message/')).at(-1)!.path).toBe(
      '/v3.0/oa/message/cs',
    );
  });
});

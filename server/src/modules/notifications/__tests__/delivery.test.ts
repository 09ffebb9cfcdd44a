import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { ZALO_ERRORS } from '../../../integrations/zalo/errors.js';
import { countSmsSegments } from '../../../integrations/sms/segments.js';
import { retryDelayMs } from '../../../platform/notify/delivery.js';
import {
  buildNotifyWorld,
  deliveriesOf,
  drain,
  makeRetriesDue,
  newCitizen,
  notifyIn,
  received,
  type NotifyWorld,
} from './notify.test-helpers.js';

describeEachDatabase('Notification delivery', (kind) => {
  let w: NotifyWorld;
  beforeAll(async () => {
    w = await buildNotifyWorld(kind);
  });
  afterAll(async () => w?.close());

  const oaCalls = () => w.zalo.requests.filter((r) => r.path.startsWith('/v3.0/oa/message/'));
  const znsCalls = () => w.zalo.requestsTo('/message/template');

  it('chooses OA for a follower, ZNS for a phone only, SMS when ZNS has no template, inbox only otherwise', async () => {
    const follower = await newCitizen(w, { follower: true });
    const phoneOnly = await newCitizen(w);
    const nobody = await newCitizen(w, { phone: false });
    const a = await notifyIn(w, { citizenId: follower.id, type: 'dossier.received', data: received() });
    const b = await notifyIn(w, { citizenId: phoneOnly.id, type: 'dossier.received', data: received() });
    // report.resolved has no ZNS template in this province and SMS is not in its order.
    const c = await notifyIn(w, {
      citizenId: phoneOnly.id,
      type: 'report.resolved',
      data: { code: 'PA-1', id: 'r-1', agency: 'UBND' },
    });
    const d = await notifyIn(w, { citizenId: nobody.id, type: 'dossier.received', data: received() });
    expect([a.channel, a.plan]).toEqual(['oa', ['oa', 'zns', 'sms']]);
    expect([b.channel, b.plan]).toEqual(['zns', ['zns', 'sms']]);
    expect([c.channel, c.plan]).toEqual([null, []]);
    expect([d.channel, d.plan]).toEqual([null, []]);
    // The inbox has every one of them, rendered.
    const inbox = await w.db
      .selectFrom('inbox_messages')
      .select(['title', 'link'])
      .where('id', '=', a.inboxMessageId)
      .executeTakeFirstOrThrow();
    expect(inbox).toEqual({
      title: 'Đã tiếp nhận hồ sơ HS-0001',
      link: { page: 'ho-so', params: { code: 'HS-0001' } },
    });

    const before = { oa: oaCalls().length, zns: znsCalls().length };
    await drain(w);
    expect(oaCalls().length - before.oa).toBe(1);
    expect(znsCalls().length - before.zns).toBe(1);
    const oa = oaCalls().at(-1)!;
    // Never interacted: outside the 7-day window, so a transaction message, addressed by OA user id.
    expect(oa.path).toBe('/v3.0/oa/message/transaction');
    expect(JSON.parse(oa.body)).toEqual({
      recipient: { user_id: follower.oaUserId },
      message: {
        text: 'Hồ sơ HS-0001 (Cấp giấy khai sinh) đã được tiếp nhận. Ngày hẹn trả kết quả: 25/11/2026.',
      },
    });
    const zns = JSON.parse(znsCalls().at(-1)!.body);
    const [znsDelivery] = await deliveriesOf(w, b.notificationId);
    expect(zns).toEqual({
      phone: `84${phoneOnly.phone!.slice(1)}`,
      template_id: '231456',
      template_data: { ma_ho_so: 'HS-0001' },
      tracking_id: znsDelivery!.id,
    });
    expect(znsDelivery).toMatchObject({ channel: 'zns', status: 'sent', segments: 1, cost: 300 });
    expect((await deliveriesOf(w, a.notificationId))[0]).toMatchObject({ status: 'sent', cost: 0 });
  });

  it('uses a consultation message inside the interaction window', async () => {
    const c = await newCitizen(w, { follower: true, interacted: true });
    await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    await drain(w);
    expect(oaCalls().at(-1)!.path).toBe('/v3.0/oa/message/cs');
  });

  it('respects opt-outs for ordinary notices but not for legal ones', async () => {
    const c = await newCitizen(w, { follower: true });
    await w.db
      .insertInto('notification_opt_outs')
      .values([
        { tenant_id: 'tinh-a', citizen_id: c.id, type: 'dossier.received', channel: 'oa' },
        { tenant_id: 'tinh-a', citizen_id: c.id, type: '*', channel: 'zns' },
      ])
      .execute();
    const ordinary = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    expect(ordinary.plan).toEqual(['sms']);
    const legal = await notifyIn(w, {
      citizenId: c.id,
      type: 'dossier.result_ready',
      data: { code: 'HS-2', procedure: 'Khai sinh' },
    });
    expect(legal.plan).toEqual(['oa', 'zns', 'sms']);
    // A module may raise an ordinary notice to a legal one; a legal type cannot be lowered.
    const raised = await notifyIn(w, {
      citizenId: c.id,
      type: 'dossier.received',
      data: received(),
      legal: true,
    });
    expect(raised.plan).toEqual(['oa', 'zns', 'sms']);
    const lowered = await notifyIn(w, {
      citizenId: c.id,
      type: 'dossier.result_ready',
      data: { code: 'HS-3', procedure: 'Khai sinh' },
      legal: false,
    });
    expect(lowered.plan).toEqual(['oa', 'zns', 'sms']);
    await drain(w);
  });

  it('falls back OA → ZNS → SMS on permanent failures and records each step', async () => {
    const c = await newCitizen(w, { follower: true });
    w.zalo.failNext(ZALO_ERRORS.NOT_FOLLOWER, { path: '/v3.0/oa/message/transaction' });
    w.zalo.failNext(ZALO_ERRORS.INVALID_PHONE, { path: '/message/template' });
    const sent = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received('HS-77') });
    await drain(w);
    const deliveries = await deliveriesOf(w, sent.notificationId);
    expect(deliveries.map((d) => [d.channel, d.status, d.error_code])).toEqual([
      ['oa', 'permanent_failure', 'zalo:-213'],
      ['zns', 'permanent_failure', 'zalo:-108'],
      ['sms', 'sent', null],
    ]);
    const sms = w.sms.messagesTo(c.phone!);
    expect(sms.map((m) => m.text)).toEqual(['Ho so HS-77 da duoc tiep nhan. Hen tra ket qua: 25/11/2026.']);
    expect(sms[0]!.reference).toBe(deliveries[2]!.id);
    expect(deliveries[2]).toMatchObject({ segments: 1, cost: 350 });
    // Not a follower any more: the next notice goes straight to ZNS.
    const next = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    expect(next.channel).toBe('zns');
    await drain(w);
    const timeline = await w.db
      .selectFrom('notification_events')
      .select('status')
      .where('notification_id', '=', sent.notificationId)
      .orderBy('id')
      .execute();
    expect(timeline.map((e) => e.status)).toEqual([
      'created',
      'created',
      'sending',
      'permanent_failure',
      'fallback',
      'created',
      'sending',
      'permanent_failure',
      'fallback',
      'created',
      'sending',
      'sent',
    ]);
  });

  it('retries a temporary failure later, then succeeds', async () => {
    const c = await newCitizen(w);
    w.zalo.failNext(ZALO_ERRORS.RATE_LIMITED, { path: '/message/template', times: 2 });
    const sent = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    await drain(w);
    expect((await deliveriesOf(w, sent.notificationId))[0]).toMatchObject({
      status: 'temporary_failure',
      error_code: 'zalo:-32',
      attempts: 1,
    });
    await makeRetriesDue(w);
    await drain(w);
    await makeRetriesDue(w);
    await drain(w);
    const [delivery] = await deliveriesOf(w, sent.notificationId);
    expect(delivery).toMatchObject({ channel: 'zns', status: 'sent', attempts: 3 });
    expect(w.zalo.oa.znsReceived.get(`84${c.phone!.slice(1)}`)).toBe(1);
  });

  it('gives a temporary failure up after 72 hours and falls back', async () => {
    const c = await newCitizen(w);
    w.zalo.setOutage('http-503');
    const sent = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    try {
      await drain(w);
      await w.db
        .updateTable('notifications')
        .set({ created_at: sql`now() - interval '73 hours'` })
        .where('id', '=', sent.notificationId)
        .execute();
      await makeRetriesDue(w);
      await drain(w);
    } finally {
      w.zalo.setOutage(null);
    }
    const deliveries = await deliveriesOf(w, sent.notificationId);
    expect(deliveries.map((d) => [d.channel, d.status])).toEqual([
      ['zns', 'permanent_failure'],
      ['sms', 'sent'],
    ]);
    expect(deliveries[0]!.error_code).toBe('zalo:unavailable (retried for 72 h)');
  });

  it('marks the notice failed when every channel refuses for good', async () => {
    const c = await newCitizen(w);
    w.sms.failNext(422);
    w.zalo.failNext(ZALO_ERRORS.TEMPLATE_DATA_INVALID, { path: '/message/template' });
    const sent = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    await drain(w);
    const row = await w.db
      .selectFrom('notifications')
      .select('status')
      .where('id', '=', sent.notificationId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect((await deliveriesOf(w, sent.notificationId)).map((d) => d.status)).toEqual([
      'permanent_failure',
      'permanent_failure',
    ]);
  });

  it('does not send twice when a worker dies after the provider accepted (ZNS tracking_id, SMS reference)', async () => {
    const c = await newCitizen(w);
    const phone84 = `84${c.phone!.slice(1)}`;
    const sent = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    // The provider accepts, then the process "dies" before the answer is recorded.
    const sendZns = w.services.zalo.sendZns.bind(w.services.zalo);
    const original = w.services.zalo;
    w.services.zalo = Object.assign(Object.create(Object.getPrototypeOf(original) as object), original, {
      sendZns: async (...args: Parameters<typeof sendZns>) => {
        await sendZns(...args);
        throw new Error('worker killed');
      },
    });
    try {
      await drain(w);
    } finally {
      w.services.zalo = original;
    }
    expect((await deliveriesOf(w, sent.notificationId))[0]).toMatchObject({ status: 'sending', attempts: 1 });
    expect(w.zalo.oa.znsReceived.get(phone84)).toBe(1);
    // The job comes back (here at once instead of after its lease) and resends with the same tracking id.
    await w.db.updateTable('jobs').set({ run_at: new Date() }).where('status', '=', 'pending').execute();
    await drain(w);
    const [delivery] = await deliveriesOf(w, sent.notificationId);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2 });
    expect(w.zalo.oa.znsReceived.get(phone84)).toBe(1);
    expect(w.zalo.oa.znsDuplicatesRefused).toBe(1);
    const trackingIds = w.zalo.requestsTo('/message/template').map((r) => JSON.parse(r.body).tracking_id);
    expect(trackingIds.filter((id) => id === delivery!.id)).toHaveLength(2);
    expect(delivery!.id.length).toBeLessThanOrEqual(48);
    const ledger = await w.db
      .selectFrom('notification_ledger')
      .select('delivery_id')
      .where('delivery_id', '=', delivery!.id)
      .execute();
    expect(ledger).toHaveLength(1);
  });

  it('never repeats an OA message whose outcome was lost', async () => {
    const c = await newCitizen(w, { follower: true });
    const sent = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    const original = w.services.zalo;
    const sendOa = original.sendOaMessage.bind(original);
    w.services.zalo = Object.assign(Object.create(Object.getPrototypeOf(original) as object), original, {
      sendOaMessage: async (...args: Parameters<typeof sendOa>) => {
        await sendOa(...args);
        throw new Error('worker killed');
      },
    });
    try {
      await drain(w);
    } finally {
      w.services.zalo = original;
    }
    await w.db.updateTable('jobs').set({ run_at: new Date() }).where('status', '=', 'pending').execute();
    await drain(w);
    expect(w.zalo.oa.oaReceived.get(c.oaUserId!)).toBe(1);
    expect((await deliveriesOf(w, sent.notificationId))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('retries, not guesses, when the worker fails before the request leaves', async () => {
    const c = await newCitizen(w, { follower: true });
    const sent = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    const limiter = w.services.limiter;
    w.services.limiter = {
      acquire: () => Promise.reject(new Error('database unreachable')),
    };
    try {
      await drain(w);
    } finally {
      w.services.limiter = limiter;
    }
    expect((await deliveriesOf(w, sent.notificationId))[0]).toMatchObject({ status: 'created', attempts: 0 });
    await w.db.updateTable('jobs').set({ run_at: new Date() }).where('status', '=', 'pending').execute();
    await drain(w);
    expect((await deliveriesOf(w, sent.notificationId))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(w.zalo.oa.oaReceived.get(c.oaUserId!)).toBe(1);
  });

  it('counts SMS segments: GSM-7 160/153, UCS-2 70/67 for Vietnamese with diacritics', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(countSmsSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSmsSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSmsSegments('a'.repeat(307)).segments).toBe(3);
    expect(countSmsSegments('{'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(countSmsSegments('ệ'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(countSmsSegments('ệ'.repeat(71)).segments).toBe(2);
    expect(countSmsSegments('Hồ sơ '.repeat(23)).segments).toBe(3);
  });

  it('backs off exponentially with jitter', () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, () => 1)).toBe(30_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(90_000);
    expect(retryDelayMs(30, () => 1)).toBe(3600_000);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import {
  buildNotifyWorld,
  call,
  drain,
  newCitizen,
  notifyIn,
  received,
  type NotifyWorld,
} from './notify.test-helpers.js';

describeEachDatabase('Message templates', (kind) => {
  let w: NotifyWorld;
  beforeAll(async () => {
    w = await buildNotifyWorld(kind);
  });
  afterAll(async () => w?.close());

  const put = (type: string, channel: string, payload: object) =>
    call(w, w.admin.token, {
      method: 'PUT',
      url: `/api/admin/notifications/templates/${type}/${channel}`,
      payload,
    });

  it('refuses a template with a variable the type does not have', async () => {
    const res = await put('dossier.received', 'sms', { body: 'Ho so {{code}} cua {{hoTen}}' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'TEMPLATE_INVALID',
      details: { variables: ['hoTen'], allowed: ['code', 'procedure', 'appointment'] },
    });
    const inboxWithoutTitle = await put('dossier.received', 'inbox', { body: 'Hồ sơ {{code}}' });
    expect(inboxWithoutTitle.statusCode).toBe(400);
    expect((await put('no.such.type', 'sms', { body: 'x' })).statusCode).toBe(404);
  });

  it("uses the province's own template, and the default again once it is removed", async () => {
    const saved = await put('dossier.received', 'sms', {
      body: 'TAY NINH: ho so {{code}} hen tra {{appointment}}',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().sms).toEqual({
      body: 'TAY NINH: ho so {{code}} hen tra {{appointment}}',
      overridden: true,
    });
    const c = await newCitizen(w);
    await w.db.deleteFrom('zns_templates').where('type', '=', 'dossier.received').execute();
    await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received('HS-42') });
    await drain(w);
    expect(w.sms.messagesTo(c.phone!).map((m) => m.text)).toEqual([
      'TAY NINH: ho so HS-42 hen tra 25/11/2026',
    ]);
    const removed = await call(w, w.admin.token, {
      method: 'DELETE',
      url: '/api/admin/notifications/templates/dossier.received/sms',
    });
    expect(removed.statusCode).toBe(204);
    const list = await call(w, w.admin.token, { url: '/api/admin/notifications/templates' });
    const item = list.json().items.find((i: { type: string }) => i.type === 'dossier.received');
    expect(item.sms.overridden).toBe(false);
    expect(item.zns).toBeNull();
  });

  it('previews a template with sample data and counts its SMS parts', async () => {
    const res = await call(w, w.admin.token, {
      method: 'POST',
      url: '/api/admin/notifications/templates/preview',
      payload: {
        type: 'dossier.supplement_requested',
        title: 'Bổ sung {{code}}',
        body: 'Hồ sơ {{code}}: {{reason}}',
        data: { code: 'HS-1' },
      },
    });
    expect(res.json()).toEqual({ title: 'Bổ sung HS-1', text: 'Hồ sơ HS-1: [reason]', smsSegments: 1 });
  });

  it('maps ZNS parameters to known variables only', async () => {
    const url = '/api/admin/notifications/zns-templates/dossier.received';
    const bad = await call(w, w.admin.token, {
      method: 'PUT',
      url,
      payload: { templateId: '998877', params: { ma: 'soHoSo' } },
    });
    expect(bad.statusCode).toBe(400);
    const good = await call(w, w.admin.token, {
      method: 'PUT',
      url,
      payload: { templateId: '998877', params: { ma_ho_so: 'code', ngay_hen: 'appointment' } },
    });
    expect(good.statusCode).toBe(200);
    expect(good.json().zns).toEqual({
      templateId: '998877',
      params: { ma_ho_so: 'code', ngay_hen: 'appointment' },
      approved: true,
    });
    w.zalo.oa.addTemplate('998877');
    const c = await newCitizen(w);
    await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received('HS-5') });
    await drain(w);
    const body = JSON.parse(w.zalo.requestsTo('/message/template').at(-1)!.body);
    expect(body).toMatchObject({
      template_id: '998877',
      template_data: { ma_ho_so: 'HS-5', ngay_hen: '25/11/2026' },
    });
  });

  it('removes a ZNS mapping, after which the type no longer goes through ZNS', async () => {
    const url = '/api/admin/notifications/zns-templates/dossier.supplement_requested';
    await call(w, w.admin.token, {
      method: 'PUT',
      url,
      payload: { templateId: '554433', params: { ma_ho_so: 'code' } },
    });
    const removed = await call(w, w.admin.token, { method: 'DELETE', url });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().zns).toBeNull();
    const audit = await w.db
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'notifications.zns_template_removed')
      .executeTakeFirstOrThrow();
    expect(audit.data).toEqual({ templateId: '554433' });
    const row = await w.db
      .selectFrom('zns_templates')
      .select('template_id')
      .where('type', '=', 'dossier.supplement_requested')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('lets the province change the channel order and unit costs', async () => {
    const url = '/api/admin/notifications/settings';
    const current = (await call(w, w.admin.token, { url })).json();
    expect(current).toEqual({
      oaRatePerMinute: 4000,
      smsUnitCost: 350,
      znsUnitCost: 300,
      oaUnitCost: 0,
      routing: {},
    });
    const bad = await call(w, w.admin.token, {
      method: 'PUT',
      url,
      payload: { ...current, routing: { 'no.type': ['sms'] } },
    });
    expect(bad.statusCode).toBe(400);
    const saved = await call(w, w.admin.token, {
      method: 'PUT',
      url,
      payload: { ...current, smsUnitCost: 400, routing: { 'dossier.received': ['sms'] } },
    });
    expect(saved.json()).toMatchObject({ smsUnitCost: 400, routing: { 'dossier.received': ['sms'] } });
    const c = await newCitizen(w, { follower: true });
    const sent = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    expect(sent.plan).toEqual(['sms']);
    await drain(w);
    const ledger = await w.db
      .selectFrom('notification_ledger')
      .select(['unit_cost', 'cost'])
      .where('notification_id', '=', sent.notificationId)
      .executeTakeFirstOrThrow();
    expect(ledger).toEqual({ unit_cost: 400, cost: 400 });
  });
});

import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import {
  A,
  buildNotifyWorld,
  call,
  drain,
  newCitizen,
  notifyIn,
  received,
  type NotifyWorld,
} from './notify.test-helpers.js';

describeEachDatabase('Notifications in the console and citizen preferences', (kind) => {
  let w: NotifyWorld;
  const start = new Date(Date.now() - 60_000).toISOString();
  beforeAll(async () => {
    w = await buildNotifyWorld(kind);
  });
  afterAll(async () => w?.close());

  it('reports cost per channel and type equal to the ledger, and the saving against all-SMS', async () => {
    const fans = await Promise.all([1, 2, 3].map(() => newCitizen(w, { follower: true })));
    const phones = await Promise.all([1, 2].map(() => newCitizen(w)));
    for (const c of [...fans, ...phones]) {
      await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    }
    // No ZNS template for this type in the province: SMS, with diacritics, 2 UCS-2 parts.
    const smsOnly = await newCitizen(w);
    const reason = 'Bản sao giấy tờ tùy thân có chứng thực và sổ hộ khẩu bản chính để đối chiếu';
    await notifyIn(w, {
      citizenId: smsOnly.id,
      type: 'dossier.supplement_requested',
      data: { code: 'HS-9', reason },
    });
    await drain(w);

    const res = await call(w, w.admin.token, {
      url: `/api/admin/notifications/cost-report?from=${start}&to=${new Date(Date.now() + 60_000).toISOString()}`,
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    const ledger = await w.db
      .selectFrom('notification_ledger')
      .selectAll()
      .where('tenant_id', '=', A)
      .execute();
    const sum = (rows: typeof ledger, k: 'cost' | 'sms_equivalent_cost' | 'segments') =>
      rows.reduce((t, r) => t + r[k], 0);
    expect(report.totals.messages).toBe(ledger.length);
    expect(report.totals.cost).toBe(sum(ledger, 'cost'));
    expect(report.totals.allSmsCost).toBe(sum(ledger, 'sms_equivalent_cost'));
    expect(report.totals.saving).toBe(report.totals.allSmsCost - report.totals.cost);
    for (const line of report.byChannel) {
      const rows = ledger.filter((r) => r.channel === line.channel);
      expect([line.messages, line.cost, line.segments]).toEqual([
        rows.length,
        sum(rows, 'cost'),
        sum(rows, 'segments'),
      ]);
    }
    // The arithmetic: 3 OA messages free, 2 ZNS at 300, 1 SMS of 2 parts at 350; each dossier.received
    // would have been 1 ASCII SMS part (350) and the supplement request 2 parts (700).
    expect(report.byChannel).toEqual([
      expect.objectContaining({ channel: 'oa', messages: 3, cost: 0, allSmsCost: 1050 }),
      expect.objectContaining({ channel: 'sms', messages: 1, segments: 2, cost: 700, allSmsCost: 700 }),
      expect.objectContaining({ channel: 'zns', messages: 2, cost: 600, allSmsCost: 700 }),
    ]);
    expect(report.totals).toMatchObject({ messages: 6, cost: 1300, allSmsCost: 2450, saving: 1150 });
    expect(report.byType.map((t: { type: string }) => t.type)).toEqual([
      'dossier.received',
      'dossier.supplement_requested',
    ]);

    const xlsx = await call(w, w.admin.token, {
      url: `/api/admin/notifications/cost-report?from=${start}&to=${new Date(Date.now() + 60_000).toISOString()}&format=xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toMatch(/chi-phi-thong-bao-.*\.xlsx/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Chi phí')!;
    expect(sheet.getRow(1).getCell(8).value).toBe('Tiết kiệm (VND)');
    const last = sheet.getRow(sheet.rowCount);
    expect([last.getCell(1).value, last.getCell(6).value, last.getCell(8).value]).toEqual([
      'Tổng',
      1300,
      1150,
    ]);
  });

  it('lists the message log with filters and search, and shows one timeline', async () => {
    const c = await newCitizen(w);
    const sent = await notifyIn(w, {
      citizenId: c.id,
      type: 'report.resolved',
      data: { code: 'PA-5', id: 'r-5', agency: 'UBND' },
    });
    const byPhone = await call(w, w.admin.token, { url: `/api/admin/notifications?q=${c.phone}` });
    expect(byPhone.statusCode).toBe(200);
    expect(byPhone.json()).toMatchObject({
      total: 1,
      items: [{ id: sent.notificationId, status: 'inbox_only' }],
    });
    expect(byPhone.json().items[0].phone).not.toBe(c.phone);
    const byStatus = await call(w, w.admin.token, {
      url: '/api/admin/notifications?status=sent&channel=zns',
    });
    expect(
      byStatus
        .json()
        .items.every((i: { status: string; channel: string }) => i.status === 'sent' && i.channel === 'zns'),
    ).toBe(true);
    expect(byStatus.json().total).toBeGreaterThan(0);
    const byType = await call(w, w.admin.token, {
      url: '/api/admin/notifications?type=dossier.supplement_requested',
    });
    expect(byType.json().total).toBe(1);
    const timeline = await call(w, w.admin.token, {
      url: `/api/admin/notifications/${byType.json().items[0].id}`,
    });
    expect(
      timeline.json().deliveries.map((d: { channel: string; status: string }) => [d.channel, d.status]),
    ).toEqual([['sms', 'sent']]);
    expect(timeline.json().events.map((e: { status: string }) => e.status)).toEqual([
      'created',
      'created',
      'sending',
      'sent',
    ]);
    const missing = await call(w, w.admin.token, {
      url: '/api/admin/notifications/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    const citizen = await call(w, c.token, { url: '/api/admin/notifications' });
    expect(citizen.statusCode).toBe(403);
  });

  it('lets a citizen switch channels off for ordinary notices, never for legal ones', async () => {
    const c = await newCitizen(w, { follower: true });
    const put = await call(w, c.token, {
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: {
        items: [
          { type: 'dossier.received', channels: { oa: false, zns: true, sms: false } },
          { type: 'dossier.result_ready', channels: { oa: false, zns: false, sms: false } },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    const items = put.json().items as { type: string; legal: boolean; channels: Record<string, boolean> }[];
    expect(items.find((i) => i.type === 'dossier.received')).toMatchObject({
      label: 'Tiếp nhận hồ sơ',
      legal: false,
      channels: { oa: false, zns: true, sms: false },
    });
    expect(items.find((i) => i.type === 'dossier.result_ready')).toMatchObject({
      legal: true,
      channels: { oa: true, zns: true, sms: true },
    });
    const ordinary = await notifyIn(w, { citizenId: c.id, type: 'dossier.received', data: received() });
    expect(ordinary.plan).toEqual(['zns']);
    const legal = await notifyIn(w, {
      citizenId: c.id,
      type: 'dossier.result_ready',
      data: { code: 'X', procedure: 'Y' },
    });
    expect(legal.plan[0]).toBe('oa');
    const english = await call(w, c.token, {
      url: '/api/me/notification-preferences',
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().items[0].label).toBe('Dossier received');
    await sql`select 1`.execute(w.db);
    await drain(w);
  });

  it("removes a deleted citizen's phone number from the delivery records", async () => {
    const c = await newCitizen(w);
    const sent = await notifyIn(w, {
      citizenId: c.id,
      type: 'dossier.supplement_requested',
      data: { code: 'HS-D', reason: 'Thiếu bản sao' },
    });
    await drain(w);
    const deleted = await call(w, c.token, { method: 'DELETE', url: '/api/me' });
    expect(deleted.statusCode).toBe(204);
    const deliveries = await w.db
      .selectFrom('notification_deliveries')
      .select('content')
      .where('notification_id', '=', sent.notificationId)
      .execute();
    expect(deliveries.map((d) => d.content.to)).toEqual(['']);
    expect(JSON.stringify(deliveries)).not.toContain(c.phone!.slice(1));
  });
});

import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import type { ReportRow } from '../types.js';
import {
  buildReportsWorld,
  call,
  fileReport,
  makeJpeg,
  T,
  uploadPhoto,
  type OfficerKey,
  type ReportsWorld,
} from './reports.test-helpers.js';
import { escalateReport } from '../escalation.js';
import { fractionPoint } from '../sla.js';
import { auditActions, insertReport } from './workflow.test-helpers.js';

const DAY = 86_400_000;

describeEachDatabase('Report console API', (kind) => {
  let w: ReportsWorld;
  let inA: ReportRow;
  let lateInA: ReportRow;
  let inB: ReportRow;
  let inTriage: ReportRow;
  beforeAll(async () => {
    w = await buildReportsWorld(kind);
    const now = Date.now();
    inA = await insertReport(w, {
      submittedAt: new Date(now - 3600_000),
      description: 'Cây đổ chắn đường Lê Lợi',
    });
    lateInA = await insertReport(w, { submittedAt: new Date(now - 30 * DAY), description: 'Cành cây gãy' });
    inB = await insertReport(w, { agencyId: w.agencies.ubndB, submittedAt: new Date(now - 3600_000) });
    inTriage = await insertReport(w, {
      inTriage: true,
      categoryId: w.categories.other,
      submittedAt: new Date(now - 3600_000),
    });
  });
  afterAll(async () => w?.t.close());

  const as = (who: OfficerKey) => w.officers[who].token;
  const ids = (res: { json(): unknown }) =>
    (res.json() as { items: { id: string }[] }).items.map((i) => i.id);

  it('lists only the reports in the officer’s scope, with filters and accent-insensitive search', async () => {
    const a = await call(w, as('handlerA'), { url: '/api/admin/reports?pageSize=100' });
    expect(a.statusCode).toBe(200);
    expect(ids(a)).toEqual(expect.arrayContaining([inA.id, lateInA.id]));
    expect(ids(a)).not.toContain(inB.id);
    expect(ids(a)).not.toContain(inTriage.id);

    const late = await call(w, as('handlerA'), { url: '/api/admin/reports?late=true' });
    expect(ids(late)).toEqual([lateInA.id]);
    expect(late.json().items[0]).toMatchObject({
      code: lateInA.code,
      state: 'assigned',
      stateLabel: 'Đã chuyển cơ quan xử lý',
      agency: { id: w.agencies.ubndA },
      commune: { id: w.communes.a, name: 'Phường Tân Ninh' },
      late: true,
      inTriage: false,
    });
    const search = await call(w, as('handlerA'), { url: '/api/admin/reports?q=cay%20do%20le%20loi' });
    expect(ids(search)).toEqual([inA.id]);

    const triage = await call(w, as('triage'), { url: '/api/admin/reports?triage=true' });
    expect(ids(triage)).toEqual([inTriage.id]);
    const admin = await call(w, as('admin'), { url: '/api/admin/reports?sort=code&pageSize=100' });
    expect(ids(admin)).toEqual(expect.arrayContaining([inA.id, inB.id, inTriage.id]));
  });

  it('answers 404 to an officer of another agency, on detail and on actions', async () => {
    const detail = await call(w, as('handlerB'), { url: `/api/admin/reports/${inA.id}` });
    expect(detail.statusCode).toBe(404);
    expect(detail.json().error.code).toBe('REPORT_NOT_FOUND');
    const action = await call(w, as('handlerB'), {
      method: 'POST',
      url: `/api/admin/reports/${inA.id}/actions/start`,
      payload: {},
    });
    expect(action.statusCode).toBe(404);
    const photo = await call(w, as('handlerB'), {
      url: `/api/admin/reports/${inA.id}/photos/00000000-0000-4000-8000-000000000000`,
    });
    expect(photo.statusCode).toBe(404);
  });

  it('shows the detail with contact, timeline actor names and the actions the caller may take', async () => {
    const handler = await call(w, as('handlerA'), { url: `/api/admin/reports/${inA.id}` });
    expect(handler.statusCode).toBe(200);
    const d = handler.json();
    expect(d).toMatchObject({
      id: inA.id,
      reporter: { name: 'Nguyễn Văn An', phone: '0912345678', showName: false },
      actions: ['start', 'transfer', 'refuse', 'resolve', 'reject'],
    });
    expect(
      d.timeline.map((e: { action: string; actor: { name: string } }) => [e.action, e.actor.name]),
    ).toEqual([
      ['submit', 'Nguyễn Văn An'],
      ['route', 'Hệ thống'],
    ]);
    const supervisor = await call(w, as('supervisorA'), { url: `/api/admin/reports/${inA.id}` });
    expect(supervisor.json().actions).toContain('assign_handler');
    expect(await auditActions(w, inA.id)).toContain('report.viewed');
  });

  it('takes actions with the role and state checks: 403 for the wrong role, 409 for the wrong state', async () => {
    const r = await insertReport(w, { submittedAt: new Date(Date.now() - 3600_000) });
    const forbidden = await call(w, as('handlerA'), {
      method: 'POST',
      url: `/api/admin/reports/${r.id}/actions/assign_handler`,
      payload: { handlerId: w.officers.handlerA.id },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('REPORT_ACTION_FORBIDDEN');
    const started = await call(w, as('handlerA'), {
      method: 'POST',
      url: `/api/admin/reports/${r.id}/actions/start`,
      payload: {},
    });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ state: 'in_progress', handler: { id: w.officers.handlerA.id } });
    const again = await call(w, as('handlerA'), {
      method: 'POST',
      url: `/api/admin/reports/${r.id}/actions/start`,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('REPORT_TRANSITION_INVALID');
  });

  it('answers a transfer out of the officer’s scope with a hand-over note, not the detail', async () => {
    const r = await insertReport(w, { submittedAt: new Date(Date.now() - 3600_000) });
    const moved = await call(w, as('handlerA'), {
      method: 'POST',
      url: `/api/admin/reports/${r.id}/actions/transfer`,
      payload: { agencyId: w.agencies.ubndB, note: 'Thuộc địa bàn phường bên cạnh' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toEqual({ handedOver: true, id: r.id, code: r.code, state: 'assigned' });
    const gone = await call(w, as('handlerA'), { url: `/api/admin/reports/${r.id}` });
    expect(gone.statusCode).toBe(404);
    const arrived = await call(w, as('handlerB'), { url: `/api/admin/reports/${r.id}` });
    expect(arrived.json()).toMatchObject({ agency: { id: w.agencies.ubndB }, state: 'assigned' });
  });

  it('resolves a citizen’s report with the officer’s proof photo and serves both photos in scope', async () => {
    const { report, photo } = await fileReport(w);
    const proofless = await call(w, as('handlerA'), {
      method: 'POST',
      url: `/api/admin/reports/${report.id}/actions/resolve`,
      payload: { answer: 'Đã dọn cây đổ' },
    });
    expect(proofless.statusCode).toBe(400);
    expect(proofless.json().error.code).toBe('REPORT_PROOF_PHOTO_REQUIRED');
    const proof = await uploadPhoto(w, as('handlerA'), await makeJpeg({ colour: '#1565c0' }));
    const resolved = await call(w, as('handlerA'), {
      method: 'POST',
      url: `/api/admin/reports/${report.id}/actions/resolve`,
      payload: { answer: 'Đã dọn cây đổ', photoFileIds: [proof] },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({
      state: 'resolved',
      answer: 'Đã dọn cây đổ',
      photos: [{ fileId: photo, hidden: false }],
      resolutionPhotos: [{ fileId: proof, url: `/api/admin/reports/${report.id}/photos/${proof}` }],
    });
    for (const fileId of [photo, proof]) {
      const img = await call(w, as('handlerA'), { url: `/api/admin/reports/${report.id}/photos/${fileId}` });
      expect(img.statusCode).toBe(200);
      expect(img.headers['content-type']).toBe('image/jpeg');
      expect(img.rawPayload.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    }
  });

  it('runs bulk actions report by report and reports each failure', async () => {
    const a1 = await insertReport(w, { submittedAt: new Date(Date.now() - 3600_000) });
    const a2 = await insertReport(w, { submittedAt: new Date(Date.now() - 3600_000) });
    const res = await call(w, as('handlerA'), {
      method: 'POST',
      url: '/api/admin/reports/bulk',
      payload: { ids: [a1.id, a2.id, inB.id], action: 'start' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      done: [a1.id, a2.id],
      failed: [{ id: inB.id, code: 'REPORT_NOT_FOUND', message: 'Không tìm thấy phản ánh.' }],
    });
  });

  it('moderates the public view: supervisors only, audited', async () => {
    const { report, photo } = await fileReport(w);
    const handler = await call(w, as('handlerA'), {
      method: 'PATCH',
      url: `/api/admin/reports/${report.id}/moderation`,
      payload: { publicHidden: true },
    });
    expect(handler.statusCode).toBe(403);
    const res = await call(w, as('supervisorA'), {
      method: 'PATCH',
      url: `/api/admin/reports/${report.id}/moderation`,
      payload: { descriptionHidden: true, photos: [{ fileId: photo, hidden: true }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      descriptionHidden: true,
      publicHidden: false,
      photos: [{ fileId: photo, hidden: true }],
    });
    expect(await auditActions(w, report.id)).toContain('report.moderate');
  });

  it('exports the filtered list as XLSX that exceljs reads', async () => {
    const res = await call(w, as('handlerA'), { url: '/api/admin/reports?format=xlsx&late=true' });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Phản ánh')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Mã phản ánh');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(lateInA.code);
    expect(sheet.getRow(2).getCell(10).value).toBe('Có');
  });

  it('gives the map points, the supervision view and the handlers of an agency', async () => {
    const map = await call(w, as('handlerA'), { url: '/api/admin/reports/map?late=true' });
    expect(map.json()).toEqual([
      {
        id: lateInA.id,
        code: lateInA.code,
        lat: lateInA.lat,
        lng: lateInA.lng,
        state: 'assigned',
        late: true,
      },
    ]);
    const sup = await call(w, as('supervisorA'), { url: '/api/admin/reports/supervision' });
    expect(sup.statusCode).toBe(200);
    expect(sup.json().items.map((i: { id: string }) => i.id)).toContain(lateInA.id);
    expect(sup.json().counts).toEqual([
      expect.objectContaining({ agency: { id: w.agencies.ubndA, name: 'UBND phường Tân Ninh' }, late: 1 }),
    ]);
    const handlers = await call(w, as('supervisorA'), {
      url: `/api/admin/reports/handlers?agencyId=${w.agencies.ubndA}`,
    });
    expect(
      handlers
        .json()
        .map((h: { id: string }) => h.id)
        .sort(),
    ).toEqual([w.officers.handlerA.id, w.officers.supervisorA.id, w.officers.rootSupervisor.id].sort());
    const outside = await call(w, as('handlerA'), {
      url: `/api/admin/reports/handlers?agencyId=${w.agencies.ubndB}`,
    });
    expect(outside.statusCode).toBe(400);
  });

  it('shows level-2 escalations to the coordination centre and level 1 only to the agency', async () => {
    const job = (now: Date) => ({ db: w.db, calendar: w.t.app.ctx.calendar, now });
    const province = await insertReport(w, { submittedAt: new Date(Date.now() - 30 * DAY) });
    await escalateReport(job(new Date()), T, province.id);
    const agencyOnly = await insertReport(w, { submittedAt: new Date(Date.now() - 3600_000) });
    await escalateReport(
      job(fractionPoint(agencyOnly.submitted_at, agencyOnly.due_at!, 0.9)),
      T,
      agencyOnly.id,
    );
    const centre = await call(w, as('triage'), { url: '/api/admin/reports/supervision' });
    const centreIds = centre.json().items.map((i: { id: string }) => i.id);
    expect(centreIds).toContain(province.id);
    expect(centreIds).not.toContain(agencyOnly.id);
    // The centre follows it up but does not act for the agency.
    const detail = await call(w, as('triage'), { url: `/api/admin/reports/${province.id}` });
    expect(detail.json()).toMatchObject({ escalationLevel: 2, actions: [] });
    const escalated = await call(w, as('supervisorA'), {
      url: '/api/admin/reports?escalated=true&pageSize=100',
    });
    expect(ids(escalated)).toEqual(expect.arrayContaining([province.id, agencyOnly.id]));
    expect(escalated.json().items.find((i: { id: string }) => i.id === agencyOnly.id).escalationLevel).toBe(
      1,
    );
    const other = await call(w, as('handlerB'), { url: '/api/admin/reports/supervision' });
    expect(other.json().items.map((i: { id: string }) => i.id)).not.toContain(province.id);
  });
});

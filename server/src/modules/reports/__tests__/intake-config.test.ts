import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { withTx } from '../../../db/transaction-guard.js';
import { reportPersonalData } from '../personal-data.js';
import { DEFAULT_REPORT_WORKFLOW } from '../workflow-definition.js';
import {
  buildReportsWorld,
  call,
  CENTRES,
  fileReport,
  newCitizen,
  squareAround,
  T,
  type ReportsWorld,
} from './reports.test-helpers.js';

describeEachDatabase('report configuration and personal data', (kind) => {
  let w: ReportsWorld;
  beforeAll(async () => {
    w = await buildReportsWorld(kind);
  });
  afterAll(async () => {
    await w.t.close();
  });

  const admin = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    call(w, w.officers.admin.token, {
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;

  it('creates, changes and deletes categories; refuses a taken code and a bad form', async () => {
    const body = {
      code: 'o-nhiem-tieng-on',
      name: 'Ô nhiễm tiếng ồn',
      slaValue: 2,
      slaUnit: 'days',
      duplicateRadiusM: 150,
      form: { fields: [{ name: 'khung_gio', type: 'text', label: 'Khung giờ', maxLength: 50 }] },
    };
    const created = await admin('POST', '/api/admin/report-categories', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'o-nhiem-tieng-on',
      slaValue: 2,
      slaUnit: 'days',
      enabled: true,
    });
    const id = created.json().id as string;
    const again = await admin('POST', '/api/admin/report-categories', { ...body, name: 'Trùng mã' });
    expect(again.statusCode).toBe(409);
    expect(errorCode(again)).toBe('REPORT_CATEGORY_EXISTS');
    const badForm = await admin('POST', '/api/admin/report-categories', {
      ...body,
      code: 'khac-2',
      form: { fields: [{ name: 'Sai Tên', type: 'nope', label: '' }] },
    });
    expect(errorCode(badForm)).toBe('VALIDATION_FAILED');
    expect(badForm.json().error.details.form.length).toBeGreaterThan(0);

    const publicList = await call(w, null, { method: 'GET', url: '/api/reports/categories' });
    expect(publicList.json().map((c: { code: string }) => c.code)).toContain('o-nhiem-tieng-on');
    const patched = await admin('PATCH', `/api/admin/report-categories/${id}`, {
      enabled: false,
      slaValue: 3,
    });
    expect(patched.json()).toMatchObject({ enabled: false, slaValue: 3 });
    const after = await call(w, null, { method: 'GET', url: '/api/reports/categories' });
    expect(after.json().map((c: { code: string }) => c.code)).not.toContain('o-nhiem-tieng-on');
    expect((await admin('DELETE', `/api/admin/report-categories/${id}`)).json()).toEqual({ deleted: true });
    // A category with reports is only disabled.
    await fileReport(w, { categoryId: w.categories.other });
    expect((await admin('DELETE', `/api/admin/report-categories/${w.categories.other}`)).json()).toEqual({
      deleted: false,
    });
    await w.db
      .updateTable('report_categories')
      .set({ enabled: true })
      .where('id', '=', w.categories.other)
      .execute();

    // Only a province admin configures.
    const handler = await call(w, w.officers.handlerA.token, {
      method: 'GET',
      url: '/api/admin/report-categories',
    });
    expect(handler.statusCode).toBe(403);
    const citizen = await newCitizen(w);
    expect(
      (await call(w, citizen.token, { method: 'POST', url: '/api/admin/report-categories', payload: body }))
        .statusCode,
    ).toBe(403);
  });

  it('adds, lists and removes routing rules, and refuses a rule for nothing', async () => {
    const created = await admin('POST', '/api/admin/report-routing-rules', {
      categoryId: w.categories.other,
      communeId: w.communes.b,
      agencyId: w.agencies.ubndB,
      priority: 3,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      category: { id: w.categories.other, name: 'Khác' },
      commune: { id: w.communes.b, name: 'Xã Bến Cầu' },
      agency: { id: w.agencies.ubndB },
      priority: 3,
    });
    const list = await admin('GET', '/api/admin/report-routing-rules');
    expect(list.json().items).toHaveLength(5);
    const empty = await admin('POST', '/api/admin/report-routing-rules', { agencyId: w.agencies.ubndB });
    expect(errorCode(empty)).toBe('VALIDATION_FAILED');
    const badAgency = await admin('POST', '/api/admin/report-routing-rules', {
      categoryId: w.categories.other,
      agencyId: '00000000-0000-4000-8000-000000000000',
    });
    expect(errorCode(badAgency)).toBe('REPORT_AGENCY_INVALID');
    expect((await admin('DELETE', `/api/admin/report-routing-rules/${created.json().id}`)).statusCode).toBe(
      204,
    );
    expect((await admin('GET', '/api/admin/report-routing-rules')).json().items).toHaveLength(4);
  });

  it('saves settings and validates the workflow', async () => {
    const got = await admin('GET', '/api/admin/report-settings');
    expect(got.json()).toEqual({
      triageAgencyId: w.agencies.ioc,
      autoCloseDays: 7,
      reopenDays: 7,
      workflow: null,
      workflowInForce: JSON.parse(JSON.stringify(DEFAULT_REPORT_WORKFLOW)),
    });
    const bad = await admin('PUT', '/api/admin/report-settings', {
      triageAgencyId: w.agencies.ioc,
      autoCloseDays: 5,
      reopenDays: 10,
      workflow: { states: {}, actions: {} },
    });
    expect(errorCode(bad)).toBe('REPORT_WORKFLOW_INVALID');
    const custom = structuredClone(DEFAULT_REPORT_WORKFLOW);
    custom.states.in_progress!.label = 'Đang khắc phục';
    const ok = await admin('PUT', '/api/admin/report-settings', {
      triageAgencyId: w.agencies.ioc,
      autoCloseDays: 5,
      reopenDays: 10,
      workflow: custom,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ autoCloseDays: 5, reopenDays: 10 });
    expect(ok.json().workflow.states.in_progress.label).toBe('Đang khắc phục');
    expect(ok.json().workflowInForce.states.in_progress.label).toBe('Đang khắc phục');
    const reset = await admin('PUT', '/api/admin/report-settings', {
      triageAgencyId: w.agencies.ioc,
      autoCloseDays: 7,
      reopenDays: 7,
      workflow: null,
    });
    expect(reset.json().workflow).toBeNull();
  });

  it('stores commune geography with its bounding box and refuses bad GeoJSON', async () => {
    const bad = await admin('PUT', `/api/admin/report-geo/${w.communes.c}`, {
      centre: CENTRES.c,
      boundary: {
        type: 'LineString',
        coordinates: [
          [106.4, 10.8],
          [106.5, 10.9],
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('REPORT_GEOMETRY_INVALID');
    const ok = await admin('PUT', `/api/admin/report-geo/${w.communes.c}`, {
      centre: CENTRES.c,
      boundary: { type: 'Feature', properties: {}, geometry: squareAround(CENTRES.c, 0.02) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      adminUnit: { id: w.communes.c },
      hasBoundary: true,
      boundary: { type: 'Polygon' },
    });
    const row = await w.db
      .selectFrom('admin_unit_geo')
      .selectAll()
      .where('admin_unit_id', '=', w.communes.c)
      .executeTakeFirstOrThrow();
    expect(row.min_lat).toBeCloseTo(CENTRES.c.lat - 0.02, 6);
    expect(row.max_lng).toBeCloseTo(CENTRES.c.lng + 0.02, 6);
    const list = await admin('GET', '/api/admin/report-geo');
    expect(list.json().items.filter((g: { hasBoundary: boolean }) => g.hasBoundary)).toHaveLength(3);
    const map = await call(w, null, { method: 'GET', url: '/api/reports/map-config' });
    expect(map.json()).toMatchObject({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' });
    const [[south, west], [north, east]] = map.json().bounds;
    expect(south).toBeCloseTo(CENTRES.c.lat - 0.02, 6);
    expect(north).toBeCloseTo(CENTRES.a.lat + 0.03, 6);
    expect(west).toBeLessThan(east);
  });

  it('exports a citizen’s reports and, on erasure, unlinks them and forgets the reporter', async () => {
    const { citizen, report } = await fileReport(w, { showName: true });
    const follower = await newCitizen(w);
    await call(w, follower.token, { method: 'POST', url: `/api/me/reports/${report.id}/follow` });
    const exported = (await reportPersonalData.exportFor(w.db, T, citizen.id)) as {
      reports: { code: string; contactPhone: string; timeline: unknown[] }[];
    };
    expect(exported.reports).toHaveLength(1);
    expect(exported.reports[0]).toMatchObject({ code: report.code, contactPhone: citizen.phone });
    expect(exported.reports[0]!.timeline.length).toBeGreaterThan(0);
    const followed = (await reportPersonalData.exportFor(w.db, T, follower.id)) as {
      following: { code: string }[];
    };
    expect(followed.following).toEqual([expect.objectContaining({ code: report.code })]);

    await withTx(w.db, (tx) => reportPersonalData.eraseFor(tx, T, citizen.id));
    await withTx(w.db, (tx) => reportPersonalData.eraseFor(tx, T, follower.id));
    const row = await w.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      citizen_id: null,
      reporter_name: null,
      show_name: false,
      contact_phone: null,
      contact_email: null,
    });
    expect(row.description).toBe('Cây đổ chắn ngang đường sau cơn mưa lớn');
    const followers = await w.db
      .selectFrom('report_followers')
      .selectAll()
      .where('report_id', '=', report.id)
      .execute();
    expect(followers).toEqual([]);
    expect(
      (await call(w, citizen.token, { method: 'GET', url: `/api/me/reports/${report.id}` })).statusCode,
    ).toBe(404);
  });

  it('keeps the report and its photo as the agency’s record when the reporter deletes the account', async () => {
    const { citizen, report, photo } = await fileReport(w);
    const deleted = await call(w, citizen.token, { method: 'DELETE', url: '/api/me' });
    expect(deleted.statusCode).toBeLessThan(300);
    const row = await w.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ citizen_id: null, reporter_name: null, contact_phone: null });
    const file = await w.db.selectFrom('files').select('id').where('id', '=', photo).executeTakeFirst();
    expect(file?.id).toBe(photo);
  });
});

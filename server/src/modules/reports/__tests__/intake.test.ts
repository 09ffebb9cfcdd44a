import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { fileUpload } from '../../../../test/multipart.js';
import type { OfficerPrincipal } from '../../../platform/auth/access.js';
import { applyReportAction } from '../workflow.js';
import {
  buildReportsWorld,
  call,
  fileReport,
  newCitizen,
  POINTS,
  reportBody,
  submitReport,
  T,
  uploadPhoto,
  type ReportsWorld,
} from './reports.test-helpers.js';

describeEachDatabase('report intake (citizen)', (kind) => {
  let w: ReportsWorld;
  beforeAll(async () => {
    w = await buildReportsWorld(kind);
  });
  afterAll(async () => {
    await w.t.close();
  });

  const errorCode = (res: { json(): unknown }) => (res.json() as { error: { code: string } }).error.code;

  it('files a report routed to the commune with its deadline, photos and first timeline entry', async () => {
    const citizen = await newCitizen(w, 'Nguyễn Văn Nông');
    const photo = await uploadPhoto(w, citizen.token);
    const res = await submitReport(w, citizen.token, reportBody(w, [photo]));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      code: expect.stringMatching(/^PA-\d{6}-\d{4}$/),
      state: 'assigned',
      stateLabel: 'Đã chuyển cơ quan xử lý',
      agency: { id: w.agencies.ubndA, name: 'UBND phường Tân Ninh' },
      inTriage: false,
    });
    expect(new Date(body.dueAt).getTime()).toBeGreaterThan(Date.now());
    const row = await w.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      citizen_id: citizen.id,
      reporter_name: 'Nguyễn Văn Nông',
      show_name: false,
      contact_phone: citizen.phone,
      commune_id: w.communes.a,
      source: 'app',
      location_source: 'device',
    });
    const photos = await w.db
      .selectFrom('report_photos')
      .selectAll()
      .where('report_id', '=', body.id)
      .execute();
    expect(photos.map((p) => [p.file_id, p.purpose])).toEqual([[photo, 'report']]);

    const detail = await call(w, citizen.token, { method: 'GET', url: `/api/me/reports/${body.id}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      mine: true,
      showName: false,
      photos: [{ url: `/api/me/reports/${body.id}/photos/${photo}` }],
      timeline: [{ action: 'submit' }, { action: 'route', toState: 'assigned' }],
      canRate: false,
      canReopen: false,
    });
    const image = await call(w, citizen.token, {
      method: 'GET',
      url: `/api/me/reports/${body.id}/photos/${photo}`,
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
  });

  it('puts a report no rule matches in the triage queue', async () => {
    const { report } = await fileReport(w, { categoryId: w.categories.other });
    const row = await w.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', report.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'submitted', agency_id: w.agencies.ioc, in_triage: true });
  });

  it('refuses a submission without a photo, with someone else’s photo or a used one', async () => {
    const citizen = await newCitizen(w);
    expect(errorCode(await submitReport(w, citizen.token, reportBody(w, [])))).toBe('REPORT_PHOTO_REQUIRED');
    const other = await newCitizen(w);
    const theirs = await uploadPhoto(w, other.token);
    const res = await submitReport(w, citizen.token, reportBody(w, [theirs]));
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('REPORT_PHOTO_INVALID');
    const { citizen: reporter, photo: used } = await fileReport(w);
    expect(errorCode(await submitReport(w, reporter.token, reportBody(w, [used])))).toBe(
      'REPORT_PHOTO_INVALID',
    );
    // A PDF the citizen uploaded is theirs, but not a photo.
    const pdf = fileUpload('%PDF-1.4\n%%EOF\n', 'to-khai.pdf', 'application/pdf');
    const document = await call(w, citizen.token, {
      method: 'POST',
      url: '/api/files?kind=document',
      headers: pdf.headers,
      payload: pdf.payload,
    });
    expect(document.statusCode).toBe(201);
    const withPdf = await submitReport(w, citizen.token, reportBody(w, [document.json().id]));
    expect(errorCode(withPdf)).toBe('REPORT_PHOTO_INVALID');
    const many = await Promise.all([1, 2, 3, 4, 5].map(() => uploadPhoto(w, citizen.token)));
    expect((await submitReport(w, citizen.token, reportBody(w, many))).statusCode).toBe(400);
  });

  it('refuses a location outside the province and bad extra fields', async () => {
    const citizen = await newCitizen(w);
    const photo = await uploadPhoto(w, citizen.token);
    const outside = await submitReport(w, citizen.token, reportBody(w, [photo], POINTS.outside));
    expect(outside.statusCode).toBe(400);
    expect(errorCode(outside)).toBe('REPORT_LOCATION_OUTSIDE');
    const food = { categoryId: w.categories.food };
    const missing = await submitReport(w, citizen.token, reportBody(w, [photo], food));
    expect(errorCode(missing)).toBe('FORM_INVALID');
    expect(missing.json().error.details.fields).toEqual([{ path: 'ten_co_so', rule: 'required' }]);
    const ok = await submitReport(
      w,
      citizen.token,
      reportBody(w, [photo], { ...food, data: { ten_co_so: 'Quán Cơm Ba Tư' } }),
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json().agency.id).toBe(w.agencies.syt);
    const unknownCategory = await submitReport(
      w,
      citizen.token,
      reportBody(w, [photo], { categoryId: randomUUID() }),
    );
    expect(errorCode(unknownCategory)).toBe('REPORT_CATEGORY_NOT_FOUND');
  });

  it('answers a retry with the same Idempotency-Key with the same report', async () => {
    const citizen = await newCitizen(w);
    const photo = await uploadPhoto(w, citizen.token);
    const key = randomUUID();
    const first = await submitReport(w, citizen.token, reportBody(w, [photo]), key);
    const again = await submitReport(w, citizen.token, reportBody(w, [photo]), key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const count = await w.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('citizen_id', '=', citizen.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const reused = await submitReport(
      w,
      citizen.token,
      reportBody(w, [photo], { description: 'Khác hẳn' }),
      key,
    );
    expect(errorCode(reused)).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('hides another citizen’s report; a follower sees only the public view', async () => {
    const { citizen: owner, report } = await fileReport(w, { data: undefined });
    await w.db
      .updateTable('reports')
      .set({ description_hidden: true, answer: 'Đã cử đội cây xanh', answer_hidden: false })
      .where('id', '=', report.id)
      .execute();
    const stranger = await newCitizen(w);
    const read = await call(w, stranger.token, { method: 'GET', url: `/api/me/reports/${report.id}` });
    expect(read.statusCode).toBe(404);
    expect(errorCode(read)).toBe('REPORT_NOT_FOUND');
    const photo = await w.db
      .selectFrom('report_photos')
      .select('file_id')
      .where('report_id', '=', report.id)
      .executeTakeFirstOrThrow();
    const image = await call(w, stranger.token, {
      method: 'GET',
      url: `/api/me/reports/${report.id}/photos/${photo.file_id}`,
    });
    expect(image.statusCode).toBe(404);
    expect(
      (
        await call(w, stranger.token, {
          method: 'POST',
          url: `/api/me/reports/${report.id}/rate`,
          payload: { rating: 1, fixed: true },
        })
      ).statusCode,
    ).toBe(404);

    const follow = await call(w, stranger.token, {
      method: 'POST',
      url: `/api/me/reports/${report.id}/follow`,
    });
    expect(follow.json()).toEqual({ following: true });
    const view = await call(w, stranger.token, { method: 'GET', url: `/api/me/reports/${report.id}` });
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body).toMatchObject({
      mine: false,
      following: true,
      description: null,
      answer: 'Đã cử đội cây xanh',
    });
    expect(body.showName).toBeNull();
    // The reporter chose not to show the name: a follower does not get it.
    expect(body.reporterName).toBeNull();
    expect(body.data).toBeNull();
    expect(body.rating).toBeNull();
    expect(JSON.stringify(body)).not.toContain(owner.phone);
    expect(JSON.stringify(body)).not.toContain(owner.id);
    const list = await call(w, stranger.token, { method: 'GET', url: '/api/me/reports' });
    expect(list.json().items).toEqual([
      expect.objectContaining({ id: report.id, mine: false, following: true, description: null }),
    ]);
    // The owner still reads the hidden text.
    const own = await call(w, owner.token, { method: 'GET', url: `/api/me/reports/${report.id}` });
    expect(own.json().description).toBe('Cây đổ chắn ngang đường sau cơn mưa lớn');

    const unfollow = await call(w, stranger.token, {
      method: 'DELETE',
      url: `/api/me/reports/${report.id}/follow`,
    });
    expect(unfollow.json()).toEqual({ following: false });
    expect(
      (await call(w, stranger.token, { method: 'GET', url: `/api/me/reports/${report.id}` })).statusCode,
    ).toBe(404);
  });

  it('lets the reporter rate and reopen only within the window', async () => {
    const officer: OfficerPrincipal = {
      kind: 'officer',
      id: w.officers.handlerA.id,
      tenantId: T,
      sessionId: 'test',
      viaCookie: false,
      csrfToken: null,
      roles: [{ agencyId: w.agencies.ubndA, role: 'handler' }],
      mustChangePassword: false,
    };
    const resolve = async (reportId: string) => {
      const proof = await uploadPhoto(w, w.officers.handlerA.token);
      await applyReportAction({
        db: w.db,
        tenantId: T,
        reportId,
        action: 'resolve',
        actor: { type: 'officer', id: officer.id },
        principal: officer,
        input: { answer: 'Đã dọn cây đổ, thông đường', photoFileIds: [proof] },
      });
    };
    const { citizen, report } = await fileReport(w);
    const early = await call(w, citizen.token, {
      method: 'POST',
      url: `/api/me/reports/${report.id}/rate`,
      payload: { rating: 5, fixed: true },
    });
    expect(early.statusCode).toBe(409);
    await resolve(report.id);
    const resolved = await call(w, citizen.token, { method: 'GET', url: `/api/me/reports/${report.id}` });
    expect(resolved.json()).toMatchObject({
      state: 'resolved',
      canRate: true,
      canReopen: true,
      answer: 'Đã dọn cây đổ, thông đường',
    });
    expect(resolved.json().resolutionPhotos).toHaveLength(1);

    const notFixed = await call(w, citizen.token, {
      method: 'POST',
      url: `/api/me/reports/${report.id}/rate`,
      payload: { rating: 2, fixed: false, comment: 'Cành vẫn còn trên vỉa hè' },
    });
    expect(notFixed.statusCode).toBe(200);
    expect(notFixed.json()).toMatchObject({ state: 'reopened', rating: { value: 2, fixed: false } });

    // Resolved again, then the window passes: reopening is refused.
    const second = await fileReport(w);
    await resolve(second.report.id);
    await w.db
      .updateTable('reports')
      .set({ resolved_at: new Date(Date.now() - 8 * 24 * 3600 * 1000) })
      .where('id', '=', second.report.id)
      .execute();
    const late = await call(w, second.citizen.token, {
      method: 'POST',
      url: `/api/me/reports/${second.report.id}/reopen`,
      payload: { note: 'Chưa xử lý xong' },
    });
    expect(late.statusCode).toBe(409);
    expect(errorCode(late)).toBe('REPORT_REOPEN_EXPIRED');
    expect(
      (
        await call(w, second.citizen.token, { method: 'GET', url: `/api/me/reports/${second.report.id}` })
      ).json().canReopen,
    ).toBe(false);

    const third = await fileReport(w);
    await resolve(third.report.id);
    const reopen = await call(w, third.citizen.token, {
      method: 'POST',
      url: `/api/me/reports/${third.report.id}/reopen`,
      payload: { note: 'Cây lại nghiêng' },
    });
    expect(reopen.statusCode).toBe(200);
    expect(reopen.json().state).toBe('reopened');
  });
});

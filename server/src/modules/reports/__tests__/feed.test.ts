import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import type { ReportsTable } from '../../../db/schema.js';
import { createReport } from '../create-report.js';
import { FEED_COUNT_CAP } from '../feed.repository.js';
import type { NewReportInput } from '../types.js';
import {
  buildReportsWorld,
  call,
  makeJpeg,
  newCitizen,
  POINTS,
  T,
  uploadPhoto,
  type ReportsWorld,
} from './reports.test-helpers.js';

/**
 * The public feed: only public states and never a hidden report, moderated text as null, hidden
 * photos absent and unreadable, the name only by the reporter's choice, no contact data anywhere,
 * photos without EXIF, and the agency scores from known numbers.
 */

/** A phone photo with the position of the reporter's house in its EXIF. */
function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: '#556b2f' } })
    .jpeg({ quality: 80 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Serial-98765' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '11/1 18/1 3780/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 5/1 5460/100',
      },
    })
    .toBuffer();
}

type FeedJson = {
  items: {
    id: string;
    state: string;
    description: string | null;
    answer: string | null;
    reporterName: string | null;
    photos: { url: string }[];
    resolutionPhotos: { url: string }[];
    agency: { id: string };
    commune: { id: string; name: string } | null;
  }[];
  total: number;
};

describeEachDatabase('reports public feed', (kind) => {
  let w: ReportsWorld;
  const r: Record<string, { id: string; photos: string[]; phone: string; citizenId: string }> = {};
  let proofPhoto = '';

  async function newReport(
    name: string,
    photos: Buffer[],
    input: Partial<NewReportInput> = {},
  ): Promise<{ id: string; photos: string[]; phone: string; citizenId: string }> {
    const citizen = await newCitizen(w, name);
    const photoIds: string[] = [];
    for (const bytes of photos) photoIds.push(await uploadPhoto(w, citizen.token, bytes));
    const { report } = await createReport({
      db: w.db,
      tenantId: T,
      actor: { type: 'citizen', id: citizen.id },
      citizenId: citizen.id,
      input: {
        categoryId: w.categories.tree,
        description: `Cây đổ chắn đường — ${name}`,
        lat: POINTS.a.lat,
        lng: POINTS.a.lng,
        locationSource: 'device',
        address: 'Số 12 đường Lê Lợi',
        photoFileIds: photoIds,
        showName: false,
        contactEmail: 'nguoidan.bimat@example.vn',
        ...input,
      },
    });
    return { id: report.id, photos: photoIds, phone: citizen.phone, citizenId: citizen.id };
  }

  const set = (id: string, values: Partial<{ [K in keyof ReportsTable]: unknown }>) =>
    w.db
      .updateTable('reports')
      .set(values as never)
      .where('id', '=', id)
      .execute();

  beforeAll(async () => {
    w = await buildReportsWorld(kind);
    r.progress = await newReport(
      'Nguyễn Văn An',
      [await photoWithGps(), await makeJpeg({ colour: '#aa0000' })],
      {
        showName: true,
      },
    );
    await set(r.progress.id, { state: 'in_progress' });
    await w.db
      .updateTable('report_photos')
      .set({ hidden: true })
      .where('file_id', '=', r.progress.photos[1]!)
      .execute();

    r.resolved = await newReport('Trần Thị Bình', [await makeJpeg()]);
    await set(r.resolved.id, {
      state: 'resolved',
      description_hidden: true,
      answer: 'Đã cưa và dọn cây đổ, thông đường.',
      resolved_at: new Date(),
      resolved_late: false,
    });
    const officer = w.officers.handlerA;
    proofPhoto = await uploadPhoto(w, officer.token, await makeJpeg({ colour: '#0000aa' }));
    await w.db
      .insertInto('report_photos')
      .values({ tenant_id: T, report_id: r.resolved.id, file_id: proofPhoto, purpose: 'resolution' })
      .execute();
    await w.db
      .insertInto('report_events')
      .values({
        tenant_id: T,
        report_id: r.resolved.id,
        action: 'resolve',
        from_state: 'in_progress',
        to_state: 'resolved',
        actor_type: 'officer',
        actor_id: officer.id,
        note: 'Đã cưa và dọn cây đổ, thông đường.',
        public: true,
      })
      .execute();

    r.closed = await newReport('Lê Văn Cường', [await makeJpeg()], { showName: true });
    await set(r.closed.id, { state: 'closed', answer: 'Nội dung trả lời bị ẩn', answer_hidden: true });

    r.assigned = await newReport('Phạm Thị Dung', [await makeJpeg()]);
    // No rule routes "khác" in commune A: it waits in the coordination centre's triage queue.
    r.triage = await newReport('Đỗ Văn Giang', [await makeJpeg()], { categoryId: w.categories.other });
    r.rejected = await newReport('Hoàng Văn Em', [await makeJpeg()]);
    await set(r.rejected.id, { state: 'rejected', reject_reason: 'spam' });
    r.hidden = await newReport('Vũ Thị Phương', [await makeJpeg()]);
    await set(r.hidden.id, { state: 'in_progress', public_hidden: true });
  }, 120_000);

  afterAll(async () => w?.t.close());

  const feed = async (query = '') => {
    const res = await call(w, null, { method: 'GET', url: `/api/reports/feed${query}` });
    expect(res.statusCode).toBe(200);
    return { res, body: res.json() as FeedJson };
  };

  it('lists only public states and never a hidden report', async () => {
    const { res, body } = await feed();
    expect(body.items.map((i) => i.id).sort()).toEqual([r.progress!.id, r.resolved!.id, r.closed!.id].sort());
    expect(body.total).toBe(3);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    // Asking for a private state answers nothing rather than that state's reports.
    const states = await w.db
      .selectFrom('reports')
      .select('state')
      .where('id', '=', r.triage!.id)
      .executeTakeFirstOrThrow();
    expect(states.state).toBe('submitted');
    expect((await feed('?state=submitted')).body.items).toEqual([]);
    expect((await feed('?state=assigned')).body.items).toEqual([]);
    expect((await feed('?state=rejected')).body.items).toEqual([]);
    expect((await feed('?state=resolved')).body.items.map((i) => i.id)).toEqual([r.resolved!.id]);
  });

  it('applies moderation and the reporter’s choice about the name', async () => {
    const { body } = await feed();
    const byId = new Map(body.items.map((i) => [i.id, i]));
    const progress = byId.get(r.progress!.id)!;
    const resolved = byId.get(r.resolved!.id)!;
    const closed = byId.get(r.closed!.id)!;
    expect(progress.reporterName).toBe('Nguyễn Văn An');
    expect(progress.description).toBe('Cây đổ chắn đường — Nguyễn Văn An');
    expect(progress.commune).toEqual({ id: w.communes.a, name: 'Phường Tân Ninh' });
    expect(resolved.reporterName).toBeNull();
    expect(resolved.description).toBeNull();
    expect(resolved.answer).toBe('Đã cưa và dọn cây đổ, thông đường.');
    expect(resolved.resolutionPhotos).toEqual([{ url: `/api/reports/photos/${proofPhoto}` }]);
    expect(closed.reporterName).toBe('Lê Văn Cường');
    expect(closed.answer).toBeNull();
    expect(progress.photos).toEqual([{ url: `/api/reports/photos/${r.progress!.photos[0]}` }]);
  });

  it('never carries phone, e-mail or citizen id in the serialized feed', async () => {
    const { res } = await feed();
    const detail = await call(w, null, { method: 'GET', url: `/api/reports/feed/${r.progress!.id}` });
    for (const text of [res.body, detail.body]) {
      for (const report of [r.progress!, r.resolved!, r.closed!]) {
        expect(text).not.toContain(report.phone);
        expect(text).not.toContain(report.citizenId);
      }
      expect(text).not.toContain('nguoidan.bimat@example.vn');
      expect(text).not.toMatch(/contact|citizen|handler|phone|email/i);
    }
  });

  it('filters by category, commune, agency and map box', async () => {
    const food = await feed(`?categoryId=${w.categories.food}`);
    expect(food.body.items).toEqual([]);
    const commune = await feed(`?communeId=${w.communes.a}&agencyId=${w.agencies.ubndA}`);
    expect(commune.body.total).toBe(3);
    const { lat, lng } = POINTS.a;
    const inBox = await feed(`?bbox=${lat - 0.01},${lng - 0.01},${lat + 0.01},${lng + 0.01}`);
    expect(inBox.body.total).toBe(3);
    const outBox = await feed(`?bbox=${lat + 0.1},${lng + 0.1},${lat + 0.2},${lng + 0.2}`);
    expect(outBox.body.total).toBe(0);
    const bad = await call(w, null, { method: 'GET', url: '/api/reports/feed?bbox=12,107,11,106' });
    expect(bad.statusCode).toBe(400);
  });

  it('shows one public report with its public timeline and hides the others', async () => {
    const res = await call(w, null, { method: 'GET', url: `/api/reports/feed/${r.resolved!.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { timeline: { action: string; label: string; note: string | null }[] };
    const resolve = body.timeline.find((e) => e.action === 'resolve');
    expect(resolve).toMatchObject({ label: 'Hoàn thành xử lý', note: 'Đã cưa và dọn cây đổ, thông đường.' });
    expect(body.timeline.map((e) => e.action)).not.toContain('escalate');
    for (const id of [r.triage!.id, r.assigned!.id, r.rejected!.id, r.hidden!.id]) {
      const other = await call(w, null, { method: 'GET', url: `/api/reports/feed/${id}` });
      expect(other.statusCode).toBe(404);
      expect(other.json()).toMatchObject({ error: { code: 'REPORT_NOT_FOUND' } });
    }
  });

  it('serves visible photos without EXIF and refuses hidden or private ones', async () => {
    const visible = await w.t.app.inject({
      method: 'GET',
      url: `/api/reports/photos/${r.progress!.photos[0]}`,
    });
    expect(visible.statusCode).toBe(200);
    expect(visible.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(visible.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    const proof = await w.t.app.inject({ method: 'GET', url: `/api/reports/photos/${proofPhoto}` });
    expect(proof.statusCode).toBe(200);
    expect(visible.headers['cache-control']).toBe('public, max-age=300');
    const again = await w.t.app.inject({
      method: 'GET',
      url: `/api/reports/photos/${r.progress!.photos[0]}`,
      headers: { 'if-none-match': String(visible.headers.etag) },
    });
    expect(again.statusCode).toBe(304);

    for (const fileId of [
      r.progress!.photos[1]!,
      r.triage!.photos[0]!,
      r.assigned!.photos[0]!,
      r.rejected!.photos[0]!,
      r.hidden!.photos[0]!,
    ]) {
      const res = await w.t.app.inject({ method: 'GET', url: `/api/reports/photos/${fileId}` });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } });
    }
  });

  it('computes agency scores from known data', async () => {
    // Commune B's agency gets four reports with hand-picked times: 10 h on time, 30 h late, one
    // open, one rejected (left out).
    const t0 = new Date('2026-03-02T01:00:00Z');
    const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);
    const inB = { lat: POINTS.b.lat, lng: POINTS.b.lng };
    const b1 = await newReport('B1', [await makeJpeg()], inB);
    const b2 = await newReport('B2', [await makeJpeg()], inB);
    const b3 = await newReport('B3', [await makeJpeg()], inB);
    const b4 = await newReport('B4', [await makeJpeg()], inB);
    await set(b1.id, {
      state: 'resolved',
      submitted_at: t0,
      resolved_at: hours(10),
      resolved_late: false,
      rating: 5,
    });
    await set(b2.id, {
      state: 'closed',
      submitted_at: t0,
      resolved_at: hours(30),
      resolved_late: true,
      rating: 2,
    });
    await set(b3.id, { state: 'in_progress' });
    await set(b4.id, { state: 'rejected', reject_reason: 'spam', rating: 1 });

    const res = await call(w, null, { method: 'GET', url: '/api/reports/agency-scores' });
    expect(res.statusCode).toBe(200);
    const scores = res.json() as { agency: { id: string; name: string } }[];
    expect(scores.find((s) => s.agency.id === w.agencies.ubndB)).toEqual({
      agency: { id: w.agencies.ubndB, name: 'UBND xã Bến Cầu' },
      total: 3,
      resolved: 2,
      onTimeRate: 0.5,
      avgResolutionHours: 20,
      avgRating: 3.5,
      ratings: 2,
    });
    // UBND-A: five reports not rejected, one resolved (on time) and one closed without a resolution time.
    expect(scores.find((s) => s.agency.id === w.agencies.ubndA)).toMatchObject({ total: 5, resolved: 1 });
    expect(scores.some((s) => s.agency.id === w.agencies.syt)).toBe(false);
  });

  it('counts at most FEED_COUNT_CAP reports and still pages through them', async () => {
    await sql`
      insert into reports (tenant_id, code, category_id, state, source, description, lat, lng,
        location_source, agency_id)
      select ${T}::text, 'PA-CAP-' || g, ${w.categories.other}::uuid, 'in_progress', 'app', 'Phản ánh số ' || g,
        ${POINTS.c.lat}::float8, ${POINTS.c.lng}::float8, 'device', ${w.agencies.ubndC}::uuid
      from generate_series(1, ${FEED_COUNT_CAP + 5}) g`.execute(w.db);
    const first = await feed(`?categoryId=${w.categories.other}&pageSize=100`);
    expect(first.body.total).toBe(FEED_COUNT_CAP);
    expect(first.body.items).toHaveLength(100);
    const last = await feed(`?categoryId=${w.categories.other}&pageSize=100&page=11`);
    expect(last.body.items).toHaveLength(5);
  });
});

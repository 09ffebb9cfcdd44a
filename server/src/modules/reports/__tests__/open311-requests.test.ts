import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { createReport } from '../create-report.js';
import {
  asXmlText,
  buildOpen311World,
  get,
  JSON_TYPE,
  post,
  seconds,
  treeFields,
  xml,
  XML_DECLARATION,
  XML_TYPE,
  type Json,
  type Open311World,
} from './open311.test-helpers.js';
import {
  call,
  CENTRES,
  makeJpeg,
  newCitizen,
  POINTS,
  T,
  uploadPhoto,
  type ReportsWorld,
} from './reports.test-helpers.js';

/**
 * Open311 GeoReport v2 requests: posting with an API key (form-encoded and JSON, attributes, an
 * address alone) and reading back field by field in JSON and XML, the public text only once public,
 * and the standard filters.
 */
describeEachDatabase('Open311 GeoReport v2: requests', (kind) => {
  let o: Open311World;
  let w: ReportsWorld;
  beforeAll(async () => {
    o = await buildOpen311World(kind);
    w = o.w;
  }, 60_000);
  afterAll(async () => o?.w.t.close());

  describe('requests', () => {
    let code = '';

    it('posts a form-encoded request and reads it back field by field in both formats', async () => {
      const res = await post(o, 'json', treeFields(o));
      expect(res.statusCode).toBe(201);
      expect(res.headers['content-type']).toBe(JSON_TYPE);
      const created = res.json() as {
        service_request_id: string;
        service_notice: string;
        account_id: null;
      }[];
      expect(created).toEqual([
        {
          service_request_id: expect.stringMatching(/^PA-/),
          service_notice: expect.any(String),
          account_id: null,
        },
      ]);
      code = created[0]!.service_request_id;

      const row = await w.db
        .selectFrom('reports')
        .selectAll()
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        source: 'open311',
        open311_client_id: o.clientId,
        agency_id: w.agencies.ubndA,
        reporter_name: 'Phước Nguyễn Hữu',
        show_name: false,
        contact_phone: '0912345678',
        contact_email: 'phuoc.nh@example.vn',
        location_source: 'map',
      });
      expect(row.data).toMatchObject({ media_url: 'https://anh.example.vn/cay-do.jpg' });
      expect(row.due_at).not.toBeNull();

      const expected = {
        service_request_id: code,
        status: 'open',
        status_notes: null,
        service_name: 'Cây xanh',
        service_code: 'cay-xanh',
        // Not public yet (assigned): the reporter's own text waits for the agency.
        description: null,
        agency_responsible: 'UBND phường Tân Ninh',
        service_notice: null,
        requested_datetime: expect.stringMatching(/\+07:00$/),
        updated_datetime: expect.stringMatching(/\+07:00$/),
        expected_datetime: expect.stringMatching(/\+07:00$/),
        address: null,
        address_id: null,
        zipcode: null,
        lat: POINTS.a.lat,
        long: POINTS.a.lng,
        media_url: null,
        extended_attributes: { state: 'assigned', state_label: 'Đã chuyển cơ quan xử lý' },
      };
      const json = await get(o, `requests/${code}.json`);
      expect(json.statusCode).toBe(200);
      const [request] = json.json() as Json[];
      expect(request).toEqual(expected);
      expect(Date.parse(request!.expected_datetime as string)).toBe(seconds(row.due_at!));
      expect(Date.parse(request!.requested_datetime as string)).toBe(seconds(row.submitted_at));
      for (const secret of ['0912345678', 'phuoc.nh@example.vn', 'Phước', 'anh.example.vn']) {
        expect(json.body).not.toContain(secret);
      }

      const res2 = await get(o, `requests/${code}.xml`);
      expect(res2.headers['content-type']).toBe(XML_TYPE);
      expect(res2.body.startsWith(XML_DECLARATION)).toBe(true);
      const [parsed] = xml.parse(res2.body).service_requests.request as Json[];
      expect(parsed).toEqual(asXmlText(request));
    });

    it('shows the public text, answer and photo once the report is public', async () => {
      const citizen = await newCitizen(w);
      const photo = await uploadPhoto(w, citizen.token, await makeJpeg());
      const { report } = await createReport({
        db: w.db,
        tenantId: T,
        actor: { type: 'citizen', id: citizen.id },
        citizenId: citizen.id,
        input: {
          categoryId: w.categories.tree,
          description: 'Cành cây gãy treo trên dây điện',
          lat: POINTS.aFar.lat,
          lng: POINTS.aFar.lng,
          locationSource: 'device',
          address: 'Hẻm 5 Trần Phú',
          photoFileIds: [photo],
          showName: false,
        },
      });
      await w.db
        .updateTable('reports')
        .set({ state: 'resolved', answer: 'Đã cắt cành gãy.', resolved_at: new Date(), resolved_late: false })
        .where('id', '=', report.id)
        .execute();
      const [request] = (await get(o, `requests/${report.code}.json`)).json() as Json[];
      expect(request).toMatchObject({
        status: 'closed',
        status_notes: 'Đã cắt cành gãy.',
        description: 'Cành cây gãy treo trên dây điện',
        address: 'Hẻm 5 Trần Phú',
        media_url: new URL(`/api/reports/photos/${photo}`, w.t.config.publicUrl).toString(),
        extended_attributes: { state: 'resolved', state_label: 'Đã xử lý' },
      });
      const [parsed] = xml.parse((await get(o, `requests/${report.code}.xml`)).body).service_requests
        .request as Json[];
      expect(parsed).toEqual(asXmlText(request));
    });

    it('takes attributes, JSON bodies, an address alone, and answers XML', async () => {
      const food = await post(o, 'xml', {
        api_key: o.apiKey,
        service_code: 'an-toan-thuc-pham',
        lat: String(POINTS.a.lat),
        long: String(POINTS.a.lng),
        description: 'Quán bán đồ ăn ôi thiu',
        'attribute[ten_co_so]': 'Quán cơm Bà Tư',
      });
      expect(food.statusCode).toBe(201);
      expect(food.headers['content-type']).toBe(XML_TYPE);
      const [created] = xml.parse(food.body).service_requests.request as Json[];
      expect(created).toEqual({
        service_request_id: expect.stringMatching(/^PA-/),
        service_notice: expect.any(String),
        account_id: '',
      });
      const foodRow = await w.db
        .selectFrom('reports')
        .select(['agency_id', 'data'])
        .where('code', '=', created!.service_request_id as string)
        .executeTakeFirstOrThrow();
      expect(foodRow).toMatchObject({ agency_id: w.agencies.syt, data: { ten_co_so: 'Quán cơm Bà Tư' } });

      const json = await call(w, null, {
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: {
          api_key: o.apiKey,
          jurisdiction_id: T,
          service_code: 'cay-xanh',
          address_string: 'Trước trụ sở UBND, Xã Bến Cầu',
          description: 'Cây đổ trước trụ sở',
        },
      });
      expect(json.statusCode).toBe(201);
      const addressRow = await w.db
        .selectFrom('reports')
        .select(['lat', 'lng', 'location_source', 'agency_id'])
        .where('code', '=', (json.json() as Json[])[0]!.service_request_id as string)
        .executeTakeFirstOrThrow();
      expect(addressRow).toEqual({
        lat: CENTRES.b.lat,
        lng: CENTRES.b.lng,
        location_source: 'address',
        agency_id: w.agencies.ubndB,
      });
    });

    it('filters requests by id, status, service and date range', async () => {
      const old = await post(
        o,
        'json',
        treeFields(o, { lat: String(POINTS.c.lat), long: String(POINTS.c.lng) }),
      );
      const oldCode = (old.json() as Json[])[0]!.service_request_id as string;
      const longAgo = new Date(Date.now() - 200 * 86_400_000);
      await w.db.updateTable('reports').set({ submitted_at: longAgo }).where('code', '=', oldCode).execute();
      const codes = async (query: string) =>
        ((await get(o, `requests.json?${query}`)).json() as Json[]).map((r) => r.service_request_id).sort();

      const all = await codes('');
      expect(all).toContain(code);
      expect(all).not.toContain(oldCode);
      const closed = (await get(o, 'requests.json?status=closed')).json() as Json[];
      expect(closed.length).toBeGreaterThan(0);
      expect(closed.every((r) => r.status === 'closed')).toBe(true);
      const open = (await get(o, 'requests.json?status=open')).json() as Json[];
      expect(open.every((r) => r.status === 'open')).toBe(true);
      expect(open.length + closed.length).toBe(all.length);

      const food = (await get(o, 'requests.json?service_code=an-toan-thuc-pham')).json() as Json[];
      expect(food.map((r) => r.service_code)).toEqual(['an-toan-thuc-pham']);

      const day = (d: Date) => d.toISOString().slice(0, 10);
      const from = new Date(longAgo.getTime() - 86_400_000);
      const to = new Date(longAgo.getTime() + 86_400_000);
      expect(await codes(`start_date=${day(from)}T00:00:00Z&end_date=${day(to)}T23:59:59Z`)).toEqual([
        oldCode,
      ]);
      expect(await codes(`service_request_id=${oldCode},${code}&status=closed`)).toEqual(
        [code, oldCode].sort(),
      );
      const xmlList = xml.parse((await get(o, 'requests.xml?status=closed')).body).service_requests
        .request as Json[];
      expect(xmlList).toEqual(closed.map(asXmlText));

      const badDate = await get(o, 'requests.json?start_date=hom-qua');
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json()).toEqual([{ code: 400, description: expect.stringContaining('start_date') }]);
    });
  });
});

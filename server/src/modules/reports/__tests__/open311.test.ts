import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import {
  asXmlText,
  buildOpen311World,
  get,
  JSON_TYPE,
  post,
  treeFields,
  xml,
  XML_DECLARATION,
  XML_TYPE,
  type Json,
  type Open311World,
} from './open311.test-helpers.js';
import { call, POINTS, T, type ReportsWorld } from './reports.test-helpers.js';

/**
 * Open311 GeoReport v2, checked field by field against the spec in JSON and XML: the services and a
 * service definition, and the spec's error list for every refusal (keys, services, fields,
 * jurisdiction). Posting and reading requests: open311-requests.test.ts.
 */
describeEachDatabase('Open311 GeoReport v2: services and errors', (kind) => {
  let o: Open311World;
  let w: ReportsWorld;
  beforeAll(async () => {
    o = await buildOpen311World(kind);
    w = o.w;
  }, 60_000);
  afterAll(async () => o?.w.t.close());

  describe('services', () => {
    const expected = [
      {
        service_code: 'cay-xanh',
        service_name: 'Cây xanh',
        description: '',
        metadata: false,
        type: 'realtime',
        keywords: 'cay xanh',
        group: 'Phản ánh hiện trường',
      },
      {
        service_code: 'an-toan-thuc-pham',
        service_name: 'An toàn thực phẩm',
        description: '',
        metadata: true,
        type: 'realtime',
        keywords: 'an toan thuc pham',
        group: 'Phản ánh hiện trường',
      },
      {
        service_code: 'khac',
        service_name: 'Khác',
        description: '',
        metadata: false,
        type: 'realtime',
        keywords: 'khac',
        group: 'Phản ánh hiện trường',
      },
    ];

    it('lists the categories as services in JSON and XML', async () => {
      const json = await get(o, 'services.json');
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toBe(JSON_TYPE);
      expect(json.json()).toEqual(expected);

      const res = await get(o, `services.xml?jurisdiction_id=${T}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(XML_TYPE);
      expect(res.body.startsWith(XML_DECLARATION)).toBe(true);
      expect(xml.parse(res.body).services.service).toEqual(expected.map(asXmlText));
    });

    it('describes a service’s attributes in JSON and XML', async () => {
      const definition = {
        service_code: 'an-toan-thuc-pham',
        attributes: [
          {
            variable: true,
            code: 'ten_co_so',
            datatype: 'string',
            required: true,
            datatype_description: '',
            order: 1,
            description: 'Tên cơ sở',
          },
        ],
      };
      const json = await get(o, 'services/an-toan-thuc-pham.json');
      expect(json.statusCode).toBe(200);
      expect(json.json()).toEqual(definition);
      const res = await get(o, 'services/an-toan-thuc-pham.xml');
      expect(res.headers['content-type']).toBe(XML_TYPE);
      const parsed = xml.parse(res.body).service_definition;
      expect(parsed.service_code).toBe('an-toan-thuc-pham');
      expect(parsed.attributes.attribute).toEqual(definition.attributes.map(asXmlText));
      expect((await get(o, 'services/cay-xanh.json')).json()).toEqual({
        service_code: 'cay-xanh',
        attributes: [],
      });
    });

    it('answers the spec’s error list for an unknown service or jurisdiction', async () => {
      const json = await get(o, 'services/khong-co.json');
      expect(json.statusCode).toBe(404);
      expect(json.json()).toEqual([{ code: 404, description: expect.stringContaining('khong-co') }]);
      const res = await get(o, 'services/khong-co.xml');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toBe(XML_TYPE);
      expect(xml.parse(res.body).errors.error).toEqual([{ code: '404', description: expect.any(String) }]);
      const wrong = await get(o, 'services.json?jurisdiction_id=tinh-khac');
      expect(wrong.statusCode).toBe(404);
      expect(wrong.json()).toEqual([{ code: 404, description: expect.stringContaining('tinh-khac') }]);
      const unknownPath = await get(o, 'khong-co.xml');
      expect(unknownPath.statusCode).toBe(404);
      expect(xml.parse(unknownPath.body).errors.error[0].code).toBe('404');
      // Refused before any route runs (unknown province): still the spec's list, not our error body.
      const noTenant = await w.t.app.inject({
        method: 'GET',
        url: '/open311/v2/services.json',
        headers: { 'x-tenant-id': 'tinh-khong-co' },
      });
      expect(noTenant.statusCode).toBe(404);
      expect(noTenant.json()).toEqual([{ code: 404, description: expect.any(String) }]);
    });
  });

  describe('refusals', () => {
    it('refuses missing, unknown and revoked keys with 403 in both formats', async () => {
      const { api_key: _drop, ...noKey } = treeFields(o);
      for (const format of ['json', 'xml'] as const) {
        for (const fields of [noKey, treeFields(o, { api_key: 'o311_khong-phai-khoa' })]) {
          const res = await post(o, format, fields);
          expect(res.statusCode).toBe(403);
          const errors =
            format === 'json' ? (res.json() as Json[]) : (xml.parse(res.body).errors.error as Json[]);
          expect(errors).toEqual([
            { code: format === 'json' ? 403 : '403', description: expect.any(String) },
          ]);
        }
      }
      const issued = await call(w, w.officers.admin.token, {
        method: 'POST',
        url: '/api/admin/open311-clients',
        payload: { name: 'Ứng dụng sẽ bị thu hồi' },
      });
      const revokedKey = issued.json() as { key: string; id: string };
      expect((await post(o, 'json', treeFields(o, { api_key: revokedKey.key }))).statusCode).toBe(201);
      await call(w, w.officers.admin.token, {
        method: 'DELETE',
        url: `/api/admin/open311-clients/${revokedKey.id}`,
      });
      const revoked = await post(o, 'xml', treeFields(o, { api_key: revokedKey.key }));
      expect(revoked.statusCode).toBe(403);
      expect(xml.parse(revoked.body).errors.error[0].description).toContain('thu hồi');
    });

    it('answers 404 and 400 error lists for a bad service, location, field or jurisdiction', async () => {
      const cases: [Record<string, string>, number, string][] = [
        [treeFields(o, { service_code: 'khong-co' }), 404, 'khong-co'],
        [treeFields(o, { lat: '', long: '', address_string: '' }), 400, 'lat'],
        [treeFields(o, { lat: '', long: '', address_string: 'Một nơi không rõ' }), 400, 'address_string'],
        [treeFields(o, { description: '' }), 400, 'description'],
        [treeFields(o, { description: 'x'.repeat(4001) }), 400, 'description'],
        [treeFields(o, { lat: 'bac-ninh' }), 400, 'lat'],
        [treeFields(o, { jurisdiction_id: 'tinh-khac' }), 404, 'tinh-khac'],
        [treeFields(o, { lat: String(POINTS.outside.lat), long: String(POINTS.outside.lng) }), 400, 'tỉnh'],
      ];
      for (const [fields, status, mention] of cases) {
        const res = await post(o, 'json', fields);
        expect(res.statusCode).toBe(status);
        expect(res.headers['content-type']).toBe(JSON_TYPE);
        expect(res.json()).toEqual([{ code: status, description: expect.stringContaining(mention) }]);
      }
      const missingAttribute = await post(o, 'xml', {
        api_key: o.apiKey,
        service_code: 'an-toan-thuc-pham',
        lat: String(POINTS.a.lat),
        long: String(POINTS.a.lng),
        description: 'Thiếu tên cơ sở',
      });
      expect(missingAttribute.statusCode).toBe(400);
      expect(xml.parse(missingAttribute.body).errors.error[0].description).toContain('ten_co_so');
      expect((await get(o, 'requests/PA-000000-0000.json')).json()).toEqual([
        { code: 404, description: expect.stringContaining('PA-000000-0000') },
      ]);
    });
  });
});

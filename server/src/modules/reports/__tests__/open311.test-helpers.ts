import { XMLParser } from 'fast-xml-parser';
import type { DatabaseKind } from '../../../../test/helpers.js';
import { buildReportsWorld, call, POINTS, type ReportsWorld } from './reports.test-helpers.js';

/** The Open311 tests' world: the reports province plus one client with its API key. */
export const JSON_TYPE = 'application/json; charset=utf-8';
export const XML_TYPE = 'text/xml; charset=utf-8';
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
export const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name),
});

export type Json = Record<string, unknown>;
export const seconds = (d: Date) => Math.floor(d.getTime() / 1000) * 1000;

/** What JSON says as a value, the way XML writes it: every scalar is text, null is empty. */
export function asXmlText(value: unknown): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(asXmlText);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, asXmlText(v)]));
  return String(value);
}

export interface Open311World {
  w: ReportsWorld;
  apiKey: string;
  clientId: string;
}

export async function buildOpen311World(kind: DatabaseKind): Promise<Open311World> {
  const w = await buildReportsWorld(kind);
  const issued = await call(w, w.officers.admin.token, {
    method: 'POST',
    url: '/api/admin/open311-clients',
    payload: { name: 'Tổng đài 1022' },
  });
  const { key, id } = issued.json() as { key: string; id: string };
  return { w, apiKey: key, clientId: id };
}

export const get = (o: Open311World, url: string) =>
  call(o.w, null, { method: 'GET', url: `/open311/v2/${url}` });

export const post = (o: Open311World, format: 'json' | 'xml', fields: Record<string, string>) =>
  call(o.w, null, {
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });

/** A fallen tree in commune A with every optional field, as a call-centre system would send it. */
export const treeFields = (o: Open311World, extra: Record<string, string> = {}) => ({
  api_key: o.apiKey,
  service_code: 'cay-xanh',
  lat: String(POINTS.a.lat),
  long: String(POINTS.a.lng),
  description: 'Cây dầu đổ ngang đường Lê Lợi, chắn hết hai làn xe',
  address_string: '12 Lê Lợi',
  first_name: 'Phước',
  last_name: 'Nguyễn Hữu',
  phone: '0912345678',
  email: 'phuoc.nh@example.vn',
  media_url: 'https://anh.example.vn/cay-do.jpg',
  ...extra,
});

import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../platform/errors/app-error.js';
import { normalizeVi } from '../../platform/search/normalize.js';
import { createReport } from './create-report.js';
import { hashOpen311Key } from './open311-clients.routes.js';
import type { Open311Created } from './open311.format.js';
import { attributeData, enabledCategories, Open311Failure } from './open311.service.js';

/**
 * POST requests: an Open311 client files a report. The key is checked first (a stranger learns
 * nothing about our categories from validation errors), then the fields, then the report is made by
 * the same createReport as the mini app's, so routing, deadlines, audit and notices are identical.
 */
export interface Open311PostFields {
  api_key?: string | undefined;
  jurisdiction_id?: string | undefined;
  service_code?: string | undefined;
  /** Text, as a form sends it: an empty value means "not given", not 0. */
  lat?: string | undefined;
  long?: string | undefined;
  address_string?: string | undefined;
  description?: string | undefined;
  media_url?: string | undefined;
  first_name?: string | undefined;
  last_name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}

export const MAX_OPEN311_DESCRIPTION = 4000;

/** The client behind a key; a missing, unknown or revoked key is the spec's 403. */
export async function authenticateClient(db: Db, tenantId: string, apiKey: string | undefined) {
  if (!apiKey) throw new Open311Failure(403, 'Thiếu api_key.');
  const client = await db
    .selectFrom('open311_clients')
    .select(['id', 'revoked_at'])
    .where('tenant_id', '=', tenantId)
    .where('key_hash', '=', hashOpen311Key(apiKey))
    .executeTakeFirst();
  if (!client) throw new Open311Failure(403, 'api_key không hợp lệ.');
  if (client.revoked_at) throw new Open311Failure(403, 'api_key đã bị thu hồi.');
  await db
    .updateTable('open311_clients')
    .set({ last_used_at: new Date() })
    .where('id', '=', client.id)
    .execute();
  return client.id;
}

/** `attribute[code]=…` (form) or `attribute: { code: … }` (JSON) as one map. */
export function attributesFrom(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) Object.assign(out, nested);
  for (const [key, value] of Object.entries(body)) {
    const match = /^attribute\[([a-z0-9_]+)\](\[\])?$/.exec(key);
    if (match) out[match[1]!] = value;
  }
  return out;
}

/**
 * A position from an address alone: the commune whose name the address contains (with or without
 * its "Phường"/"Xã" prefix, accents ignored), at its centre. Without a commune there is no way to
 * route the report, so it is refused rather than guessed.
 */
async function communeFromAddress(db: Db, tenantId: string, address: string) {
  const rows = await db
    .selectFrom('admin_units as u')
    .innerJoin('admin_unit_geo as g', 'g.admin_unit_id', 'u.id')
    .select(['u.name', 'g.centre_lat', 'g.centre_lng'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.level', '=', 'commune')
    .execute();
  const text = ` ${normalizeVi(address).replace(/[^a-z0-9]+/g, ' ')} `;
  let best: { length: number; lat: number; lng: number } | undefined;
  for (const row of rows) {
    const full = normalizeVi(row.name)
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
    const bare = full.replace(/^(phuong|xa|thi tran|dac khu)\s+/, '');
    for (const candidate of [full, bare]) {
      if (candidate.length > 1 && text.includes(` ${candidate} `) && candidate.length > (best?.length ?? 0)) {
        best = { length: candidate.length, lat: row.centre_lat, lng: row.centre_lng };
      }
    }
  }
  return best;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export async function createOpen311Request(o: {
  db: Db;
  tenantId: string;
  fields: Open311PostFields;
  attributes: Record<string, unknown>;
}): Promise<Open311Created> {
  const { db, tenantId, fields } = o;
  const clientId = await authenticateClient(db, tenantId, fields.api_key);

  const serviceCode = text(fields.service_code);
  if (!serviceCode) throw new Open311Failure(400, 'Thiếu service_code.');
  const category = await enabledCategories(db, tenantId).where('code', '=', serviceCode).executeTakeFirst();
  if (!category) throw new Open311Failure(404, `Không có dịch vụ (service_code) "${serviceCode}".`);

  const description = text(fields.description);
  if (!description) throw new Open311Failure(400, 'Thiếu description (nội dung phản ánh).');
  if (description.length > MAX_OPEN311_DESCRIPTION) {
    throw new Open311Failure(400, `description dài quá ${MAX_OPEN311_DESCRIPTION} ký tự.`);
  }

  const address = text(fields.address_string);
  let point: { lat: number; lng: number; source: 'map' | 'address' };
  const lat = text(fields.lat);
  const long = text(fields.long);
  if (lat !== undefined || long !== undefined) {
    const [y, x] = [Number(lat), Number(long)];
    if (
      lat === undefined ||
      long === undefined ||
      !Number.isFinite(y) ||
      !Number.isFinite(x) ||
      Math.abs(y) > 90 ||
      Math.abs(x) > 180
    ) {
      throw new Open311Failure(400, 'lat và long phải là toạ độ WGS84 (độ thập phân), gửi cả hai.');
    }
    point = { lat: y, lng: x, source: 'map' };
  } else if (address) {
    const found = await communeFromAddress(db, tenantId, address);
    if (!found) {
      throw new Open311Failure(
        400,
        'Không xác định được vị trí từ address_string: địa chỉ cần có tên xã/phường của tỉnh, hoặc gửi lat và long.',
      );
    }
    point = { lat: found.lat, lng: found.lng, source: 'address' };
  } else {
    throw new Open311Failure(400, 'Thiếu vị trí: gửi lat và long, hoặc address_string.');
  }

  const name = [text(fields.first_name), text(fields.last_name)].filter(Boolean).join(' ');
  let result;
  try {
    result = await createReport({
      db,
      tenantId,
      actor: { type: 'open311', id: clientId },
      citizenId: null,
      open311ClientId: clientId,
      input: {
        categoryId: category.id,
        description,
        lat: point.lat,
        lng: point.lng,
        locationSource: point.source,
        address,
        photoFileIds: [],
        // Open311 has no consent field for publishing a name: it stays private.
        showName: false,
        reporterName: name || undefined,
        contactPhone: text(fields.phone),
        contactEmail: text(fields.email),
        data: attributeData(category, o.attributes),
      },
    });
  } catch (error) {
    throw open311FailureOf(error);
  }
  const mediaUrl = text(fields.media_url);
  if (mediaUrl) {
    // Kept as a link only: the server makes no outside requests (no network egress in the province's
    // data centre, and fetching a client-given URL would let it probe internal addresses).
    await db
      .updateTable('reports')
      .set({ data: sql`data || jsonb_build_object('media_url', ${mediaUrl}::text)` })
      .where('id', '=', result.report.id)
      .execute();
  }
  const agency = await db
    .selectFrom('agencies')
    .select('name')
    .where('id', '=', result.report.agency_id)
    .executeTakeFirstOrThrow();
  return {
    service_request_id: result.report.code,
    service_notice: result.report.in_triage
      ? `Đã tiếp nhận phản ánh ${result.report.code}; đang chờ phân loại.`
      : `Đã tiếp nhận phản ánh ${result.report.code}; đã chuyển ${agency.name} xử lý.`,
    account_id: null,
  };
}

/** Our errors from createReport in the spec's terms. */
function open311FailureOf(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  switch (error.code) {
    case 'REPORT_LOCATION_OUTSIDE':
      return new Open311Failure(400, 'Vị trí nằm ngoài địa bàn tỉnh.');
    case 'FORM_INVALID': {
      const fields = (error.details?.fields as { path: string; rule: string }[] | undefined) ?? [];
      const list = fields.map((f) => `attribute[${f.path}] (${f.rule})`).join(', ');
      return new Open311Failure(400, `Thông tin bổ sung chưa đúng: ${list}.`);
    }
    case 'REPORT_CATEGORY_NOT_FOUND':
      return new Open311Failure(404, 'Không có dịch vụ (service_code) này.');
    default:
      return error;
  }
}

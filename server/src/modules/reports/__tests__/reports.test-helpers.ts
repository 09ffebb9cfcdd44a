import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { buildTestApp, type DatabaseKind, type TestApp } from '../../../../test/helpers.js';
import { fileUpload } from '../../../../test/multipart.js';
import type { Db } from '../../../db/connection.js';
import type { AppContext } from '../../../platform/context.js';
import { POINTS, seedReportsTenant, sessionToken, T, type ReportsSeed } from './reports-seed.test-helpers.js';

/**
 * The reports tests' helpers (shared by every engineer's tests: keep the exported names stable). The
 * province they build is described in reports-seed.test-helpers.ts, re-exported here.
 */
export * from './reports-seed.test-helpers.js';

export interface ReportsWorld extends ReportsSeed {
  t: TestApp;
  db: Db;
}
/** The app on a fresh database of `kind`, with the province above seeded. */
export async function buildReportsWorld(
  kind: DatabaseKind,
  options: { env?: Record<string, string>; overrides?: Partial<AppContext> } = {},
): Promise<ReportsWorld> {
  const t = await buildTestApp(kind, {
    env: { RATE_LIMIT_MAX: '100000', ...options.env },
    overrides: options.overrides,
  });
  const db = t.database.db;
  const seed = await seedReportsTenant(db, T);
  t.app.ctx.tenants.invalidate();
  return { t, db, ...seed };
}

let seq = 0;
/** A signed-in citizen of the world's tenant. */
export async function newCitizen(w: ReportsWorld, displayName?: string) {
  seq += 1;
  const phone = `08${String(seq * 7919 + process.pid)
    .padStart(8, '0')
    .slice(-8)}`;
  const row = await w.db
    .insertInto('citizens')
    .values({
      tenant_id: T,
      zalo_id: `z-pa-${seq}-${randomUUID()}`,
      display_name: displayName ?? `Người dân ${seq}`,
      phone,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, phone, token: await sessionToken(w.db, T, 'citizen', row.id) };
}

/** An injected request to the world's tenant, signed in with `token` when given. */
export function call(
  w: ReportsWorld,
  token: string | null,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  return w.t.app.inject({
    ...options,
    headers: { ...options.headers, 'x-tenant-id': T, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

/** A JPEG of one colour (with noise when `noise`, to reach a realistic size). */
export async function makeJpeg(
  options: { width?: number; height?: number; colour?: string; noise?: boolean; quality?: number } = {},
): Promise<Buffer> {
  const width = options.width ?? 64;
  const height = options.height ?? 48;
  if (options.noise) {
    const raw = Buffer.alloc(width * height * 3);
    for (let i = 0; i < raw.length; i += 1) raw[i] = (i * 7919 + ((i / 3) | 0) * 104729) % 251;
    return sharp(raw, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: options.quality ?? 92 })
      .toBuffer();
  }
  return sharp({ create: { width, height, channels: 3, background: options.colour ?? '#2e7d32' } })
    .jpeg({ quality: options.quality ?? 80 })
    .toBuffer();
}

/** Uploads a photo as the signed-in user through POST /api/files; answers the file id. */
export async function uploadPhoto(w: ReportsWorld, token: string, bytes?: Buffer): Promise<string> {
  const upload = fileUpload(bytes ?? (await makeJpeg()), 'anh.jpg', 'image/jpeg');
  const res = await call(w, token, {
    method: 'POST',
    url: '/api/files?kind=image',
    headers: upload.headers,
    payload: upload.payload,
  });
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A valid submission body: a fallen tree in commune A. */
export function reportBody(
  w: ReportsWorld,
  photoFileIds: string[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    categoryId: w.categories.tree,
    description: 'Cây đổ chắn ngang đường sau cơn mưa lớn',
    lat: POINTS.a.lat,
    lng: POINTS.a.lng,
    locationSource: 'device',
    address: '12 Lê Lợi',
    photoFileIds,
    showName: false,
    ...overrides,
  };
}

/** POST /api/me/reports with a fresh Idempotency-Key unless one is given. */
export function submitReport(
  w: ReportsWorld,
  token: string,
  body: Record<string, unknown>,
  key: string = randomUUID(),
) {
  return call(w, token, {
    method: 'POST',
    url: '/api/me/reports',
    headers: { 'idempotency-key': key },
    payload: body,
  });
}

/**
 * The common case in one call: a new citizen uploads one photo and files a report (the tree in A
 * unless overridden); answers the citizen and the 201 body.
 */
export async function fileReport(w: ReportsWorld, overrides: Record<string, unknown> = {}) {
  const citizen = await newCitizen(w);
  const photo = await uploadPhoto(w, citizen.token);
  const res = await submitReport(w, citizen.token, reportBody(w, [photo], overrides));
  if (res.statusCode !== 201) throw new Error(`submission failed: ${res.statusCode} ${res.body}`);
  return { citizen, photo, report: res.json() as { id: string; code: string; state: string } };
}

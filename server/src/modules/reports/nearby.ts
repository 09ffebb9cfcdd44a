import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../platform/errors/app-error.js';
import { photoPath } from './feed.repository.js';
import type { LatLng } from './geo.js';
import { loadWorkflow, stateLabel } from './workflow-definition.js';

export const NEARBY_LIMIT = 10;
const METRES_PER_DEGREE_LAT = 111_320;

export interface NearbyReport {
  id: string;
  code: string;
  state: string;
  stateLabel: string;
  description: string | null;
  distanceM: number;
  submittedAt: string;
  followers: number;
  photoUrl: string | null;
}

/**
 * The box (in degrees) holding every point within `radiusM` of `centre`, a little wider than the
 * circle so the exact distance below never misses one.
 */
export function boxAround(centre: LatLng, radiusM: number) {
  const dLat = (radiusM / METRES_PER_DEGREE_LAT) * 1.01;
  const cos = Math.max(0.01, Math.cos((centre.lat * Math.PI) / 180));
  const dLng = (radiusM / (METRES_PER_DEGREE_LAT * cos)) * 1.01;
  return {
    minLat: centre.lat - dLat,
    maxLat: centre.lat + dLat,
    minLng: centre.lng - dLng,
    maxLng: centre.lng + dLng,
  };
}

/**
 * Open reports of a category near a point, nearest first: the duplicates a citizen may follow
 * instead of filing again. The bounding box runs on the partial index `reports_nearby_open`
 * (tenant, category, lat, lng where not closed/rejected), so over a million reports only the few in
 * the box are read; haversine then keeps those really within the category's radius.
 * Public-safe: no reporter, contact or handler; hidden text is null; a photo only when the report
 * is already visible in the public feed (a fresh report's photo is not yet moderated).
 */
export async function findNearby(o: {
  db: Db;
  tenantId: string;
  categoryId: string;
  point: LatLng;
}): Promise<NearbyReport[]> {
  const { db, tenantId, point } = o;
  const category = await db
    .selectFrom('report_categories')
    .select(['id', 'duplicate_radius_m'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', o.categoryId)
    .where('enabled', '=', true)
    .executeTakeFirst();
  if (!category) throw new AppError('REPORT_CATEGORY_NOT_FOUND');
  const radius = category.duplicate_radius_m;
  if (radius <= 0) return [];
  const workflow = await loadWorkflow(db, tenantId);
  const open = Object.entries(workflow.states)
    .filter(([, s]) => s.open)
    .map(([name]) => name);
  if (open.length === 0) return [];
  const box = boxAround(point, radius);
  const rad = Math.PI / 180;
  const distance = sql<number>`2 * 6371008.8 * asin(least(1, sqrt(
      power(sin((r.lat - ${point.lat}) * ${rad} / 2), 2)
      + cos(${point.lat * rad}) * cos(r.lat * ${rad}) * power(sin((r.lng - ${point.lng}) * ${rad} / 2), 2))))`;
  const rows = await db
    .selectFrom('reports as r')
    .select([
      'r.id',
      'r.code',
      'r.state',
      'r.description',
      'r.description_hidden',
      'r.submitted_at',
      distance.as('distance_m'),
      (eb) =>
        eb
          .selectFrom('report_followers as f')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('f.report_id', '=', 'r.id')
          .as('followers'),
      (eb) =>
        eb
          .selectFrom('report_photos as p')
          .select('p.file_id')
          .whereRef('p.report_id', '=', 'r.id')
          .where('p.purpose', '=', 'report')
          .where('p.hidden', '=', false)
          .orderBy('p.position')
          .limit(1)
          .as('photo_id'),
    ])
    .where('r.tenant_id', '=', tenantId)
    .where('r.category_id', '=', category.id)
    // Repeats the partial index's predicate so the planner may use it; `open` narrows further.
    .where('r.state', 'not in', ['closed', 'rejected'])
    .where('r.state', 'in', open)
    .where('r.lat', '>=', box.minLat)
    .where('r.lat', '<=', box.maxLat)
    .where('r.lng', '>=', box.minLng)
    .where('r.lng', '<=', box.maxLng)
    .where('r.public_hidden', '=', false)
    .where(distance, '<=', radius)
    .orderBy('distance_m')
    .orderBy('r.submitted_at', 'desc')
    .limit(NEARBY_LIMIT)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    state: r.state,
    stateLabel: stateLabel(workflow, r.state),
    description: r.description_hidden ? null : r.description,
    distanceM: Math.round(Number(r.distance_m)),
    submittedAt: r.submitted_at.toISOString(),
    followers: Number(r.followers ?? 0),
    photoUrl: r.photo_id && workflow.states[r.state]?.public ? photoPath(r.photo_id) : null,
  }));
}

import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../platform/errors/app-error.js';

/**
 * Where a point is in the province: the commune whose boundary holds it, else the commune with the
 * nearest centre. No PostGIS (PGlite has none): a commune's bounding box columns narrow the
 * boundaries to test, and the point-in-polygon test runs here.
 */

export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_M = 6_371_008.8;

/**
 * A point farther than this from every commune centre (and in no boundary) is not in the province.
 * A commune of the merged provinces spans up to ~20 km, so 30 km from the nearest centre still
 * accepts its edges without accepting the neighbouring province's interior.
 */
export const MAX_CENTRE_DISTANCE_M = 30_000;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type Boundary = Polygon | MultiPolygon;

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

function isPosition(p: unknown): p is [number, number] {
  return (
    Array.isArray(p) &&
    (p.length === 2 || p.length === 3) &&
    p.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    Math.abs(p[0] as number) <= 180 &&
    Math.abs(p[1] as number) <= 90
  );
}

/** A linear ring: ≥ 4 positions, closed (first = last). */
function isRing(ring: unknown): ring is [number, number][] {
  if (!Array.isArray(ring) || ring.length < 4 || ring.length > 100_000 || !ring.every(isPosition))
    return false;
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  return first[0] === last[0] && first[1] === last[1];
}

function isPolygonRings(rings: unknown): rings is [number, number][][] {
  return Array.isArray(rings) && rings.length >= 1 && rings.every(isRing);
}

/**
 * A GeoJSON Polygon or MultiPolygon (a bare geometry, or a Feature holding one) with WGS84
 * positions and closed rings; answers the geometry alone, or throws REPORT_GEOMETRY_INVALID.
 */
export function checkBoundary(input: unknown): Boundary {
  let geometry = input as { type?: unknown; coordinates?: unknown; geometry?: unknown } | null;
  if (geometry && geometry.type === 'Feature') geometry = geometry.geometry as typeof geometry;
  const fail = (problem: string) => new AppError('REPORT_GEOMETRY_INVALID', { problem });
  if (!geometry || typeof geometry !== 'object') throw fail('not a GeoJSON object');
  if (geometry.type === 'Polygon') {
    if (!isPolygonRings(geometry.coordinates)) throw fail('Polygon rings must be closed WGS84 positions');
    return { type: 'Polygon', coordinates: geometry.coordinates };
  }
  if (geometry.type === 'MultiPolygon') {
    const polys = geometry.coordinates;
    if (!Array.isArray(polys) || polys.length === 0 || !polys.every(isPolygonRings)) {
      throw fail('MultiPolygon rings must be closed WGS84 positions');
    }
    return { type: 'MultiPolygon', coordinates: polys as [number, number][][][] };
  }
  throw fail('type must be Polygon or MultiPolygon');
}

export function boundingBox(boundary: Boundary): BoundingBox {
  const polygons = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
  const box = { minLat: 90, maxLat: -90, minLng: 180, maxLng: -180 };
  // The outer ring bounds the polygon; holes lie inside it.
  for (const rings of polygons) {
    for (const [lng, lat] of rings[0]!) {
      box.minLat = Math.min(box.minLat, lat!);
      box.maxLat = Math.max(box.maxLat, lat!);
      box.minLng = Math.min(box.minLng, lng!);
      box.maxLng = Math.max(box.maxLng, lng!);
    }
  }
  return box;
}

export function insideBoundary(boundary: Boundary, point: LatLng): boolean {
  return booleanPointInPolygon([point.lng, point.lat], boundary);
}

export interface CommuneCentre {
  id: string;
  name: string;
  centre: LatLng;
}

/** The commune whose centre is nearest, with the distance; null when there are none. */
export function nearestCentre(
  communes: readonly CommuneCentre[],
  point: LatLng,
): { commune: CommuneCentre; distanceM: number } | null {
  let best: { commune: CommuneCentre; distanceM: number } | null = null;
  for (const commune of communes) {
    const d = distanceM(commune.centre, point);
    if (!best || d < best.distanceM) best = { commune, distanceM: d };
  }
  return best;
}

export interface Location {
  commune: { id: string; name: string } | null;
  /** In a loaded boundary, or within MAX_CENTRE_DISTANCE_M of a centre (or no geography loaded). */
  inside: boolean;
  by: 'boundary' | 'centre' | 'none';
}

/** Point → commune for a tenant: boundary first, then the nearest centre. */
export async function locatePoint(db: Db, tenantId: string, point: LatLng): Promise<Location> {
  const candidates = await db
    .selectFrom('admin_unit_geo as g')
    .innerJoin('admin_units as u', 'u.id', 'g.admin_unit_id')
    .select(['u.id', 'u.name', 'g.boundary'])
    .where('g.tenant_id', '=', tenantId)
    .where('g.boundary', 'is not', null)
    .where('g.min_lat', '<=', point.lat)
    .where('g.max_lat', '>=', point.lat)
    .where('g.min_lng', '<=', point.lng)
    .where('g.max_lng', '>=', point.lng)
    .orderBy('u.code')
    .execute();
  for (const c of candidates) {
    if (insideBoundary(c.boundary as unknown as Boundary, point)) {
      return { commune: { id: c.id, name: c.name }, inside: true, by: 'boundary' };
    }
  }
  const centres = await db
    .selectFrom('admin_unit_geo as g')
    .innerJoin('admin_units as u', 'u.id', 'g.admin_unit_id')
    .select(['u.id', 'u.name', 'g.centre_lat', 'g.centre_lng'])
    .where('g.tenant_id', '=', tenantId)
    .execute();
  // Without any geography the province cannot say where a point is: accept it, unrouted by commune.
  if (centres.length === 0) return { commune: null, inside: true, by: 'none' };
  const nearest = nearestCentre(
    centres.map((c) => ({ id: c.id, name: c.name, centre: { lat: c.centre_lat, lng: c.centre_lng } })),
    point,
  )!;
  if (nearest.distanceM > MAX_CENTRE_DISTANCE_M) return { commune: null, inside: false, by: 'none' };
  return { commune: { id: nearest.commune.id, name: nearest.commune.name }, inside: true, by: 'centre' };
}

export interface MapArea {
  centre: LatLng;
  zoom: number;
  bounds: [[number, number], [number, number]] | null;
}

/** Where the map opens: the box around every commune's centre and boundary. */
export async function tenantMapArea(db: Db, tenantId: string): Promise<MapArea | null> {
  const row = await db
    .selectFrom('admin_unit_geo')
    .select((eb) => [
      eb.fn.min(eb.fn.coalesce('min_lat', 'centre_lat')).as('south'),
      eb.fn.max(eb.fn.coalesce('max_lat', 'centre_lat')).as('north'),
      eb.fn.min(eb.fn.coalesce('min_lng', 'centre_lng')).as('west'),
      eb.fn.max(eb.fn.coalesce('max_lng', 'centre_lng')).as('east'),
    ])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (!row || row.south === null || row.north === null || row.west === null || row.east === null) return null;
  const [south, north, west, east] = [row.south, row.north, row.west, row.east].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const span = Math.max(north - south, east - west);
  // Roughly the Web Mercator zoom at which the span fills a phone screen (~360 px wide).
  const zoom = span <= 0 ? 14 : Math.max(6, Math.min(16, Math.floor(Math.log2(360 / 256 / span) + 8)));
  return {
    centre: { lat: (south + north) / 2, lng: (west + east) / 2 },
    zoom,
    bounds: [
      [south, west],
      [north, east],
    ],
  };
}

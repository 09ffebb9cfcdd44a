import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase, testConfig } from '../../../../test/helpers.js';
import { withTx } from '../../../db/transaction-guard.js';
import { boundingBox, checkBoundary, distanceM, insideBoundary, nearestCentre } from '../geo.js';
import { boxAround } from '../nearby.js';
import { nextReportCode } from '../report-code.js';
import { routeReport } from '../routing.js';
import {
  buildReportsWorld,
  call,
  CENTRES,
  fileReport,
  POINTS,
  squareAround,
  T,
  type ReportsWorld,
} from './reports.test-helpers.js';

describe('geo', () => {
  it('takes the map tiles from MAP_TILE_URL and MAP_TILE_ATTRIBUTION, OpenStreetMap by default', () => {
    expect(testConfig().map).toEqual({
      tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      attribution: '© OpenStreetMap contributors',
    });
    const own = testConfig({
      MAP_TILE_URL: 'https://ban-do.tayninh.gov.vn/{z}/{x}/{y}.png',
      MAP_TILE_ATTRIBUTION: '© Tây Ninh',
    });
    expect(own.map).toEqual({
      tileUrl: 'https://ban-do.tayninh.gov.vn/{z}/{x}/{y}.png',
      attribution: '© Tây Ninh',
    });
  });

  it('measures great-circle distances', () => {
    // One degree of latitude is ~111.2 km everywhere.
    expect(distanceM({ lat: 10, lng: 106 }, { lat: 11, lng: 106 })).toBeGreaterThan(111_000);
    expect(distanceM({ lat: 10, lng: 106 }, { lat: 11, lng: 106 })).toBeLessThan(111_400);
    expect(distanceM(POINTS.a, POINTS.aNear)).toBeLessThan(100);
    expect(distanceM(POINTS.a, POINTS.aFar)).toBeGreaterThan(500);
  });

  it('tests points against a polygon, holes included', () => {
    const square = squareAround(CENTRES.a, 0.03);
    expect(insideBoundary(square, POINTS.a)).toBe(true);
    expect(insideBoundary(square, POINTS.b)).toBe(false);
    const withHole = {
      type: 'Polygon' as const,
      coordinates: [square.coordinates[0]!, squareAround(CENTRES.a, 0.005).coordinates[0]!],
    };
    expect(insideBoundary(withHole, CENTRES.a)).toBe(false);
    expect(insideBoundary(withHole, { lat: CENTRES.a.lat + 0.02, lng: CENTRES.a.lng })).toBe(true);
  });

  it('finds the nearest centre', () => {
    const communes = [
      { id: 'a', name: 'A', centre: CENTRES.a },
      { id: 'c', name: 'C', centre: CENTRES.c },
    ];
    expect(nearestCentre(communes, POINTS.c)?.commune.id).toBe('c');
    expect(nearestCentre(communes, POINTS.b)?.commune.id).toBe('a');
    expect(nearestCentre([], POINTS.a)).toBeNull();
  });

  it('accepts Polygon, MultiPolygon and Features; refuses the rest', () => {
    const square = squareAround(CENTRES.b);
    expect(checkBoundary(square).type).toBe('Polygon');
    expect(checkBoundary({ type: 'Feature', properties: {}, geometry: square }).type).toBe('Polygon');
    const multi = checkBoundary({ type: 'MultiPolygon', coordinates: [square.coordinates] });
    expect(boundingBox(multi)).toEqual({
      minLat: CENTRES.b.lat - 0.03,
      maxLat: CENTRES.b.lat + 0.03,
      minLng: CENTRES.b.lng - 0.03,
      maxLng: CENTRES.b.lng + 0.03,
    });
    const open = { type: 'Polygon', coordinates: [square.coordinates[0]!.slice(0, 4)] };
    for (const bad of [
      null,
      'x',
      { type: 'Point', coordinates: [106, 11] },
      open,
      { type: 'Polygon', coordinates: [] },
    ]) {
      expect(() => checkBoundary(bad)).toThrow(expect.objectContaining({ code: 'REPORT_GEOMETRY_INVALID' }));
    }
  });

  it('boxes a radius so the circle always fits', () => {
    const box = boxAround(POINTS.a, 100);
    for (const bearing of [0, 90, 180, 270, 45]) {
      const rad = (bearing * Math.PI) / 180;
      const p = {
        lat: POINTS.a.lat + (Math.cos(rad) * 100) / 111_320,
        lng: POINTS.a.lng + (Math.sin(rad) * 100) / (111_320 * Math.cos((POINTS.a.lat * Math.PI) / 180)),
      };
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(p.lat).toBeLessThanOrEqual(box.maxLat);
      expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
      expect(p.lng).toBeLessThanOrEqual(box.maxLng);
    }
  });
});

describeEachDatabase('report routing and nearby duplicates', (kind) => {
  let w: ReportsWorld;
  beforeAll(async () => {
    w = await buildReportsWorld(kind);
  });
  afterAll(async () => {
    await w.t.close();
  });

  const route = (categoryId: string, point: { lat: number; lng: number }) =>
    routeReport({ db: w.db, tenantId: T, categoryId, ...point });

  it('routes by the commune whose boundary holds the point', async () => {
    expect(await route(w.categories.tree, POINTS.a)).toMatchObject({
      communeId: w.communes.a,
      agencyId: w.agencies.ubndA,
      inTriage: false,
    });
    expect(await route(w.categories.tree, POINTS.b)).toMatchObject({
      communeId: w.communes.b,
      agencyId: w.agencies.ubndB,
      inTriage: false,
    });
  });

  it('uses the nearest commune centre where no boundary holds the point', async () => {
    const r = await route(w.categories.tree, POINTS.c);
    expect(r.communeId).toBe(w.communes.c);
    expect(r.location.by).toBe('centre');
    // cay-xanh has no rule for C: the commune-only rule applies.
    expect(r.agencyId).toBe(w.agencies.ubndC);
  });

  it('prefers category + commune, then category only, then commune only', async () => {
    // food has a category-only rule (SYT) that beats C's commune-only rule.
    expect((await route(w.categories.food, POINTS.c)).agencyId).toBe(w.agencies.syt);
    expect((await route(w.categories.food, POINTS.a)).agencyId).toBe(w.agencies.syt);
    // A category + commune rule beats the category-only rule.
    await w.db
      .insertInto('report_routing_rules')
      .values({
        tenant_id: T,
        category_id: w.categories.food,
        commune_id: w.communes.a,
        agency_id: w.agencies.ubndA,
      })
      .execute();
    expect((await route(w.categories.food, POINTS.a)).agencyId).toBe(w.agencies.ubndA);
    // Within one level the higher priority wins.
    await w.db
      .insertInto('report_routing_rules')
      .values({
        tenant_id: T,
        category_id: w.categories.food,
        commune_id: w.communes.a,
        agency_id: w.agencies.ioc,
        priority: 5,
      })
      .execute();
    expect((await route(w.categories.food, POINTS.a)).agencyId).toBe(w.agencies.ioc);
    await w.db
      .deleteFrom('report_routing_rules')
      .where('commune_id', '=', w.communes.a)
      .where('category_id', '=', w.categories.food)
      .execute();
  });

  it('sends what no rule matches to the triage queue, unless the category has a default agency', async () => {
    expect(await route(w.categories.other, POINTS.a)).toMatchObject({
      communeId: w.communes.a,
      agencyId: w.agencies.ioc,
      inTriage: true,
    });
    await w.db
      .updateTable('report_categories')
      .set({ default_agency_id: w.agencies.syt })
      .where('id', '=', w.categories.other)
      .execute();
    expect(await route(w.categories.other, POINTS.a)).toMatchObject({
      agencyId: w.agencies.syt,
      inTriage: false,
    });
    await w.db
      .updateTable('report_categories')
      .set({ default_agency_id: null })
      .where('id', '=', w.categories.other)
      .execute();
  });

  it('places a point far from every commune outside the province', async () => {
    const r = await route(w.categories.tree, POINTS.outside);
    expect(r.location.inside).toBe(false);
    expect(r.communeId).toBeNull();
    const res = await call(w, null, {
      method: 'GET',
      url: `/api/reports/locate?lat=${POINTS.outside.lat}&lng=${POINTS.outside.lng}`,
    });
    expect(res.json()).toEqual({ commune: null, address: null });
    const inA = await call(w, null, {
      method: 'GET',
      url: `/api/reports/locate?lat=${POINTS.a.lat}&lng=${POINTS.a.lng}`,
    });
    expect(inA.json()).toEqual({
      commune: { id: w.communes.a, name: 'Phường Tân Ninh' },
      address: 'Phường Tân Ninh, Tỉnh tinh-pa',
    });
  });

  it('numbers reports PA-<yymmdd>-<nnnn> per Vietnam day; a rolled-back number is given back', async () => {
    // 20:00 UTC on 1 March is already 2 March in Viet Nam.
    const at = new Date('2026-03-01T20:00:00Z');
    const first = await withTx(w.db, (tx) => nextReportCode(tx, T, at));
    await expect(
      withTx(w.db, async (tx) => {
        await nextReportCode(tx, T, at);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const second = await nextReportCode(w.db, T, at);
    expect(first).toBe('PA-260302-0001');
    expect(second).toBe('PA-260302-0002');
    expect(await nextReportCode(w.db, T, new Date('2026-03-02T17:00:00Z'))).toBe('PA-260303-0001');
  });

  it('suggests open reports of the same category within the radius only', async () => {
    const original = await fileReport(w);
    const otherCategory = await fileReport(w, { categoryId: w.categories.other });
    const far = await fileReport(w, { lat: POINTS.aFar.lat, lng: POINTS.aFar.lng });
    const closed = await fileReport(w, { lat: POINTS.aNear.lat, lng: POINTS.aNear.lng });
    await w.db.updateTable('reports').set({ state: 'closed' }).where('id', '=', closed.report.id).execute();

    const nearby = async (categoryId: string, point: { lat: number; lng: number }) => {
      const res = await call(w, null, {
        method: 'GET',
        url: `/api/reports/nearby?categoryId=${categoryId}&lat=${point.lat}&lng=${point.lng}`,
      });
      expect(res.statusCode).toBe(200);
      return res.json() as { id: string; distanceM: number; description: string | null; followers: number }[];
    };
    const found = await nearby(w.categories.tree, POINTS.aNear);
    const ids = found.map((r) => r.id);
    expect(ids).toContain(original.report.id);
    expect(ids).not.toContain(otherCategory.report.id);
    expect(ids).not.toContain(far.report.id);
    expect(ids).not.toContain(closed.report.id);
    const hit = found.find((r) => r.id === original.report.id)!;
    expect(hit.distanceM).toBeGreaterThan(20);
    expect(hit.distanceM).toBeLessThan(100);
    expect(Object.keys(hit).sort()).toEqual(
      [
        'code',
        'description',
        'distanceM',
        'followers',
        'id',
        'photoUrl',
        'state',
        'stateLabel',
        'submittedAt',
      ].sort(),
    );
    // From the far point, only the far report is within 100 m.
    expect((await nearby(w.categories.tree, POINTS.aFar)).map((r) => r.id)).toEqual([far.report.id]);

    // Hidden text is never shown; a hidden report is not offered at all.
    await w.db
      .updateTable('reports')
      .set({ description_hidden: true })
      .where('id', '=', original.report.id)
      .execute();
    expect(
      (await nearby(w.categories.tree, POINTS.aNear)).find((r) => r.id === original.report.id)?.description,
    ).toBeNull();
    await w.db
      .updateTable('reports')
      .set({ public_hidden: true })
      .where('id', '=', original.report.id)
      .execute();
    expect((await nearby(w.categories.tree, POINTS.aNear)).map((r) => r.id)).not.toContain(
      original.report.id,
    );
  });
});

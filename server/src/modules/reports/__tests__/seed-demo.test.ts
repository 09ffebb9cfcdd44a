import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, describeEachDatabase, type TestApp } from '../../../../test/helpers.js';
import { DEMO_TENANT_ID, seedDemo } from '../../../db/seed/demo.js';
import { DEFAULT_CATEGORIES } from '../categories-defaults.js';
import { routeReport } from '../routing.js';
import { DEMO_COMMUNE_CENTRES } from '../seed-demo-geo.js';
import { seedDemoReports } from '../seed-demo-reports.js';
import { DEMO_REPORT_ACCOUNTS, IOC_CODE } from '../seed-demo.js';

describeEachDatabase('demo reports seed', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind, { env: { RATE_LIMIT_MAX: '100000' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (
    table: 'report_categories' | 'report_routing_rules' | 'admin_unit_geo' | 'reports',
  ) => {
    const row = await t.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('sets up categories, triage centre, rules and geography, once', async () => {
    const db = t.database.db;
    await seedDemo(db);
    expect(await count('report_categories')).toBe(DEFAULT_CATEGORIES.length);
    expect(await count('admin_unit_geo')).toBe(Object.keys(DEMO_COMMUNE_CENTRES).length);
    const rules = await count('report_routing_rules');
    expect(rules).toBeGreaterThanOrEqual(20);
    const ioc = await db
      .selectFrom('agencies')
      .select(['id', 'name', 'kind'])
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .where('code', '=', IOC_CODE)
      .executeTakeFirstOrThrow();
    expect(ioc).toMatchObject({
      kind: 'coordination_center',
      name: 'Trung tâm Giám sát, điều hành đô thị thông minh tỉnh Tây Ninh',
    });
    const settings = await db
      .selectFrom('report_settings')
      .selectAll()
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .executeTakeFirstOrThrow();
    expect(settings.triage_agency_id).toBe(ioc.id);

    // A fallen tree in Phường Tân Ninh goes to its committee; "khác" to the triage queue.
    const category = async (code: string) =>
      (
        await db
          .selectFrom('report_categories')
          .select('id')
          .where('tenant_id', '=', DEMO_TENANT_ID)
          .where('code', '=', code)
          .executeTakeFirstOrThrow()
      ).id;
    const tanNinh = DEMO_COMMUNE_CENTRES['25459']!;
    const tree = await routeReport({
      db,
      tenantId: DEMO_TENANT_ID,
      categoryId: await category('cay-xanh'),
      ...tanNinh,
    });
    const committee = await db
      .selectFrom('agencies')
      .select('id')
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .where('code', '=', 'UBND-TANNINH')
      .executeTakeFirstOrThrow();
    expect(tree).toMatchObject({ agencyId: committee.id, inTriage: false });
    expect(tree.location.by).toBe('boundary');
    const other = await routeReport({
      db,
      tenantId: DEMO_TENANT_ID,
      categoryId: await category('khac'),
      ...tanNinh,
    });
    expect(other).toMatchObject({ agencyId: ioc.id, inTriage: true });

    await seedDemo(db);
    expect(await count('report_categories')).toBe(DEFAULT_CATEGORIES.length);
    expect(await count('report_routing_rules')).toBe(rules);
  });

  it('adds the report officers and demo reports in several states, with photos, once', async () => {
    const { created } = await seedDemoReports(t.app.ctx, DEMO_TENANT_ID);
    const officers = await t.database.db
      .selectFrom('officers as o')
      .innerJoin('officer_roles as r', 'r.officer_id', 'o.id')
      .innerJoin('agencies as a', 'a.id', 'r.agency_id')
      .select(['o.username', 'r.role', 'a.code'])
      .where('o.tenant_id', '=', DEMO_TENANT_ID)
      .where(
        'o.username',
        'in',
        DEMO_REPORT_ACCOUNTS.map((a) => a.username),
      )
      .orderBy('o.username')
      .execute();
    expect(officers).toEqual([
      { username: 'dieuphoi', role: 'handler', code: 'IOC' },
      { username: 'lanhdao.xa', role: 'supervisor', code: 'UBND-TANNINH' },
      { username: 'xuly.xa', role: 'handler', code: 'UBND-TANNINH' },
    ]);
    expect(created).toBeGreaterThanOrEqual(15);
    const states = await t.database.db
      .selectFrom('reports')
      .select('state')
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .execute();
    expect(new Set(states.map((s) => s.state))).toEqual(
      new Set(['submitted', 'assigned', 'in_progress', 'resolved', 'closed', 'rejected', 'reopened']),
    );
    const photos = await t.database.db
      .selectFrom('report_photos')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .executeTakeFirstOrThrow();
    expect(Number(photos.n)).toBeGreaterThan(created);
    t.app.ctx.tenants.invalidate();
    const feed = await t.app.inject({ url: '/api/reports/feed', headers: { 'x-tenant-id': DEMO_TENANT_ID } });
    expect(feed.statusCode).toBe(200);
    expect(feed.json().total).toBeGreaterThanOrEqual(5);

    expect(await seedDemoReports(t.app.ctx, DEMO_TENANT_ID)).toEqual({ created: 0 });
    expect(await count('reports')).toBe(created);
  });
});

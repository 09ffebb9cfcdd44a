import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, describeEachDatabase, type TestApp } from '../../../../test/helpers.js';
import { DEMO_TENANT_ID, seedDemo } from '../../../db/seed/demo.js';
import { DEMO_PROCEDURES, seedDemoProcedures } from '../../../db/seed/procedures-demo.js';
import { verifyAuditChain } from '../../../platform/audit/audit.js';
import { validateDefinition } from '../../../platform/forms/validate.js';

describeEachDatabase('demo procedure catalog', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(async () => t?.close());

  const procedures = () =>
    t.database.db.selectFrom('procedures').selectAll().where('tenant_id', '=', DEMO_TENANT_ID).execute();

  it('seeds at least 30 real procedures with valid forms, once', async () => {
    await seedDemo(t.database.db);
    const rows = await procedures();
    expect(rows.length).toBe(DEMO_PROCEDURES.length);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const row of rows) {
      const checked = validateDefinition(row.form);
      expect('definition' in checked ? [] : checked.issues, row.code).toEqual([]);
      expect(row.form.fields.length, row.code).toBeGreaterThan(0);
      expect(row.documents.length, row.code).toBeGreaterThan(0);
    }
    const fields = new Set(rows.map((r) => r.field));
    for (const f of ['Hộ tịch', 'Chứng thực', 'Đất đai', 'Xây dựng', 'Lý lịch tư pháp', 'Bảo trợ xã hội']) {
      expect(fields.has(f), f).toBe(true);
    }
    expect(rows.find((r) => r.code === '1.001193')?.name).toBe('Đăng ký khai sinh');
    expect((await verifyAuditChain(t.database.db, DEMO_TENANT_ID)).ok).toBe(true);

    await seedDemo(t.database.db);
    expect((await procedures()).length).toBe(rows.length);
  });

  it('adds the catalog to a demo database created before it existed', async () => {
    await t.database.db.deleteFrom('procedures').where('tenant_id', '=', DEMO_TENANT_ID).execute();
    expect(await seedDemoProcedures(t.database.db, DEMO_TENANT_ID)).toBe(DEMO_PROCEDURES.length);
    await seedDemo(t.database.db);
    expect((await procedures()).length).toBe(DEMO_PROCEDURES.length);
  });

  it('serves the catalog publicly on the demo province', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/procedures?q=${encodeURIComponent('khai sinh')}`,
      headers: { 'x-tenant-id': DEMO_TENANT_ID },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ code: '1.001193', name: 'Đăng ký khai sinh' });
  });
});

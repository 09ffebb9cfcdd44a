import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, describeEachDatabase, type TestApp } from '../../../../test/helpers.js';
import { toCount } from '../../../db/pg-types.js';
import { ROLES } from '../../../db/schema.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TENANT_ID, seedDemo } from '../../../db/seed/demo.js';
import { NATIONAL_HOLIDAYS, seedNationalHolidays } from '../../../db/seed/holidays.js';
import { verifyAuditChain } from '../../../platform/audit/audit.js';
import { verifyPassword } from '../../../platform/auth/passwords.js';
import { localInstant } from '../../../platform/calendar/working-days.js';
import { tokenFor } from './tenancy.test-helpers.js';

describeEachDatabase('demo data, national holidays and the province calendar', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
  });
  afterAll(async () => t?.close());

  const count = async (table: 'admin_units' | 'agencies' | 'officers' | 'agency_communes') => {
    const row = await t.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .executeTakeFirstOrThrow();
    return toCount(row.n);
  };

  it('seeds one province with ≥ 10 communes, ≥ 8 agencies and one officer per role, once', async () => {
    expect(await seedDemo(t.database.db)).toEqual({ created: true });
    const counts = {
      units: await count('admin_units'),
      agencies: await count('agencies'),
      officers: await count('officers'),
      served: await count('agency_communes'),
    };
    expect(counts.units).toBeGreaterThanOrEqual(11);
    expect(counts.agencies).toBeGreaterThanOrEqual(8);
    expect(await seedDemo(t.database.db)).toEqual({ created: false });
    expect({
      units: await count('admin_units'),
      agencies: await count('agencies'),
      officers: await count('officers'),
      served: await count('agency_communes'),
    }).toEqual(counts);

    const roles = await t.database.db
      .selectFrom('officer_roles')
      .select('role')
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .execute();
    expect(roles.map((r) => r.role).sort()).toEqual([...ROLES].sort());
    const officer = await t.database.db
      .selectFrom('officers')
      .select('password_hash')
      .where('username', '=', 'admin.tinh')
      .executeTakeFirstOrThrow();
    expect(await verifyPassword(officer.password_hash, DEMO_PASSWORD)).toBe(true);
  });

  it('serves the demo province on localhost with the utility catalogue in order', async () => {
    t.app.ctx.tenants.invalidate();
    const res = await t.app.inject({ url: '/api/tenant', headers: { host: 'localhost:3000' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: 'tay-ninh', code: '80', name: 'Tỉnh Tây Ninh' });
    expect(res.json().utilities).toHaveLength(14);
    expect(res.json().hotlines.map((h: { phone: string }) => h.phone)).toEqual(['113', '114', '115', '1022']);
    const units = await t.app.inject({
      url: '/api/admin-units?level=commune&q=tan ninh',
      headers: { host: 'localhost' },
    });
    expect(units.json().items[0]).toMatchObject({ code: '25459', name: 'Phường Tân Ninh' });
    const agencies = await t.app.inject({
      url: '/api/agencies?q=so nong nghiep',
      headers: { host: 'localhost' },
    });
    expect(agencies.json().items[0].name).toBe('Sở Nông nghiệp và Môi trường');
  });

  it('gives every demo account its role, visible to the province admin', async () => {
    const admin = await t.database.db
      .selectFrom('officers')
      .select('id')
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .where('username', '=', 'admin.tinh')
      .executeTakeFirstOrThrow();
    const token = await tokenFor(t.database.db, DEMO_TENANT_ID, admin.id);
    const res = await t.app.inject({
      url: '/api/admin/officers',
      headers: { host: 'localhost', authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const byUsername = new Map(
      res
        .json()
        .items.map((o: { username: string; roles: { role: string }[] }) => [o.username, o.roles[0]?.role]),
    );
    for (const account of DEMO_ACCOUNTS) expect(byUsername.get(account.username)).toBe(account.role);
  });

  it('seeds the national holidays idempotently and repairs changed rows', async () => {
    const total = Object.values(NATIONAL_HOLIDAYS).flat().length;
    expect(await seedNationalHolidays(t.database.db)).toEqual({ added: total, updated: 0, removed: 0 });
    expect(await seedNationalHolidays(t.database.db)).toEqual({ added: 0, updated: 0, removed: 0 });
    await t.database.db
      .insertInto('holidays')
      .values({ tenant_id: null, day: '2026-03-03', name: 'Không có thật', kind: 'off' })
      .execute();
    await t.database.db
      .updateTable('holidays')
      .set({ name: 'Sửa tay' })
      .where('day', '=', '2026-02-17')
      .execute();
    expect(await seedNationalHolidays(t.database.db)).toEqual({ added: 0, updated: 1, removed: 1 });
  });

  it("manages the province's own days and uses them for deadlines", async () => {
    const admin = await t.database.db
      .selectFrom('officers')
      .select('id')
      .where('username', '=', 'admin.tinh')
      .executeTakeFirstOrThrow();
    const headers = {
      host: 'localhost',
      authorization: `Bearer ${await tokenFor(t.database.db, DEMO_TENANT_ID, admin.id)}`,
    };
    const calendar = t.app.ctx.calendar;
    // Friday 6/3/2026, 1 working day → Monday 9/3.
    const start = localInstant('2026-03-06', '09:00');
    expect((await calendar.forTenant(DEMO_TENANT_ID)).addWorkingDays(start, 1)).toEqual(
      localInstant('2026-03-09', '17:00'),
    );

    const added = await t.app.inject({
      method: 'POST',
      url: '/api/admin/holidays',
      headers,
      payload: { day: '2026-03-09', name: 'Ngày nghỉ của tỉnh (thử)', kind: 'off' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ day: '2026-03-09', national: false });
    expect((await calendar.forTenant(DEMO_TENANT_ID)).addWorkingDays(start, 1)).toEqual(
      localInstant('2026-03-10', '17:00'),
    );
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/admin/holidays',
      headers,
      payload: added.json(),
    });
    expect(again.statusCode).toBe(400); // id and national are not accepted fields
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/admin/holidays',
      headers,
      payload: { day: '2026-03-09', name: 'Lần hai', kind: 'off' },
    });
    expect(duplicate.json().error.code).toBe('HOLIDAY_EXISTS');

    const list = await t.app.inject({ url: '/api/admin/holidays?year=2026', headers });
    const items = list.json().items as { id: string; day: string; national: boolean }[];
    expect(items.filter((h) => h.national)).toHaveLength(NATIONAL_HOLIDAYS[2026]!.length);
    const national = items.find((h) => h.national)!;
    const refused = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/holidays/${national.id}`,
      headers,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('HOLIDAY_NATIONAL_READONLY');
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/holidays/${added.json().id}`,
      headers,
    });
    expect(removed.statusCode).toBe(204);
    expect((await calendar.forTenant(DEMO_TENANT_ID)).addWorkingDays(start, 1)).toEqual(
      localInstant('2026-03-09', '17:00'),
    );

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('tenant_id', '=', DEMO_TENANT_ID)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['holiday.create', 'holiday.delete']);
    expect((await verifyAuditChain(t.database.db, DEMO_TENANT_ID)).ok).toBe(true);
  });
});

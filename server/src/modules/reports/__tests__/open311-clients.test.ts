import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { buildReportsWorld, call, newCitizen, T, type ReportsWorld } from './reports.test-helpers.js';

/** Province admins issue, list and revoke Open311 API keys; nobody else may. */
describeEachDatabase('Open311 clients (console)', (kind) => {
  let w: ReportsWorld;
  beforeAll(async () => {
    w = await buildReportsWorld(kind);
  }, 60_000);
  afterAll(async () => w?.t.close());

  const admin = () => w.officers.admin.token;

  it('issues a key once, stores only its hash, lists and revokes it with audit rows', async () => {
    const created = await call(w, admin(), {
      method: 'POST',
      url: '/api/admin/open311-clients',
      payload: { name: 'Ứng dụng Đường dây nóng 1022' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const client = created.json() as { id: string; key: string; keyPrefix: string; revokedAt: string | null };
    expect(client.key).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(client.key.startsWith(client.keyPrefix)).toBe(true);
    expect(client.revokedAt).toBeNull();

    const row = await w.db
      .selectFrom('open311_clients')
      .selectAll()
      .where('id', '=', client.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(createHash('sha256').update(client.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(client.key);

    const list = await call(w, admin(), { method: 'GET', url: '/api/admin/open311-clients' });
    expect(list.statusCode).toBe(200);
    const items = (list.json() as { items: Record<string, unknown>[] }).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: client.id,
      name: 'Ứng dụng Đường dây nóng 1022',
      keyPrefix: client.keyPrefix,
    });
    expect(items[0]).not.toHaveProperty('key');
    expect(list.body).not.toContain(client.key);

    const again = await call(w, admin(), {
      method: 'POST',
      url: '/api/admin/open311-clients',
      payload: { name: 'Ứng dụng Đường dây nóng 1022' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'OPEN311_CLIENT_EXISTS' } });

    const revoked = await call(w, admin(), {
      method: 'DELETE',
      url: `/api/admin/open311-clients/${client.id}`,
    });
    expect(revoked.statusCode).toBe(200);
    expect((revoked.json() as { revokedAt: string | null }).revokedAt).not.toBeNull();

    const audit = await w.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('tenant_id', '=', T)
      .where('entity_id', '=', client.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['open311.client.create', 'open311.client.revoke']);
    expect(JSON.stringify(audit)).not.toContain(client.key);

    const missing = await call(w, admin(), {
      method: 'DELETE',
      url: '/api/admin/open311-clients/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'OPEN311_CLIENT_NOT_FOUND' } });
  });

  it('refuses officers who are not province admins, citizens and strangers', async () => {
    const citizen = await newCitizen(w);
    for (const token of [w.officers.handlerA.token, w.officers.rootSupervisor.token, citizen.token]) {
      const list = await call(w, token, { method: 'GET', url: '/api/admin/open311-clients' });
      expect(list.statusCode).toBe(403);
      const issue = await call(w, token, {
        method: 'POST',
        url: '/api/admin/open311-clients',
        payload: { name: 'Không được phép' },
      });
      expect(issue.statusCode).toBe(403);
    }
    const anonymous = await call(w, null, { method: 'GET', url: '/api/admin/open311-clients' });
    expect(anonymous.statusCode).toBe(401);
    const count = await w.db
      .selectFrom('open311_clients')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

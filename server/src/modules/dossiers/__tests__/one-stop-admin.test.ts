import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { createSession } from '../../../platform/auth/sessions.js';
import { signOneStop } from '../one-stop-secrets.js';
import { B, buildWorld, call, type World } from './one-stop-fixtures.test-helpers.js';

describeEachDatabase('one-stop integration: console management', (kind) => {
  let w: World;
  const url = '/api/admin/integrations/one-stop';

  beforeAll(async () => {
    w = await buildWorld(kind);
  });
  afterAll(async () => w?.t.close());

  const probe = (id: string, secret: string) => {
    const raw = JSON.stringify({
      eventId: 'probe',
      externalId: 'none',
      eventTime: '2026-01-04T02:00:00Z',
      kind: 'received',
    });
    const ts = String(Math.floor(Date.now() / 1000));
    return w.t.app.inject({
      method: 'POST',
      url: '/api/integrations/one-stop/events',
      payload: raw,
      headers: {
        'content-type': 'application/json',
        'x-integration-id': id,
        'x-timestamp': ts,
        'x-signature': signOneStop(secret, ts, raw),
      },
    });
  };

  it('shows the secret once, stores it sealed, and a rotation makes the old one useless', async () => {
    const created = await call(w, {
      method: 'POST',
      url,
      token: w.admin.token,
      payload: { name: 'iGate Tây Ninh' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { id, secret } = created.json() as { id: string; secret: string };
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await w.db
      .selectFrom('one_stop_integrations')
      .select('secret_sealed')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_sealed).not.toContain(secret);

    const list = await call(w, { method: 'GET', url, token: w.admin.token });
    expect(list.json().items).toEqual([
      { id, name: 'iGate Tây Ninh', enabled: true, createdAt: expect.any(String) },
    ]);
    expect(list.body).not.toContain(secret);

    expect((await probe(id, secret)).statusCode).toBe(200);
    const rotated = await call(w, { method: 'POST', url: `${url}/${id}/rotate`, token: w.admin.token });
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json().secret as string;
    expect(fresh).not.toBe(secret);
    expect((await probe(id, secret)).statusCode).toBe(401);
    expect((await probe(id, fresh)).statusCode).toBe(200);

    const dup = await call(w, {
      method: 'POST',
      url,
      token: w.admin.token,
      payload: { name: 'iGate Tây Ninh' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('INTEGRATION_EXISTS');
  });

  it('is for province admins of the same province only', async () => {
    expect((await call(w, { method: 'GET', url, token: w.handlerToken })).statusCode).toBe(403);
    expect((await call(w, { method: 'GET', url })).statusCode).toBe(401);
    const { id } = (
      await call(w, { method: 'POST', url, token: w.admin.token, payload: { name: 'Hệ thống khác' } })
    ).json() as { id: string };
    const bAdmin = await w.db
      .selectFrom('officers')
      .select('id')
      .where('tenant_id', '=', B)
      .executeTakeFirstOrThrow();
    const token = (
      await createSession(w.db, { tenantId: B, subjectType: 'officer', subjectId: bAdmin.id, ttlHours: 1 })
    ).token;
    const foreign = await call(w, { method: 'POST', url: `${url}/${id}/rotate`, token, tenant: B });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('INTEGRATION_NOT_FOUND');
    const list = await call(w, { method: 'GET', url, token, tenant: B });
    expect(list.json().items).toEqual([]);
  });
});

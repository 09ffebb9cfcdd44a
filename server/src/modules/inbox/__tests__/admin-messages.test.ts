import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { verifyAuditChain } from '../../../platform/audit/audit.js';
import { A, B, buildInboxWorld, call, newCitizen, type InboxWorld } from './inbox.test-helpers.js';

describeEachDatabase('Officers sending a message to a citizen', (kind) => {
  let w: InboxWorld;
  beforeAll(async () => {
    w = await buildInboxWorld(kind);
  });
  afterAll(async () => w?.t.close());

  const post = (payload: object, token = w.officers.admin.token, tenant = A) =>
    call(w, tenant, token, { method: 'POST', url: '/api/admin/messages', payload });

  it('reaches the citizen by phone in any common form, with a link, and audits it without the body', async () => {
    const c = await newCitizen(w);
    const international = `+84 ${c.phone.slice(1, 4)} ${c.phone.slice(4)}`;
    const link = { page: 'ho-so', params: { code: 'HS-2026-0001' } };
    const res = await post({
      phone: international,
      title: 'Mời nhận kết quả',
      body: 'Kết quả hồ sơ của ông/bà đã có tại Trung tâm phục vụ hành chính công.',
      link,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(String), citizenId: c.id });

    const items = (await call(w, A, c.token, { url: '/api/me/inbox' })).json().items;
    expect(items).toEqual([
      expect.objectContaining({
        id: res.json().id,
        type: 'officer_message',
        title: 'Mời nhận kết quả',
        link,
      }),
    ]);

    const audit = await w.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', A)
      .where('action', '=', 'citizen.message_sent')
      .where('entity_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_type: 'officer',
      actor_id: w.officers.admin.id,
      entity_type: 'citizen',
    });
    expect(audit.data).toMatchObject({
      messageId: res.json().id,
      title: 'Mời nhận kết quả',
      linkPage: 'ho-so',
    });
    expect(JSON.stringify(audit.data)).not.toContain('Trung tâm phục vụ');
    expect((await verifyAuditChain(w.db, A)).ok).toBe(true);
  });

  it('reaches the citizen by id, and editors may send too', async () => {
    const c = await newCitizen(w);
    const res = await post(
      { citizenId: c.id, title: 'Thông báo', body: 'Lịch tiếp công dân.' },
      w.officers.editor.token,
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().citizenId).toBe(c.id);
    const row = await w.db
      .selectFrom('inbox_messages')
      .select(['created_by_officer_id', 'legal'])
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ created_by_officer_id: w.officers.editor.id, legal: false });
  });

  it('is refused to a handler and to citizens', async () => {
    const c = await newCitizen(w);
    const payload = { citizenId: c.id, title: 'x', body: 'y' };
    const handler = await post(payload, w.officers.handler.token);
    expect(handler.statusCode).toBe(403);
    expect(handler.json().error.code).toBe('FORBIDDEN');
    expect((await post(payload, c.token)).statusCode).toBe(403);
    expect((await post(payload, '')).statusCode).toBe(401);
    const sent = await w.db
      .selectFrom('inbox_messages')
      .select('id')
      .where('citizen_id', '=', c.id)
      .execute();
    expect(sent).toEqual([]);
  });

  it('answers 404 for an unknown phone and for a citizen of another province', async () => {
    const unknown = await post({ phone: '0399999999', title: 'x', body: 'y' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CITIZEN_NOT_FOUND');
    const elsewhere = await newCitizen(w, B);
    const byId = await post({ citizenId: elsewhere.id, title: 'x', body: 'y' });
    expect(byId.statusCode).toBe(404);
    const byPhone = await post({ phone: elsewhere.phone, title: 'x', body: 'y' });
    expect(byPhone.statusCode).toBe(404);
    // Province B's own admin reaches them.
    expect(
      (await post({ phone: elsewhere.phone, title: 'x', body: 'y' }, w.officers.bAdmin.token, B)).statusCode,
    ).toBe(201);
  });

  it('validates the recipient, the text and the link', async () => {
    const c = await newCitizen(w);
    const cases: [object, string][] = [
      [{ title: 'x', body: 'y' }, 'VALIDATION_FAILED'],
      [{ citizenId: c.id, phone: c.phone, title: 'x', body: 'y' }, 'VALIDATION_FAILED'],
      [{ phone: '0123 456 789', title: 'x', body: 'y' }, 'PHONE_INVALID'],
      [{ citizenId: c.id, title: 't'.repeat(201), body: 'y' }, 'VALIDATION_FAILED'],
      [{ citizenId: c.id, title: '   ', body: 'y' }, 'VALIDATION_FAILED'],
      [{ citizenId: c.id, title: 'x', body: 'b'.repeat(4001) }, 'VALIDATION_FAILED'],
      [{ citizenId: c.id, title: 'x', body: 'y', link: { page: 'Ho So', params: {} } }, 'VALIDATION_FAILED'],
      [
        {
          citizenId: c.id,
          title: 'x',
          body: 'y',
          link: { page: 'ho-so', params: { code: { nested: 'x' } } },
        },
        'VALIDATION_FAILED',
      ],
      [
        {
          citizenId: c.id,
          title: 'x',
          body: 'y',
          link: {
            page: 'ho-so',
            params: Object.fromEntries([...Array(11).keys()].map((i) => [`p${i}`, 'v'])),
          },
        },
        'VALIDATION_FAILED',
      ],
      [
        {
          citizenId: c.id,
          title: 'x',
          body: 'y',
          link: { page: 'ho-so', params: { code: 'c'.repeat(201) } },
        },
        'VALIDATION_FAILED',
      ],
      [{ citizenId: c.id, title: 'x', body: 'y', extra: true }, 'VALIDATION_FAILED'],
    ];
    for (const [payload, code] of cases) {
      const res = await post(payload);
      expect({ payload, status: res.statusCode, code: res.json().error?.code }).toEqual({
        payload,
        status: 400,
        code,
      });
    }
    const sent = await w.db
      .selectFrom('inbox_messages')
      .select('id')
      .where('citizen_id', '=', c.id)
      .execute();
    expect(sent).toEqual([]);
  });
});

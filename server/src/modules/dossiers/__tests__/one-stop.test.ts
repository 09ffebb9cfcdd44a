import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { signOneStop } from '../one-stop-secrets.js';
import { buildWorld, call, PROCEDURE_CODE, type World } from './one-stop-fixtures.test-helpers.js';

describeEachDatabase('one-stop integration: signed API', (kind) => {
  let w: World;
  let integration: { id: string; secret: string };
  let seq = 0;

  const post = (
    path: 'dossiers' | 'events',
    body: unknown,
    o: { secret?: string; timestamp?: number; signature?: string | null; id?: string } = {},
  ) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
    const signature =
      o.signature === undefined ? signOneStop(o.secret ?? integration.secret, timestamp, raw) : o.signature;
    return w.t.app.inject({
      method: 'POST',
      url: `/api/integrations/one-stop/${path}`,
      payload: raw,
      headers: {
        'content-type': 'application/json',
        'x-integration-id': o.id ?? integration.id,
        'x-timestamp': timestamp,
        ...(signature === null ? {} : { 'x-signature': signature }),
      },
    });
  };
  const dossierBody = (extra: Record<string, unknown> = {}) => {
    seq += 1;
    return {
      externalId: `ext-${seq}`,
      code: `000.00.30.H55-260104-${String(seq).padStart(4, '0')}`,
      procedureCode: PROCEDURE_CODE,
      agencyCode: '000.00.30.H55',
      applicant: {
        name: 'Lê Văn Hưởng',
        phone: '0987000111',
        idNumber: '072090001111',
        address: 'Ấp Bình Hòa',
      },
      submittedAt: '2026-01-04T01:00:00Z',
      status: 'submitted',
      ...extra,
    };
  };
  const event = (externalId: string, eventId: string, eventTime: string, kind: string, extra = {}) => ({
    eventId,
    externalId,
    eventTime,
    kind,
    note: null,
    ...extra,
  });
  const counts = async () => ({
    dossiers: Number(
      (
        await w.db
          .selectFrom('dossiers')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    events: Number(
      (
        await w.db
          .selectFrom('one_stop_events')
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });
  const dossierOf = (externalId: string) =>
    w.db.selectFrom('dossiers').selectAll().where('external_id', '=', externalId).executeTakeFirstOrThrow();

  beforeAll(async () => {
    w = await buildWorld(kind);
    const res = await call(w, {
      method: 'POST',
      url: '/api/admin/integrations/one-stop',
      token: w.admin.token,
      payload: { name: 'Một cửa điện tử Tây Ninh' },
    });
    expect(res.statusCode).toBe(201);
    integration = res.json();
  });
  afterAll(async () => w?.t.close());

  it('accepts a well-signed dossier, keeps their code, and answers a replay with the same dossier', async () => {
    const body = dossierBody();
    const res = await post('dossiers', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ code: body.code, created: true, linked: false });
    const row = await dossierOf(body.externalId);
    expect(row).toMatchObject({ channel: 'one_stop', status: 'submitted', integration_id: integration.id });
    const again = await post('dossiers', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: row.id, created: false });
    const unknown = await post('dossiers', dossierBody({ procedureCode: '9.999999' }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('PROCEDURE_NOT_FOUND');
  });

  it('refuses bad, missing, foreign and stale signatures with 401 and stores nothing', async () => {
    const before = await counts();
    const body = dossierBody();
    const cases = [
      { o: { signature: 'ab'.repeat(32) }, code: 'ONE_STOP_SIGNATURE_INVALID' },
      { o: { signature: null }, code: 'ONE_STOP_SIGNATURE_INVALID' },
      { o: { secret: 'not-the-secret' }, code: 'ONE_STOP_SIGNATURE_INVALID' },
      { o: { id: '00000000-0000-4000-8000-000000000000' }, code: 'ONE_STOP_SIGNATURE_INVALID' },
      { o: { timestamp: Math.floor(Date.now() / 1000) - 301 }, code: 'ONE_STOP_STALE' },
      { o: { timestamp: Math.floor(Date.now() / 1000) + 400 }, code: 'ONE_STOP_STALE' },
    ];
    for (const c of cases) {
      const res = await post('dossiers', body, c.o);
      expect(res.statusCode, JSON.stringify(c.o)).toBe(401);
      expect(res.json().error.code).toBe(c.code);
      const ev = await post(
        'events',
        event(body.externalId, `e-bad-${seq}`, '2026-01-04T02:00:00Z', 'received'),
        c.o,
      );
      expect(ev.statusCode).toBe(401);
    }
    // A signature over other bytes (the body changed in transit) is refused too.
    const ts = String(Math.floor(Date.now() / 1000));
    const tampered = await post(
      'dossiers',
      { ...body, code: 'X' },
      { signature: signOneStop(integration.secret, ts, JSON.stringify(body)), timestamp: Number(ts) },
    );
    expect(tampered.statusCode).toBe(401);
    // Garbage from a stranger is a signature problem, not a parse error.
    expect((await post('dossiers', '{not json', { signature: null })).statusCode).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('a well-signed but invalid body is a 400, and a disabled integration is refused', async () => {
    const res = await post('events', { eventId: 'x' });
    expect(res.statusCode).toBe(400);
    const off = await call(w, {
      method: 'PATCH',
      url: `/api/admin/integrations/one-stop/${integration.id}`,
      token: w.admin.token,
      payload: { enabled: false },
    });
    expect(off.json().enabled).toBe(false);
    expect((await post('dossiers', dossierBody())).statusCode).toBe(401);
    await call(w, {
      method: 'PATCH',
      url: `/api/admin/integrations/one-stop/${integration.id}`,
      token: w.admin.token,
      payload: { enabled: true },
    });
  });

  it('applies a duplicate event once', async () => {
    const body = dossierBody();
    await post('dossiers', body);
    const e = event(body.externalId, `dup-${seq}`, '2026-01-04T02:00:00Z', 'received', {
      dueAt: '2026-01-09T10:00:00Z',
    });
    const first = await post('events', e);
    expect(first.json()).toEqual({ duplicate: false, applied: true });
    const second = await post('events', e);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ duplicate: true, applied: false });
    const row = await dossierOf(body.externalId);
    expect(row.status).toBe('received');
    expect(row.due_at?.toISOString()).toBe('2026-01-09T10:00:00.000Z');
    const receipts = await w.db
      .selectFrom('dossier_events')
      .select('id')
      .where('dossier_id', '=', row.id)
      .where('action', '=', 'receive')
      .execute();
    expect(receipts).toHaveLength(1);
  });

  it('ends in the status of the latest event when events arrive out of order, timeline in event time', async () => {
    const body = dossierBody();
    const x = body.externalId;
    // An event before its dossier waits; then the newest, then two older ones arrive late.
    expect((await post('events', event(x, `${x}-1`, '2026-01-04T02:00:00Z', 'received'))).json()).toEqual({
      duplicate: false,
      applied: false,
    });
    await post('dossiers', body);
    expect((await dossierOf(x)).status).toBe('received');
    await post(
      'events',
      event(x, `${x}-4`, '2026-01-06T08:00:00Z', 'result_ready', { note: 'Đã ký kết quả' }),
    );
    await post('events', event(x, `${x}-2`, '2026-01-05T01:00:00Z', 'processing'));
    await post(
      'events',
      event(x, `${x}-3`, '2026-01-05T03:00:00Z', 'supplement_requested', { items: ['Bản sao CCCD'] }),
    );
    const row = await dossierOf(x);
    expect(row.status).toBe('result_ready');
    expect(row.completed_at?.toISOString()).toBe('2026-01-06T08:00:00.000Z');

    const lookup = await call(w, {
      method: 'GET',
      url: '/api/dossiers/lookup',
      query: { code: body.code, secret: row.lookup_secret },
    });
    expect(lookup.statusCode).toBe(200);
    const timeline = lookup.json().timeline as { at: string; toStatus: string }[];
    expect(timeline.map((t) => [t.at, t.toStatus])).toEqual([
      ['2026-01-04T01:00:00.000Z', 'submitted'],
      ['2026-01-04T02:00:00.000Z', 'received'],
      ['2026-01-05T01:00:00.000Z', 'processing'],
      ['2026-01-05T03:00:00.000Z', 'supplement_requested'],
      ['2026-01-06T08:00:00.000Z', 'result_ready'],
    ]);
    // A late, older event did not move the status back.
    await post('events', event(x, `${x}-5`, '2026-01-05T09:00:00Z', 'processing'));
    expect((await dossierOf(x)).status).toBe('result_ready');
  });

  it("links a dossier to the citizen who verified the applicant's phone, who is told of the result", async () => {
    const citizen = await w.db
      .insertInto('citizens')
      .values({
        tenant_id: 'tinh-a',
        zalo_id: 'z-one-stop',
        display_name: 'Hưởng',
        phone: '0987000222',
        phone_verified_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // An unverified number is not enough to receive someone's dossier.
    await w.db
      .insertInto('citizens')
      .values({ tenant_id: 'tinh-a', zalo_id: 'z-unverified', display_name: 'Khác', phone: '0987000333' })
      .execute();
    const unverified = await post(
      'dossiers',
      dossierBody({ applicant: { name: 'Người khác', phone: '0987000333' } }),
    );
    expect(unverified.json().linked).toBe(false);

    const body = dossierBody({
      status: 'processing',
      applicant: { name: 'Lê Văn Hưởng', phone: '+84 987 000 222' },
    });
    const res = await post('dossiers', body);
    expect(res.json().linked).toBe(true);
    const row = await dossierOf(body.externalId);
    expect(row.citizen_id).toBe(citizen.id);
    expect(row.status).toBe('processing');

    await post(
      'events',
      event(body.externalId, `${body.externalId}-r`, new Date().toISOString(), 'result_ready'),
    );
    const inbox = await w.db
      .selectFrom('inbox_messages')
      .select(['type', 'body', 'title'])
      .where('citizen_id', '=', citizen.id)
      .execute();
    const types = inbox.map((m) => m.type);
    expect(types).toContain('dossier.result_ready');
    expect(
      inbox.find((m) => m.type === 'dossier.result_ready')!.body +
        inbox.find((m) => m.type === 'dossier.result_ready')!.title,
    ).toContain(body.code);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { B, buildWorld, call, insertDossier, type World } from './one-stop-fixtures.test-helpers.js';

describeEachDatabase('GET /api/dossiers/lookup', (kind) => {
  let w: World;
  let dossier: { id: string; code: string; secret: string };
  let ip = 0;
  // Each test asks from its own address so the per-client limit of one test never touches another.
  const lookup = (query: Record<string, string>, options: { tenant?: string; remoteAddress?: string } = {}) =>
    call(w, {
      method: 'GET',
      url: '/api/dossiers/lookup',
      query,
      tenant: options.tenant,
      remoteAddress: options.remoteAddress ?? `10.0.0.${++ip}`,
    });

  beforeAll(async () => {
    w = await buildWorld(kind);
    dossier = await insertDossier(w);
  });
  afterAll(async () => w?.t.close());

  it('finds a dossier by code and the last four digits of the phone', async () => {
    const res = await lookup({ code: dossier.code, phoneLast4: '5678' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      code: dossier.code,
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
      agency: { name: 'Ủy ban nhân dân phường Tân Ninh' },
      status: 'received',
      submittedAt: '2026-01-05T02:00:00.000Z',
      receivedAt: '2026-01-05T02:30:00.000Z',
      dueAt: '2026-01-08T10:00:00.000Z',
      completedAt: null,
    });
    expect(body.nextStep).toMatch(/tiếp nhận/);
    // Only public entries, in time order; the internal note stays in the console.
    expect(body.timeline).toEqual([
      { at: '2026-01-05T02:00:00.000Z', action: 'submit', toStatus: 'submitted', note: null },
      { at: '2026-01-05T02:30:00.000Z', action: 'receive', toStatus: 'received', note: 'Đã nhận đủ giấy tờ' },
    ]);
    // Nothing personal beyond the shape: no phone, ID number, name or address.
    const raw = res.body;
    for (const secretish of [
      '0912345678',
      '072188001234',
      'Nguyễn',
      'Hiệp Nghĩa',
      dossier.secret,
      dossier.id,
    ]) {
      expect(raw).not.toContain(secretish);
    }
    expect(Object.keys(body).sort()).toEqual(
      [
        'agency',
        'code',
        'completedAt',
        'dueAt',
        'nextStep',
        'procedure',
        'receivedAt',
        'status',
        'submittedAt',
        'timeline',
      ].sort(),
    );
  });

  it('finds a dossier by code and the secret of its QR', async () => {
    const res = await lookup({ code: dossier.code, secret: dossier.secret });
    expect(res.statusCode).toBe(200);
    expect(res.json().code).toBe(dossier.code);
  });

  it('answers a wrong code, phone or secret exactly like a missing dossier', async () => {
    const missing = await lookup({ code: 'KHONG-CO-0001', phoneLast4: '5678' });
    expect(missing.statusCode).toBe(404);
    const attempts: Record<string, string>[] = [
      { code: dossier.code, phoneLast4: '1234' },
      { code: dossier.code, secret: 'wrong-secret' },
      { code: dossier.code, secret: dossier.secret.slice(0, -1) },
      { code: 'KHONG-CO-0001', secret: dossier.secret },
      { code: dossier.code },
    ];
    for (const query of attempts) {
      const res = await lookup(query);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(missing.body);
      expect(res.json().error.code).toBe('DOSSIER_NOT_FOUND');
    }
    // Another province cannot see it, even with the right secret.
    const other = await lookup({ code: dossier.code, secret: dossier.secret }, { tenant: B });
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
  });

  it('never opens a dossier without a phone by a phone suffix', async () => {
    const noPhone = await insertDossier(w, { phone: null });
    expect((await lookup({ code: noPhone.code, phoneLast4: '0000' })).statusCode).toBe(404);
    expect((await lookup({ code: noPhone.code, secret: noPhone.secret })).statusCode).toBe(200);
  });

  it('answers 429 RATE_LIMITED after 10 attempts a minute from one address, whatever the tenant', async () => {
    const remoteAddress = '192.0.2.77';
    for (let i = 0; i < 10; i++) {
      const res = await lookup(
        { code: dossier.code, phoneLast4: String(1000 + i) },
        { remoteAddress, tenant: i % 2 ? B : undefined },
      );
      expect(res.statusCode).toBe(404);
    }
    const limited = await lookup({ code: dossier.code, phoneLast4: '5678' }, { remoteAddress });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // Another client is not affected.
    expect((await lookup({ code: dossier.code, phoneLast4: '5678' })).statusCode).toBe(200);
  });
});

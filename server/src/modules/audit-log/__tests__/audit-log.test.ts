import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { withTx } from '../../../db/transaction-guard.js';
import { appendAudit, type AuditEntry as NewEntry } from '../../../platform/audit/audit.js';
import { buildWorld, call, type World } from '../../tenancy/__tests__/tenancy.test-helpers.js';

interface Entry {
  seq: number;
  at: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
  hash: string;
}

describeEachDatabase('The audit log viewer', (kind) => {
  let w: World;
  const citizenId = '6f1c0a52-3d1e-4d7a-9a55-0d6f0c1b2e11';
  const audit = (entry: NewEntry) => withTx(w.t.database.db, (tx) => appendAudit(tx, entry));
  const get = (
    query = '',
    token: string | null = w.tokens.provAdmin,
    tenant: 'tinh-a' | 'tinh-b' = 'tinh-a',
  ) => call(w, tenant, token, { url: `/api/admin/audit${query}` });
  const all = async (query = '') => (await get(query)).json().items as Entry[];

  beforeAll(async () => {
    w = await buildWorld(kind);
    const officer = (id: string) => ({ type: 'officer' as const, id });
    await audit({
      tenantId: 'tinh-a',
      actor: officer(w.officers.tgplHandler),
      action: 'officer.login',
      entityType: 'officer',
      entityId: w.officers.tgplHandler,
    });
    await audit({
      tenantId: 'tinh-a',
      actor: { type: 'citizen', id: citizenId },
      action: 'citizen.deleted',
      entityType: 'citizen',
      entityId: citizenId,
      data: { hadZalo: true },
    });
    await audit({
      tenantId: 'tinh-a',
      actor: { type: 'system', id: null },
      action: 'jobs.pruned',
      entityType: 'jobs',
      data: { removed: 3, queues: ['sms', 'zalo'] },
    });
    const created = await call(w, 'tinh-a', w.tokens.provAdmin, {
      method: 'POST',
      url: '/api/admin/agencies',
      payload: { code: 'SYT', name: 'Sở Y tế', kind: 'department', parentId: w.agencies.ubnd },
    });
    expect(created.statusCode).toBe(201);
    await audit({
      tenantId: 'tinh-a',
      actor: officer(w.officers.sxdHandler),
      action: 'officer.login',
      entityType: 'officer',
      entityId: w.officers.sxdHandler,
    });
    await audit({
      tenantId: 'tinh-b',
      actor: officer(w.officers.bAdmin),
      action: 'officer.login',
      entityType: 'officer',
      entityId: w.officers.bAdmin,
    });
  });
  afterAll(async () => w?.t.close());

  it('lists the province rows newest first, with officer names and the stored details', async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    const { items, total, page, pageSize } = res.json();
    expect({ total, page, pageSize }).toEqual({ total: 5, page: 1, pageSize: 20 });
    expect(items.map((e: Entry) => e.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(items.map((e: Entry) => e.action)).toEqual([
      'officer.login',
      'agency.create',
      'jobs.pruned',
      'citizen.deleted',
      'officer.login',
    ]);
    expect(items[0]).toMatchObject({ actorType: 'officer', actorName: 'Trần Văn Hùng' });
    expect(items[1]).toMatchObject({ actorId: w.officers.provAdmin, actorName: 'Cán bộ admin.tinh' });
    expect(items[2]).toEqual({
      seq: 3,
      at: expect.any(String),
      actorType: 'system',
      actorId: null,
      actorName: null,
      action: 'jobs.pruned',
      entityType: 'jobs',
      entityId: null,
      details: { removed: 3, queues: ['sms', 'zalo'] },
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // A citizen's name is not repeated in the log.
    expect(items[3]).toMatchObject({ actorType: 'citizen', actorId: citizenId, actorName: null });
  });

  it('filters by action, actor, entity and time, and searches names without accents', async () => {
    expect((await all('?action=officer.login')).map((e) => e.seq)).toEqual([5, 1]);
    expect((await all(`?actorId=${w.officers.provAdmin}`)).map((e) => e.action)).toEqual(['agency.create']);
    expect((await all(`?entityType=citizen&entityId=${citizenId}`)).map((e) => e.seq)).toEqual([2]);
    expect((await all('?q=le thi lan')).map((e) => e.seq)).toEqual([1]);
    expect((await all('?q=PRUNED')).map((e) => e.seq)).toEqual([3]);

    const every = await all();
    const third = every.find((e) => e.seq === 3)!;
    const from = await all(`?from=${encodeURIComponent(third.at)}`);
    expect(from.map((e) => e.seq)).toEqual(every.filter((e) => e.at >= third.at).map((e) => e.seq));
    expect(from.map((e) => e.seq)).toContain(3);
    const to = await all(`?to=${encodeURIComponent(third.at)}`);
    expect(to.map((e) => e.seq)).toEqual(every.filter((e) => e.at <= third.at).map((e) => e.seq));
    expect(to.map((e) => e.seq)).toContain(3);
    expect((await get('?from=yesterday')).statusCode).toBe(400);
  });

  it('pages and sorts by seq, and refuses other sort fields', async () => {
    const asc = await get('?sort=seq&page=2&pageSize=2');
    expect(asc.json().items.map((e: Entry) => e.seq)).toEqual([3, 4]);
    expect(asc.json().total).toBe(5);
    const beyond = await get('?page=4&pageSize=2');
    expect(beyond.json()).toMatchObject({ items: [], total: 5 });
    const bad = await get('?sort=action');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('shows each province only its own log and actions', async () => {
    const b = await get('', w.tokens.bAdmin, 'tinh-b');
    expect(b.json().items.map((e: Entry) => e.actorId)).toEqual([w.officers.bAdmin]);
    const actions = await call(w, 'tinh-a', w.tokens.provAdmin, { url: '/api/admin/audit/actions' });
    expect(actions.json()).toEqual({
      items: ['agency.create', 'citizen.deleted', 'jobs.pruned', 'officer.login'],
    });
    const bActions = await call(w, 'tinh-b', w.tokens.bAdmin, { url: '/api/admin/audit/actions' });
    expect(bActions.json()).toEqual({ items: ['officer.login'] });
  });

  it('is for province admins only', async () => {
    for (const token of [w.tokens.stpAdmin, w.tokens.tgplHandler]) {
      expect((await get('', token)).statusCode).toBe(403);
      const actions = await call(w, 'tinh-a', token, { url: '/api/admin/audit/actions' });
      expect(actions.statusCode).toBe(403);
    }
    expect((await get('', null)).statusCode).toBe(401);
  });

  describe('download', () => {
    it('writes every matching row as CSV, in Vietnamese', async () => {
      const res = await get('?format=csv&action=officer.login&pageSize=1');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /filename="nhat-ky-he-thong-\d{4}-\d{2}-\d{2}\.csv"/,
      );
      expect(res.body.startsWith('\uFEFFSố thứ tự,Thời điểm,Loại người thực hiện,Người thực hiện')).toBe(
        true,
      );
      const lines = res.body.trimEnd().split('\r\n');
      // Not one page: every match.
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(/^5,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},Cán bộ,Trần Văn Hùng,/);
      expect(lines[2]).toContain('Lê Thị Lan');
    });

    it('writes an Excel file with the same rows and the details as JSON', async () => {
      const res = await get('?format=xlsx&sort=seq');
      expect(res.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      const sheet = workbook.getWorksheet('Nhật ký')!;
      expect(sheet.rowCount).toBe(6);
      expect(sheet.getCell('A2').value).toBe(1);
      expect(sheet.getCell('C4').value).toBe('Hệ thống');
      expect(JSON.parse(String(sheet.getCell('I4').value))).toEqual({ removed: 3, queues: ['sms', 'zalo'] });
    });
  });
});

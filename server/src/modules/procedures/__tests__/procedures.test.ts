import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { toCount } from '../../../db/pg-types.js';
import { buildWorld, call, CATALOG, type World } from './procedures.test-helpers.js';

describeEachDatabase('procedure catalog', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(kind);
  });
  afterAll(async () => w?.t.close());

  const importAs = (token: string, body: Record<string, unknown>, tenant: 'tinh-a' | 'tinh-b' = 'tinh-a') =>
    call(w, tenant, token, { method: 'POST', url: '/api/admin/procedures/import', payload: body });
  const count = async () => {
    const row = await w.t.database.db
      .selectFrom('procedures')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', 'tinh-a')
      .executeTakeFirstOrThrow();
    return toCount(row.n);
  };
  const auditCount = async (action: string) => {
    const row = await w.t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('tenant_id', '=', 'tinh-a')
      .where('action', '=', action)
      .executeTakeFirstOrThrow();
    return toCount(row.n);
  };
  const publicList = async (query: string, tenant: 'tinh-a' | 'tinh-b' = 'tinh-a') => {
    const res = await call(w, tenant, null, { method: 'GET', url: `/api/procedures?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json() as {
      items: { id: string; code: string; name: string; feeTotal: number }[];
      total: number;
    };
  };

  it('a dry run reports and changes nothing', async () => {
    const res = await importAs(w.tokens.provAdmin, {
      format: 'json',
      content: JSON.stringify(CATALOG),
      dryRun: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 4, updated: 0, unchanged: 0, rejected: [], dryRun: true });
    expect(await count()).toBe(0);
    expect(await auditCount('procedure.import')).toBe(0);
  });

  it('imports JSON, rejecting bad rows by number and applying the good ones', async () => {
    const bad = [
      { code: 'B.1', name: 'Thủ tục cơ quan lạ', field: 'Khác', agencyCode: 'NOPE', processingDays: 1 },
      { code: 'B.2', field: 'Khác', agencyCode: 'SXD', processingDays: 1 },
      { code: 'B.3', name: 'Mức độ sai', field: 'Khác', agencyCode: 'SXD', level: 'max', processingDays: 1 },
      { code: 'B.4', name: 'Ngày âm', field: 'Khác', agencyCode: 'SXD', processingDays: -1 },
      {
        code: 'B.5',
        name: 'Phí sai',
        field: 'Khác',
        agencyCode: 'SXD',
        processingDays: 1,
        fees: 'Lệ phí:tám nghìn',
      },
      {
        code: 'B.6',
        name: 'Giấy tờ sai',
        field: 'Khác',
        agencyCode: 'SXD',
        processingDays: 1,
        documents: [{ copies: 1 }],
      },
      {
        code: 'B.7',
        name: 'Biểu mẫu sai',
        field: 'Khác',
        agencyCode: 'SXD',
        processingDays: 1,
        form: { fields: [{ name: 'HoTen', type: 'text', label: 'Họ tên' }] },
      },
    ];
    const res = await importAs(w.tokens.provAdmin, {
      format: 'json',
      content: JSON.stringify([...CATALOG, ...bad]),
    });
    expect(res.statusCode).toBe(200);
    const report = res.json() as {
      created: number;
      rejected: { row: number; code?: string; issues: { path: string; rule: string; message: string }[] }[];
    };
    expect(report.created).toBe(4);
    expect(report.rejected.map((r) => [r.row, r.code, r.issues.map((i) => `${i.path}:${i.rule}`)])).toEqual([
      [5, 'B.1', ['agencyCode:unknown']],
      [6, 'B.2', ['name:required']],
      [7, 'B.3', ['level:option']],
      [8, 'B.4', ['processingDays:range']],
      [9, 'B.5', ['fees:format']],
      [10, 'B.6', ['documents:format']],
      [11, 'B.7', ['form.fields[0].name:name']],
    ]);
    expect(report.rejected[0]!.issues[0]!.message).toContain('NOPE');
    expect(await count()).toBe(4);
    expect(await auditCount('procedure.import')).toBe(1);
  });

  it('searches accent-insensitively with exact-accent matches first', async () => {
    const plain = await publicList('q=dat%20dai');
    expect(plain.items.map((i) => i.name).sort()).toEqual(
      ['Cấp phép đặt đài tưởng niệm', 'Hòa giải tranh chấp đất đai', 'Đăng ký đất đai lần đầu'].sort(),
    );
    const accented = await publicList(`q=${encodeURIComponent('đất đai')}`);
    expect(accented.total).toBe(3);
    expect(accented.items.slice(0, 2).every((i) => i.name.includes('đất đai'))).toBe(true);
    expect(accented.items[2]!.name).toBe('Cấp phép đặt đài tưởng niệm');
    const accentedPlace = await publicList(`q=${encodeURIComponent('đặt đài')}`);
    expect(accentedPlace.items[0]!.name).toBe('Cấp phép đặt đài tưởng niệm');
  });

  it('browses by field and agency, with fee totals, fields and cache headers', async () => {
    const land = await publicList(`field=${encodeURIComponent('Đất đai')}`);
    expect(land.total).toBe(2);
    const bySxd = await publicList(`agencyId=${w.agencies.sxd}`);
    expect(bySxd.items).toMatchObject([{ code: 'X.000001', feeTotal: 75000 }]);
    const full = await publicList('level=full');
    expect(full.items.map((i) => i.code).sort()).toEqual(['1.001193', 'X.000001']);

    const fields = await call(w, 'tinh-a', null, { method: 'GET', url: '/api/procedures/fields' });
    expect(fields.statusCode).toBe(200);
    expect(fields.headers['cache-control']).toBe('public, max-age=60');
    expect(fields.json()).toEqual([
      { field: 'Đất đai', count: 2 },
      { field: 'Hộ tịch', count: 1 },
      { field: 'Văn hóa', count: 1 },
    ]);
    expect((await publicList('', 'tinh-b')).total).toBe(0);
  });

  it('shows one procedure with fees, documents and its form', async () => {
    const id = (await publicList('q=khai%20sinh')).items[0]!.id;
    const res = await call(w, 'tinh-a', null, { method: 'GET', url: `/api/procedures/${id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: '1.001193',
      agency: { id: w.agencies.stp, name: 'Sở Tư pháp', phone: '02763822123', address: 'Tây Ninh' },
      level: 'full',
      processingDays: 1,
      fees: [],
      documents: [
        { name: 'Tờ khai', copies: 1, original: true, required: true },
        { name: 'Giấy chứng sinh', copies: 1, original: true, required: true },
      ],
      form: {
        fields: [{ name: 'ho_ten', type: 'text', label: 'Họ và tên', required: true }, { name: 'so_cccd' }],
      },
    });
    expect(res.json()).not.toHaveProperty('enabled');
    const other = await call(w, 'tinh-b', null, { method: 'GET', url: `/api/procedures/${id}` });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('PROCEDURE_NOT_FOUND');
  });

  it('hides disabled procedures publicly; the console still sees them; audited', async () => {
    const id = (await publicList('q=khai%20sinh')).items[0]!.id;
    const patch = (token: string, enabled: boolean) =>
      call(w, 'tinh-a', token, { method: 'PATCH', url: `/api/admin/procedures/${id}`, payload: { enabled } });
    expect((await patch(w.tokens.sxdHandler, false)).statusCode).toBe(403);
    const off = await patch(w.tokens.provAdmin, false);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ id, enabled: false });
    expect((await publicList('q=khai%20sinh')).total).toBe(0);
    expect((await call(w, 'tinh-a', null, { method: 'GET', url: `/api/procedures/${id}` })).statusCode).toBe(
      404,
    );
    const fields = await call(w, 'tinh-a', null, { method: 'GET', url: '/api/procedures/fields' });
    expect(fields.json()).not.toContainEqual(expect.objectContaining({ field: 'Hộ tịch' }));
    const admin = await call(w, 'tinh-a', w.tokens.sxdHandler, {
      method: 'GET',
      url: '/api/admin/procedures?enabled=false',
    });
    expect(admin.json()).toMatchObject({ total: 1, items: [{ id, enabled: false }] });
    const detail = await call(w, 'tinh-a', w.tokens.sxdHandler, {
      method: 'GET',
      url: `/api/admin/procedures/${id}`,
    });
    expect(detail.json()).toMatchObject({ id, enabled: false });
    expect(await auditCount('procedure.disable')).toBe(1);
    // The STP admin manages STP's procedures.
    expect((await patch(w.tokens.stpAdmin, true)).statusCode).toBe(200);
    expect((await publicList('q=khai%20sinh')).total).toBe(1);
  });

  it('upserts by code: updated and unchanged rows are counted', async () => {
    const changed = CATALOG.map((p) => (p.code === '1.012786' ? { ...p, processingDays: 25 } : p));
    const res = await importAs(w.tokens.provAdmin, {
      format: 'json',
      content: JSON.stringify({ procedures: changed }),
    });
    expect(res.json()).toEqual({ created: 0, updated: 1, unchanged: 3, rejected: [], dryRun: false });
    const row = await w.t.database.db
      .selectFrom('procedures')
      .select('processing_days')
      .where('tenant_id', '=', 'tinh-a')
      .where('code', '=', '1.012786')
      .executeTakeFirstOrThrow();
    expect(row.processing_days).toBe(25);
    expect(await count()).toBe(4);
  });

  it('imports CSV with the fee and document syntax, reporting spreadsheet row numbers', async () => {
    const form = JSON.stringify({
      fields: [{ name: 'ho_ten', type: 'text', label: 'Họ tên', required: true }],
    });
    const csv = [
      'code,name,field,agencyCode,level,processingDays,fees,documents,result,legalBasis,form',
      `2.000815,Chứng thực bản sao từ bản chính,Chứng thực,UBND-XA,một phần,1,"Phí chứng thực:2.000","Bản chính giấy tờ (1 bản chính);Bản sao (2 bản sao, không bắt buộc, mang theo nếu có)",Bản sao được chứng thực,Nghị định số 23/2015/NĐ-CP,"${form.replace(/"/g, '""')}"`,
      '2.000884,Chứng thực chữ ký,Chứng thực,UBND-XA,partial,-2,,,,,',
      '2.001035,Chứng thực hợp đồng,Chứng thực,UBND-XA,partial,2,Lệ phí:50000,,,,{not json',
    ].join('\r\n');
    const res = await importAs(w.tokens.provAdmin, { format: 'csv', content: `\uFEFF${csv}` });
    expect(res.statusCode).toBe(200);
    const report = res.json() as {
      created: number;
      rejected: { row: number; issues: { path: string; rule: string }[] }[];
    };
    expect(report.created).toBe(1);
    expect(report.rejected.map((r) => [r.row, r.issues.map((i) => `${i.path}:${i.rule}`)])).toEqual([
      [3, ['processingDays:range']],
      [4, ['form:json']],
    ]);
    const id = (await publicList('q=chung%20thuc%20ban%20sao')).items[0]!.id;
    const detail = (await call(w, 'tinh-a', null, { method: 'GET', url: `/api/procedures/${id}` })).json();
    expect(detail).toMatchObject({
      level: 'partial',
      fees: [{ label: 'Phí chứng thực', amount: 2000 }],
      documents: [
        { name: 'Bản chính giấy tờ', copies: 1, original: true, required: true },
        { name: 'Bản sao', copies: 2, original: false, required: false, note: 'mang theo nếu có' },
      ],
      form: { fields: [{ name: 'ho_ten' }] },
    });
  });

  it('refuses unreadable files as a whole', async () => {
    const bad = await importAs(w.tokens.provAdmin, { format: 'json', content: '{nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('PROCEDURE_IMPORT_INVALID');
    const noColumns = await importAs(w.tokens.provAdmin, { format: 'csv', content: 'a,b\n1,2' });
    expect(noColumns.json().error).toMatchObject({
      code: 'PROCEDURE_IMPORT_INVALID',
      details: { reason: 'csv_columns' },
    });
    const tooMany = JSON.stringify(Array.from({ length: 5001 }, () => ({})));
    const many = await importAs(w.tokens.provAdmin, { format: 'json', content: tooMany });
    expect(many.json().error.details).toMatchObject({ reason: 'too_many_rows' });
  });

  it('an agency admin imports only for the agencies it manages; others cannot import', async () => {
    const rows = [
      { code: 'S.1', name: 'Thủ tục của Sở Tư pháp', field: 'Tư pháp', agencyCode: 'STP', processingDays: 5 },
      {
        code: 'S.2',
        name: 'Thủ tục của Sở Xây dựng',
        field: 'Xây dựng',
        agencyCode: 'SXD',
        processingDays: 5,
      },
      // Exists under SXD: moving it into STP would take another agency's procedure.
      { ...CATALOG[2], agencyCode: 'STP' },
    ];
    const res = await importAs(w.tokens.stpAdmin, { format: 'json', content: JSON.stringify(rows) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      created: 1,
      rejected: [
        { row: 2, code: 'S.2', issues: [{ path: 'agencyCode', rule: 'forbidden' }] },
        { row: 3, code: 'X.000001', issues: [{ path: 'agencyCode', rule: 'forbidden' }] },
      ],
    });
    const handler = await importAs(w.tokens.sxdHandler, { format: 'json', content: JSON.stringify(rows) });
    expect(handler.statusCode).toBe(403);
    // Another province's admin sees none of province A's agencies.
    const other = await importAs(
      w.tokens.bAdmin,
      { format: 'json', content: JSON.stringify(rows.slice(1, 2)) },
      'tinh-b',
    );
    expect(other.json().rejected).toMatchObject([{ row: 1, issues: [{ rule: 'unknown' }] }]);
  });

  it('lists for the console with filters, sort and CSV download', async () => {
    const res = await call(w, 'tinh-a', w.tokens.sxdHandler, {
      method: 'GET',
      url: `/api/admin/procedures?sort=-processingDays&field=${encodeURIComponent('Đất đai')}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { processingDays: number }) => i.processingDays)).toEqual([25, 20]);
    const csv = await call(w, 'tinh-a', w.tokens.sxdHandler, {
      method: 'GET',
      url: '/api/admin/procedures?format=csv&sort=code',
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toContain('Mã thủ tục');
    expect(lines).toHaveLength(1 + (await count()));
    const anonymous = await call(w, 'tinh-a', null, { method: 'GET', url: '/api/admin/procedures' });
    expect(anonymous.statusCode).toBe(401);
  });
});

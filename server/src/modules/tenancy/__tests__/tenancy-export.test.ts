import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../../test/helpers.js';
import { buildWorld, call, type World } from './tenancy.test-helpers.js';

describeEachDatabase('Console lists: sort and download', (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await buildWorld(kind);
  });
  afterAll(async () => w?.t.close());

  const get = (url: string, token = w.tokens.provAdmin) => call(w, 'tinh-a', token, { url });
  const usernames = async (query: string, token = w.tokens.provAdmin) =>
    ((await get(`/api/admin/officers${query}`, token)).json().items as { username: string }[]).map(
      (o) => o.username,
    );
  const codes = async (query: string, token = w.tokens.provAdmin) =>
    ((await get(`/api/admin/agencies${query}`, token)).json().items as { code: string }[]).map((a) => a.code);

  async function readXlsx(payload: Buffer, sheetName: string) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(payload as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet(sheetName)!;
    return sheet
      .getSheetValues()
      .slice(1)
      .map((row) => (row as ExcelJS.CellValue[]).slice(1));
  }

  describe('officers', () => {
    it('sorts by username, full name (accents ignored) or creation, either way', async () => {
      const byName = ['admin.stp', 'admin.tinh', 'le.lan', 'tran.hung'];
      expect(await usernames('?sort=username')).toEqual(byName);
      expect(await usernames('?sort=-username')).toEqual([...byName].reverse());
      // "Cán bộ admin…", "Lê Thị Lan", "Trần Văn Hùng"
      expect(await usernames('?sort=fullName')).toEqual(byName);
      expect(await usernames('?sort=-fullName')).toEqual([...byName].reverse());
      expect(await usernames('?sort=createdAt')).toEqual(['admin.tinh', 'admin.stp', 'le.lan', 'tran.hung']);
      expect(await usernames('?sort=-createdAt&pageSize=1&page=2')).toEqual(['le.lan']);
    });

    it('refuses an unknown sort field or format', async () => {
      for (const query of ['?sort=password_hash', '?sort=-email', '?format=pdf']) {
        const res = await get(`/api/admin/officers${query}`);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION_FAILED');
      }
    });

    it('downloads the whole filtered list as CSV, guarded against formulas', async () => {
      const db = w.t.database.db;
      await db
        .updateTable('officers')
        .set({ full_name: '=1+2' })
        .where('id', '=', w.officers.sxdHandler)
        .execute();
      try {
        const res = await get('/api/admin/officers?format=csv&sort=username&pageSize=1');
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-disposition']).toMatch(
          /^attachment; filename="can-bo-\d{4}-\d{2}-\d{2}\.csv"$/,
        );
        const lines = res.body.split('\r\n');
        expect(lines[0]).toBe(
          '\uFEFFTên đăng nhập,Họ và tên,Thư điện tử,Số điện thoại,Vai trò,Trạng thái,Ngày tạo',
        );
        expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual([
          'admin.stp',
          'admin.tinh',
          'le.lan',
          'tran.hung',
        ]);
        expect(lines[3]).toMatch(
          /^le\.lan,Lê Thị Lan,,,Chuyên viên xử lý – Trung tâm Trợ giúp pháp lý nhà nước,Đang hoạt động,\d{4}-/,
        );
        expect(lines[4]).toMatch(/^tran\.hung,'=1\+2,/);
      } finally {
        await db
          .updateTable('officers')
          .set({ full_name: 'Trần Văn Hùng' })
          .where('id', '=', w.officers.sxdHandler)
          .execute();
      }
    });

    it("downloads as Excel, and an agency admin's file holds only its own agencies' officers", async () => {
      const res = await get('/api/admin/officers?format=xlsx&sort=username', w.tokens.stpAdmin);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/filename="can-bo-\d{4}-\d{2}-\d{2}\.xlsx"$/);
      const rows = await readXlsx(res.rawPayload, 'Cán bộ');
      expect(rows.map((r) => r[0])).toEqual(['Tên đăng nhập', 'admin.stp', 'le.lan']);
      expect(rows[1]![4]).toBe('Quản trị cơ quan – Sở Tư pháp');
      expect(rows[2]![6]).toBeInstanceOf(Date);
    });
  });

  describe('agencies', () => {
    it("lists what the admin manages: the whole province, or an agency admin's subtree", async () => {
      const res = await get('/api/admin/agencies');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ total: 4, page: 1, pageSize: 20 });
      expect(res.json().items[0]).toEqual({
        id: expect.any(String),
        code: 'STP',
        name: 'Sở Tư pháp',
        kind: 'department',
        parentId: w.agencies.ubnd,
        adminUnitId: null,
        phone: null,
        address: null,
      });
      expect(await codes('?sort=code', w.tokens.stpAdmin)).toEqual(['STP', 'STP-TGPL']);
      expect(await codes('?q=tu phap')).toEqual(['STP']);
      expect(await codes(`?parentId=${w.agencies.ubnd}&sort=code`)).toEqual(['STP', 'SXD']);
      expect((await get('/api/admin/agencies', w.tokens.tgplHandler)).statusCode).toBe(403);
    });

    it('sorts by code or name, either way, and refuses other fields', async () => {
      expect(await codes('?sort=code')).toEqual(['STP', 'STP-TGPL', 'SXD', 'UBND']);
      expect(await codes('?sort=-code')).toEqual(['UBND', 'SXD', 'STP-TGPL', 'STP']);
      expect(await codes('?sort=name')).toEqual(['STP', 'SXD', 'STP-TGPL', 'UBND']);
      expect(await codes('?sort=-name')).toEqual(['UBND', 'STP-TGPL', 'SXD', 'STP']);
      expect((await get('/api/admin/agencies?sort=kind')).statusCode).toBe(400);
    });

    it('downloads as CSV and Excel with Vietnamese kinds and the parent agency', async () => {
      const csv = await get('/api/admin/agencies?format=csv&sort=code');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-disposition']).toMatch(/filename="co-quan-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(csv.body.split('\r\n').slice(0, 3)).toEqual([
        '\uFEFFMã cơ quan,Tên cơ quan,Loại,Cơ quan cấp trên,Số điện thoại,Địa chỉ',
        'STP,Sở Tư pháp,"Sở, ban, ngành",Ủy ban nhân dân tỉnh A,,',
        'STP-TGPL,Trung tâm Trợ giúp pháp lý nhà nước,"Sở, ban, ngành",Sở Tư pháp,,',
      ]);
      const xlsx = await get('/api/admin/agencies?format=xlsx&sort=-code');
      const rows = await readXlsx(xlsx.rawPayload, 'Cơ quan');
      expect(rows.map((r) => r[0])).toEqual(['Mã cơ quan', 'UBND', 'SXD', 'STP-TGPL', 'STP']);
    });
  });
});

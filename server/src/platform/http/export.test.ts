import ExcelJS from 'exceljs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler } from '../errors/error-handler.js';
import { csvCell, exportFileName, inBatches, parseSort, sendExport, vietnamDateTime } from './export.js';

interface Row {
  name: string;
  count: number;
  active: boolean;
  at: Date;
  note: string | null;
}

const columns = [
  { key: 'name', header: 'Họ và tên' },
  { key: 'count', header: 'Số lượng', width: 10 },
  { key: 'active', header: 'Hoạt động' },
  { key: 'at', header: 'Thời điểm' },
  { key: 'note', header: 'Ghi chú' },
] as const;

const rows: Row[] = [
  {
    name: 'Nguyễn Thị "Hoa", Tây Ninh',
    count: 3,
    active: true,
    at: new Date('2026-11-22T03:04:05Z'),
    note: null,
  },
  {
    name: '=HYPERLINK("http://x")',
    count: -5,
    active: false,
    at: new Date('2026-01-01T17:00:00Z'),
    note: 'a\nb',
  },
];

describe('list export', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    installErrorHandler(app);
    app.get<{ Querystring: { format: 'csv' | 'xlsx'; max?: string } }>('/list', async (request, reply) =>
      sendExport(reply, {
        format: request.query.format,
        fileName: 'danh-sach',
        sheetName: 'Danh sách',
        columns,
        total: rows.length,
        // An async source, as routes give it.
        rows: inBatches(async (offset, limit) => rows.slice(offset, offset + limit), 1),
        maxRows: request.query.max === undefined ? undefined : Number(request.query.max),
      }),
    );
    await app.ready();
  });
  afterAll(async () => app.close());

  it('writes CSV with a BOM, CRLF, RFC 4180 quoting and a guard against formulas', async () => {
    const res = await app.inject({ url: '/list?format=csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="danh-sach-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body).toBe(
      '\uFEFFHọ và tên,Số lượng,Hoạt động,Thời điểm,Ghi chú\r\n' +
        '"Nguyễn Thị ""Hoa"", Tây Ninh",3,Có,2026-11-22 10:04:05,\r\n' +
        `"'=HYPERLINK(""http://x"")",-5,Không,2026-01-02 00:00:00,"a\nb"\r\n`,
    );
  });

  it('writes an XLSX file that Excel libraries read back, with a bold, frozen header', async () => {
    const res = await app.inject({ url: '/list?format=xlsx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toMatch(/filename="danh-sach-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Danh sách')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Họ và tên',
      'Số lượng',
      'Hoạt động',
      'Thời điểm',
      'Ghi chú',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('A2').value).toBe('Nguyễn Thị "Hoa", Tây Ninh');
    expect(sheet.getCell('B3').value).toBe(-5);
    expect(sheet.getCell('C2').value).toBe('Có');
    // Vietnam wall-clock time, as officers read it.
    expect((sheet.getCell('D2').value as Date).toISOString()).toBe('2026-11-22T10:04:05.000Z');
    // XLSX cells carry their type: text stays text without a guard character.
    expect(sheet.getCell('A3').value).toBe('=HYPERLINK("http://x")');
    expect(sheet.rowCount).toBe(3);
  });

  it('refuses lists beyond the cap before sending anything', async () => {
    const res = await app.inject({ url: '/list?format=xlsx&max=1' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-disposition']).toBeUndefined();
    expect(res.json().error).toMatchObject({
      code: 'EXPORT_TOO_LARGE',
      message: expect.stringContaining('thu hẹp bộ lọc'),
      details: { total: 2, maxRows: 1 },
    });
  });
});

describe('export values', () => {
  it('quotes only when needed and guards every formula start', () => {
    expect(csvCell('Tây Ninh')).toBe('Tây Ninh');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`)).toMatch(/^"?'/);
    expect(csvCell(-3)).toBe('-3');
  });

  it('dates files and cells in Vietnam time', () => {
    expect(vietnamDateTime(new Date('2026-11-21T18:30:00Z'))).toBe('2026-11-22 01:30:00');
    expect(exportFileName('can-bo', 'xlsx', new Date('2026-11-21T18:30:00Z'))).toBe('can-bo-2026-11-22.xlsx');
  });

  it('reads pages until a short one', async () => {
    const seen: number[] = [];
    const source = Array.from({ length: 5 }, (_, i) => i);
    for await (const n of inBatches(async (offset, limit) => source.slice(offset, offset + limit), 2))
      seen.push(n);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('parses sort keys', () => {
    expect(parseSort<'seq'>('-seq')).toEqual({ field: 'seq', direction: 'desc' });
    expect(parseSort<'name'>('name')).toEqual({ field: 'name', direction: 'asc' });
  });
});

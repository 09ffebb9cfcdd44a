import { Type, type TSchema, type TUnsafe } from '@sinclair/typebox';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { PassThrough, Readable } from 'node:stream';
import { AppError } from '../errors/app-error.js';

/**
 * Lists in the console can be downloaded whole (`format=csv|xlsx`) and sorted (`sort=field` or
 * `sort=-field`). One helper writes both formats so every list exports the same way: Vietnamese
 * headers, Vietnam time, and the same cap.
 */
export const EXPORT_MAX_ROWS = 50_000;
export const CSV_MIME = 'text/csv; charset=utf-8';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportCell = string | number | boolean | Date | null | undefined;
export type SortKey<F extends string> = F | `-${F}`;

export interface ExportColumn<R> {
  key: keyof R & string;
  /** Shown in the first row, in Vietnamese. */
  header: string;
  /** Column width in characters (XLSX only). */
  width?: number;
}

export const ExportFormatParam = Type.Optional(
  Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], {
    description: 'Download the whole filtered list (not one page) as a CSV (UTF-8) or Excel file',
  }),
);

/** `sort=field` ascending, `sort=-field` descending; any other value fails validation (400). */
export function SortParam<F extends string>(fields: readonly F[], defaultSort?: SortKey<F>) {
  const values = fields.flatMap((f) => [f, `-${f}`]);
  const schema: TUnsafe<SortKey<F>> = Type.Unsafe<SortKey<F>>({
    type: 'string',
    enum: values,
    description: `One of ${values.join(', ')}; a leading "-" sorts descending${
      defaultSort ? ` (default ${defaultSort})` : ''
    }`,
  });
  return Type.Optional(schema);
}

export function parseSort<F extends string>(sort: SortKey<F>): { field: F; direction: 'asc' | 'desc' } {
  return sort.startsWith('-')
    ? { field: sort.slice(1) as F, direction: 'desc' }
    : { field: sort as F, direction: 'asc' };
}

/**
 * The 200 response of an exportable list: the JSON page (whose schema still whitelists the fields)
 * or a file. Files are streams, which Fastify sends without serializing.
 */
export function exportableResponse<T extends TSchema>(page: T) {
  return {
    description: 'One page as JSON; with format=csv or format=xlsx the whole filtered list as a file',
    content: {
      'application/json': { schema: page },
      'text/csv': { schema: Type.String({ description: 'UTF-8 with BOM, CRLF line ends (RFC 4180)' }) },
      [XLSX_MIME]: { schema: Type.String({ format: 'binary' }) },
    },
  };
}

// values --------------------------------------------------------------------------------------

/** Vietnam has kept UTC+7 without daylight saving since 1975: a fixed offset is exact. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** `2026-11-22 14:05:09`, Vietnam time: what officers read, and a form spreadsheets parse as a date. */
export function vietnamDateTime(date: Date): string {
  return new Date(date.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

export function exportFileName(base: string, format: ExportFormat, now = new Date()): string {
  return `${base}-${vietnamDateTime(now).slice(0, 10)}.${format}`;
}

/**
 * A spreadsheet runs a cell that starts with = + - @ (or tab / carriage return, which some skip
 * before those) as a formula: a citizen's name "=HYPERLINK(…)" must arrive as text. Only strings are
 * guarded; a number is written as a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: ExportCell): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date) text = vietnamDateTime(value);
  else if (typeof value === 'boolean') text = value ? 'Có' : 'Không';
  else if (typeof value === 'number') text = String(value);
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(cells: readonly ExportCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

// rows ----------------------------------------------------------------------------------------

/**
 * Reads a list in pages of `batchSize` rather than holding one cursor open for the whole download:
 * the embedded database has one connection, and a slow phone line must not keep it busy.
 */
export async function* inBatches<R>(
  fetchPage: (offset: number, limit: number) => Promise<readonly R[]>,
  batchSize = 1000,
): AsyncGenerator<R> {
  for (let offset = 0; ; offset += batchSize) {
    const rows = await fetchPage(offset, batchSize);
    yield* rows;
    if (rows.length < batchSize) return;
  }
}

async function* upTo<R>(rows: Iterable<R> | AsyncIterable<R>, max: number): AsyncGenerator<R> {
  let n = 0;
  // Rows added between the count and the last page must not push a file past the cap.
  for await (const row of rows) {
    if (n++ >= max) return;
    yield row;
  }
}

// sending -------------------------------------------------------------------------------------

export interface ExportOptions<R> {
  format: ExportFormat;
  /** File name without date and extension, e.g. `can-bo` → `can-bo-2026-11-22.xlsx`. */
  fileName: string;
  /** Worksheet name in the XLSX file. */
  sheetName: string;
  columns: readonly ExportColumn<R>[];
  /** How many rows the filter matches: checked against the cap before anything is sent. */
  total: number;
  rows: Iterable<R> | AsyncIterable<R>;
  maxRows?: number;
}

/** Sends the list as a file; throws EXPORT_TOO_LARGE (nothing sent yet) beyond the cap. */
export function sendExport<R extends { [K in keyof R]: ExportCell }>(
  reply: FastifyReply,
  options: ExportOptions<R>,
): FastifyReply {
  const maxRows = options.maxRows ?? EXPORT_MAX_ROWS;
  if (options.total > maxRows) {
    throw new AppError('EXPORT_TOO_LARGE', { total: options.total, maxRows });
  }
  const rows = upTo(options.rows, maxRows);
  reply
    .header(
      'content-disposition',
      `attachment; filename="${exportFileName(options.fileName, options.format)}"`,
    )
    // Lists of officers and audit rows are not for shared caches or the browser's disk cache.
    .header('cache-control', 'no-store');
  if (options.format === 'csv') {
    return reply.type(CSV_MIME).send(Readable.from(csvChunks(options.columns, rows)));
  }
  const out = new PassThrough();
  // Once the client is gone Fastify destroys the stream; later writes must not become an uncaught error.
  out.on('error', (error) => reply.log.debug({ err: error }, 'export stream closed'));
  void writeWorkbook(out, options, rows).catch((error: unknown) => {
    reply.log.error({ err: error }, 'export failed after the response started');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return reply.type(XLSX_MIME).send(out);
}

async function* csvChunks<R>(columns: readonly ExportColumn<R>[], rows: AsyncIterable<R>) {
  // The byte order mark makes Excel read UTF-8 (Vietnamese letters) instead of the system code page.
  yield `\uFEFF${csvLine(columns.map((c) => c.header))}`;
  let chunk = '';
  for await (const row of rows) {
    chunk += csvLine(columns.map((c) => row[c.key] as ExportCell));
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Excel has no time zones: a date is written as the Vietnam wall-clock time officers expect. */
function xlsxValue(value: ExportCell): ExcelJS.CellValue {
  if (value === undefined) return null;
  if (value instanceof Date) return new Date(value.getTime() + VIETNAM_OFFSET_MS);
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  return value;
}

async function writeWorkbook<R>(
  out: PassThrough,
  options: ExportOptions<R>,
  rows: AsyncIterable<R>,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = workbook.addWorksheet(options.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = options.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 20 }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for await (const row of rows) {
    if (out.destroyed) return;
    const written = sheet.addRow(options.columns.map((c) => xlsxValue(row[c.key] as ExportCell)));
    written.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd/mm/yyyy hh:mm';
    });
    written.commit();
  }
  sheet.commit();
  await workbook.commit();
}

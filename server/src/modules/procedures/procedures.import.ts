import { parse } from 'csv-parse/sync';
import type { ProcedureDocument, ProcedureFee } from '../../db/schema.js';
import type { FormDefinition } from '../../platform/forms/definition.js';
import { validateDefinition } from '../../platform/forms/validate.js';
import { AppError } from '../../platform/errors/app-error.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './procedures.schemas.js';

/**
 * Reading a procedure catalog file (JSON or CSV) into checked rows. Pure: agencies are resolved by
 * the caller. A row with problems is reported with its row number and never stops the others.
 *
 * JSON: an array (or `{ "procedures": [...] }`) of objects with the CSV's columns as keys; `fees`,
 * `documents` and `form` may be arrays/objects or the CSV's text syntax.
 *
 * CSV (UTF-8, header row, comma separated, RFC 4180 quotes):
 *   code,name,field,agencyCode,level,processingDays,fees,documents,result,legalBasis,form
 *   - level: `full` / `toàn trình` or `partial` / `một phần` (empty: partial);
 *   - processingDays: working days, 0 for within the day;
 *   - fees: `Label:amount` items separated by `;`, amounts in VND (`8000` or `8.000`), e.g.
 *     `Lệ phí:8000;Phí sao y:2000`; empty when free;
 *   - documents: items separated by `;` (or new lines), each `Name (details)`; the details in brackets
 *     at the end are comma separated: `N bản chính` or `N bản sao` (copies and kind), `không bắt buộc`
 *     (optional), anything else is a note. Without details: 1 original, required. E.g.
 *     `Tờ khai (1 bản chính);CCCD (1 bản sao, xuất trình bản chính để đối chiếu)`;
 *   - form: a form definition as JSON in the cell (optional; empty: no online form fields).
 * Rows: the first data row is row 2 (the header is row 1), as a spreadsheet numbers them.
 */
export interface ImportIssue {
  path: string;
  rule: string;
  message: string;
}

export interface ProcedureInput {
  code: string;
  name: string;
  field: string;
  agencyCode: string;
  level: 'full' | 'partial';
  processingDays: number;
  fees: ProcedureFee[];
  documents: ProcedureDocument[];
  result: string;
  legalBasis: string;
  form: FormDefinition;
}

export type ParsedRow =
  | { row: number; ok: true; input: ProcedureInput }
  | { row: number; ok: false; code?: string; issues: ImportIssue[] };

export const CSV_COLUMNS = [
  'code',
  'name',
  'field',
  'agencyCode',
  'level',
  'processingDays',
  'fees',
  'documents',
  'result',
  'legalBasis',
  'form',
] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(reason: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('PROCEDURE_IMPORT_INVALID', { reason, ...details });
}

/** Raw records with their row numbers; throws PROCEDURE_IMPORT_INVALID when the file cannot be read. */
export function readRecords(format: 'json' | 'csv', content: string): { row: number; record: unknown }[] {
  if (Buffer.byteLength(content, 'utf8') > IMPORT_MAX_BYTES) {
    throw invalid('too_large', { maxBytes: IMPORT_MAX_BYTES });
  }
  let records: unknown[];
  let firstRow = 1;
  if (format === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content.replace(/^\uFEFF/, ''));
    } catch {
      throw invalid('json');
    }
    const list = isObject(parsed) ? parsed.procedures : parsed;
    if (!Array.isArray(list)) throw invalid('json_not_array');
    records = list;
  } else {
    try {
      records = parse(content, {
        columns: true,
        bom: true,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      });
    } catch (error) {
      throw invalid('csv', { line: (error as { lines?: number }).lines });
    }
    const header = Object.keys((records[0] as Record<string, unknown> | undefined) ?? {});
    const missing = ['code', 'name', 'field', 'agencyCode', 'processingDays'].filter(
      (c) => !header.includes(c),
    );
    if (records.length > 0 && missing.length > 0) throw invalid('csv_columns', { missing });
    firstRow = 2;
  }
  if (records.length === 0) throw invalid('empty');
  if (records.length > IMPORT_MAX_ROWS) throw invalid('too_many_rows', { maxRows: IMPORT_MAX_ROWS });
  return records.map((record, i) => ({ row: i + firstRow, record }));
}

const AMOUNT = /^\d{1,3}(?:[.,]\d{3})+$|^\d+$/;

export function parseFees(text: string): ProcedureFee[] | undefined {
  const fees: ProcedureFee[] = [];
  for (const item of text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = item.lastIndexOf(':');
    const label = item.slice(0, at).trim();
    const amount = item
      .slice(at + 1)
      .trim()
      .replace(/\s*(đ|đồng|VND|VNĐ)$/i, '');
    if (at < 1 || !label || !AMOUNT.test(amount)) return undefined;
    fees.push({ label, amount: Number(amount.replace(/[.,]/g, '')) });
  }
  return fees;
}

export function parseDocuments(text: string): ProcedureDocument[] | undefined {
  const documents: ProcedureDocument[] = [];
  for (const item of text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^(.*?)\s*\(([^()]*)\)$/.exec(item);
    const name = (match ? match[1] : item)!.trim();
    if (!name) return undefined;
    const document: ProcedureDocument = { name, copies: 1, original: true, required: true };
    const notes: string[] = [];
    for (const part of (match?.[2] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      const kind = /^(\d+)?\s*bản\s+(chính|sao)$/i.exec(part);
      if (kind) {
        document.copies = kind[1] ? Number(kind[1]) : 1;
        document.original = kind[2]!.toLowerCase() === 'chính';
      } else if (/^không bắt buộc$/i.test(part)) document.required = false;
      else notes.push(part);
    }
    if (notes.length) document.note = notes.join(', ');
    documents.push(document);
  }
  return documents;
}

function checkFees(value: unknown): ProcedureFee[] | undefined {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') return parseFees(value);
  if (!Array.isArray(value)) return undefined;
  const fees = value.map((f) =>
    isObject(f) &&
    typeof f.label === 'string' &&
    f.label.trim() &&
    Number.isInteger(f.amount) &&
    (f.amount as number) >= 0
      ? { label: f.label.trim(), amount: f.amount as number }
      : undefined,
  );
  return fees.every((f) => f !== undefined) ? fees : undefined;
}

function checkDocuments(value: unknown): ProcedureDocument[] | undefined {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') return parseDocuments(value);
  if (!Array.isArray(value)) return undefined;
  const documents = value.map((d): ProcedureDocument | undefined => {
    if (!isObject(d) || typeof d.name !== 'string' || !d.name.trim()) return undefined;
    const copies = d.copies ?? 1;
    if (!Number.isInteger(copies) || (copies as number) < 1 || (copies as number) > 100) return undefined;
    if (d.original !== undefined && typeof d.original !== 'boolean') return undefined;
    if (d.required !== undefined && typeof d.required !== 'boolean') return undefined;
    if (d.note !== undefined && typeof d.note !== 'string') return undefined;
    return {
      name: d.name.trim(),
      copies: copies as number,
      original: d.original !== false,
      required: d.required !== false,
      ...(typeof d.note === 'string' && d.note.trim() ? { note: d.note.trim() } : {}),
    };
  });
  return documents.every((d) => d !== undefined) ? documents : undefined;
}

const LEVELS: Record<string, 'full' | 'partial'> = {
  full: 'full',
  'toàn trình': 'full',
  partial: 'partial',
  'một phần': 'partial',
};

function text(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value.normalize('NFC').replace(/\s+/g, ' ').trim() : undefined;
}

/** One record checked into an input, or the list of its problems (Vietnamese messages). */
export function checkRecord(row: number, record: unknown): ParsedRow {
  if (!isObject(record)) {
    return { row, ok: false, issues: [{ path: '', rule: 'type', message: 'Dòng phải là một đối tượng.' }] };
  }
  const issues: ImportIssue[] = [];
  const problem = (path: string, rule: string, message: string) => issues.push({ path, rule, message });

  const code = text(record, 'code');
  if (!code || code.length > 40) problem('code', 'required', 'Thiếu mã thủ tục (tối đa 40 ký tự).');
  const name = text(record, 'name');
  if (!name || name.length < 3 || name.length > 500)
    problem('name', 'required', 'Thiếu tên thủ tục (3–500 ký tự).');
  const field = text(record, 'field');
  if (!field || field.length < 2 || field.length > 200)
    problem('field', 'required', 'Thiếu lĩnh vực (2–200 ký tự).');
  const agencyCode = text(record, 'agencyCode');
  if (!agencyCode) problem('agencyCode', 'required', 'Thiếu mã cơ quan thực hiện.');
  const levelText = (text(record, 'level') ?? '').toLowerCase();
  const level = levelText ? LEVELS[levelText] : 'partial';
  if (!level) problem('level', 'option', 'Mức độ phải là "full" (toàn trình) hoặc "partial" (một phần).');
  const daysRaw = record.processingDays;
  const days = typeof daysRaw === 'string' && /^\d+$/.test(daysRaw.trim()) ? Number(daysRaw) : daysRaw;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 365) {
    problem('processingDays', 'range', 'Thời hạn giải quyết phải là số ngày làm việc từ 0 đến 365.');
  }
  const fees = checkFees(record.fees);
  if (!fees)
    problem(
      'fees',
      'format',
      'Phí, lệ phí không đúng định dạng "Tên:số tiền;…" (số tiền là số nguyên không âm).',
    );
  const documents = checkDocuments(record.documents);
  if (!documents)
    problem('documents', 'format', 'Thành phần hồ sơ không đúng định dạng "Tên giấy tờ (1 bản chính);…".');
  const result = text(record, 'result');
  if (result === undefined || result.length > 2000)
    problem('result', 'format', 'Kết quả phải là chuỗi, tối đa 2000 ký tự.');
  const legalBasis =
    typeof record.legalBasis === 'string' ? record.legalBasis.trim() : (record.legalBasis ?? '');
  if (typeof legalBasis !== 'string' || legalBasis.length > 10_000) {
    problem('legalBasis', 'format', 'Căn cứ pháp lý phải là chuỗi, tối đa 10000 ký tự.');
  }

  let form: FormDefinition = { fields: [] };
  let rawForm = record.form;
  if (typeof rawForm === 'string') {
    try {
      rawForm = rawForm.trim() ? JSON.parse(rawForm) : undefined;
    } catch {
      problem('form', 'json', 'Biểu mẫu (cột form) không phải JSON hợp lệ.');
      rawForm = undefined;
    }
  }
  if (rawForm !== undefined && rawForm !== null) {
    const checked = validateDefinition(rawForm);
    if ('issues' in checked) {
      for (const i of checked.issues) problem(i.path ? `form.${i.path}` : 'form', i.rule, i.message);
    } else form = checked.definition;
  }

  if (issues.length > 0) return { row, ok: false, ...(code ? { code } : {}), issues };
  return {
    row,
    ok: true,
    input: {
      code: code!,
      name: name!,
      field: field!,
      agencyCode: agencyCode!,
      level: level!,
      processingDays: days as number,
      fees: fees!,
      documents: documents!,
      result: result!,
      legalBasis: legalBasis as string,
      form,
    },
  };
}

/** Reads and checks a whole file; a code seen twice is rejected the second time. */
export function parseImport(format: 'json' | 'csv', content: string): ParsedRow[] {
  const seen = new Set<string>();
  return readRecords(format, content).map(({ row, record }) => {
    const parsed = checkRecord(row, record);
    if (!parsed.ok) return parsed;
    if (seen.has(parsed.input.code)) {
      return {
        row,
        ok: false,
        code: parsed.input.code,
        issues: [
          {
            path: 'code',
            rule: 'duplicate',
            message: `Mã thủ tục ${parsed.input.code} xuất hiện nhiều lần trong tệp.`,
          },
        ],
      };
    }
    seen.add(parsed.input.code);
    return parsed;
  });
}

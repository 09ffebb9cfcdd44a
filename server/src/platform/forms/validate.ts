import { checkDefinition, isCalendarDate, type DefinitionIssue } from './check-definition.js';
import type { FieldDefinition, FormData, FormDefinition, FormIssue } from './definition.js';
import { normalizePhone, validIdNumber } from './values.js';

/**
 * The check of submitted form data, the same in the mini app and on the server. Bad data never
 * throws: every problem becomes a `{ path, rule }` issue. Only known, visible fields reach the
 * output, with strings trimmed and phone numbers written 0xxxxxxxxx.
 */
export { checkDefinition as validateDefinition, isCalendarDate, type DefinitionIssue };
export { normalizePhone, validIdNumber } from './values.js';

export interface ValidateOptions {
  /** Today in Vietnam time, YYYY-MM-DD: what 'today' means in minDate / maxDate. */
  today: string;
  /** The tenant's communes: an address must name one of them when given. */
  communeIds?: ReadonlySet<string>;
}

export const DEFAULT_MAX_LENGTH = { text: 500, textarea: 5000 } as const;
export const DEFAULT_MAX_FILES = 5;
export const DEFAULT_MAX_ROWS = 50;
export const STREET_MAX_LENGTH = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

type Result = { value: unknown } | { issues: FormIssue[] } | { empty: true };
const EMPTY: Result = { empty: true };
const fail = (path: string, rule: FormIssue['rule']): Result => ({ issues: [{ path, rule }] });
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const length = (text: string) => [...text].length;

function cleanText(raw: unknown): string | undefined | null {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') return null;
  return raw.normalize('NFC').trim();
}

function textValue(field: FieldDefinition, raw: unknown, path: string): Result {
  const text = cleanText(raw);
  if (text === null) return fail(path, 'type');
  if (!text) return EMPTY;
  const max = field.maxLength ?? DEFAULT_MAX_LENGTH[field.type === 'textarea' ? 'textarea' : 'text'];
  if (field.minLength !== undefined && length(text) < field.minLength) return fail(path, 'minLength');
  if (length(text) > max) return fail(path, 'maxLength');
  return { value: text };
}

function numberValue(field: FieldDefinition, raw: unknown, path: string): Result {
  let value = raw;
  if (value === undefined || value === null) return EMPTY;
  if (typeof value === 'string') {
    const text = value.trim();
    if (!text) return EMPTY;
    value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(path, 'type');
  if (field.integer && !Number.isInteger(value)) return fail(path, 'integer');
  if (field.min !== undefined && value < field.min) return fail(path, 'min');
  if (field.max !== undefined && value > field.max) return fail(path, 'max');
  return { value };
}

function dateValue(field: FieldDefinition, raw: unknown, path: string, today: string): Result {
  const text = cleanText(raw);
  if (text === null) return fail(path, 'type');
  if (!text) return EMPTY;
  if (!isCalendarDate(text)) return fail(path, 'format');
  const bound = (d: string | undefined) => (d === 'today' ? today : d);
  const min = bound(field.minDate);
  const max = bound(field.maxDate);
  if (min && text < min) return fail(path, 'minDate');
  if (max && text > max) return fail(path, 'maxDate');
  return { value: text };
}

function selectValue(field: FieldDefinition, raw: unknown, path: string): Result {
  const text = cleanText(raw);
  if (text === null) return fail(path, 'type');
  if (!text) return EMPTY;
  return field.options?.some((o) => o.value === text) ? { value: text } : fail(path, 'option');
}

function multiselectValue(field: FieldDefinition, raw: unknown, path: string): Result {
  if (raw === undefined || raw === null) return EMPTY;
  if (!Array.isArray(raw)) return fail(path, 'type');
  if (raw.length === 0) return EMPTY;
  const issues: FormIssue[] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    if (typeof item !== 'string') issues.push({ path: `${path}[${i}]`, rule: 'type' });
    else if (!field.options?.some((o) => o.value === item))
      issues.push({ path: `${path}[${i}]`, rule: 'option' });
    else if (seen.has(item)) issues.push({ path: `${path}[${i}]`, rule: 'duplicate' });
    else seen.add(item);
  });
  return issues.length ? { issues } : { value: [...seen] };
}

function checkboxValue(raw: unknown, path: string): Result {
  if (raw === undefined || raw === null) return EMPTY;
  if (typeof raw !== 'boolean') return fail(path, 'type');
  return { value: raw };
}

function phoneValue(raw: unknown, path: string): Result {
  const text = cleanText(raw);
  if (text === null) return fail(path, 'type');
  if (!text) return EMPTY;
  const phone = normalizePhone(text);
  return phone ? { value: phone } : fail(path, 'format');
}

function emailValue(raw: unknown, path: string): Result {
  const text = cleanText(raw);
  if (text === null) return fail(path, 'type');
  if (!text) return EMPTY;
  return text.length <= 254 && EMAIL.test(text) ? { value: text } : fail(path, 'format');
}

function idNumberValue(raw: unknown, path: string, today: string): Result {
  const text = cleanText(raw);
  if (text === null) return fail(path, 'type');
  if (!text) return EMPTY;
  const compact = text.replace(/[\s.]/g, '');
  if (!/^\d{12}$/.test(compact)) return fail(path, 'format');
  return validIdNumber(compact, Number(today.slice(0, 4))) ? { value: compact } : fail(path, 'invalid');
}

function addressValue(raw: unknown, path: string, communeIds?: ReadonlySet<string>): Result {
  if (raw === undefined || raw === null) return EMPTY;
  if (!isObject(raw)) return fail(path, 'type');
  const communeId = cleanText(raw.communeId);
  const street = cleanText(raw.street);
  if (!communeId && !street && communeId !== null && street !== null) return EMPTY;
  const issues: FormIssue[] = [];
  if (communeId === null) issues.push({ path: `${path}.communeId`, rule: 'type' });
  else if (!communeId) issues.push({ path: `${path}.communeId`, rule: 'required' });
  else if (communeIds && !communeIds.has(communeId))
    issues.push({ path: `${path}.communeId`, rule: 'option' });
  if (street === null) issues.push({ path: `${path}.street`, rule: 'type' });
  else if (!street) issues.push({ path: `${path}.street`, rule: 'required' });
  else if (length(street) > STREET_MAX_LENGTH) issues.push({ path: `${path}.street`, rule: 'maxLength' });
  return issues.length ? { issues } : { value: { communeId, street } };
}

function attachmentValue(field: FieldDefinition, raw: unknown, path: string): Result {
  if (raw === undefined || raw === null) return EMPTY;
  if (!Array.isArray(raw)) return fail(path, 'type');
  if (raw.length === 0) return EMPTY;
  if (raw.length > (field.maxFiles ?? DEFAULT_MAX_FILES)) return fail(path, 'maxFiles');
  const issues: FormIssue[] = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const id = typeof item === 'string' ? item.trim().toLowerCase() : '';
    if (!UUID.test(id)) issues.push({ path: `${path}[${i}]`, rule: 'format' });
    else if (seen.has(id)) issues.push({ path: `${path}[${i}]`, rule: 'duplicate' });
    else seen.add(id);
  });
  return issues.length ? { issues } : { value: [...seen] };
}

function tableValue(field: FieldDefinition, raw: unknown, path: string, options: ValidateOptions): Result {
  if (raw === undefined || raw === null) return EMPTY;
  if (!Array.isArray(raw)) return fail(path, 'type');
  if (raw.length === 0) return EMPTY;
  if (raw.length > (field.maxRows ?? DEFAULT_MAX_ROWS)) return fail(path, 'maxRows');
  const issues: FormIssue[] = [];
  if (field.minRows !== undefined && raw.length < field.minRows) issues.push({ path, rule: 'minRows' });
  const rows: FormData[] = [];
  raw.forEach((row, i) => {
    if (!isObject(row)) return void issues.push({ path: `${path}[${i}]`, rule: 'type' });
    const result = validateFields(field.columns ?? [], row, `${path}[${i}].`, options);
    if ('issues' in result) issues.push(...result.issues);
    else rows.push(result.data);
  });
  return issues.length ? { issues } : { value: rows };
}

function fieldValue(field: FieldDefinition, raw: unknown, path: string, options: ValidateOptions): Result {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return textValue(field, raw, path);
    case 'number':
      return numberValue(field, raw, path);
    case 'date':
      return dateValue(field, raw, path, options.today);
    case 'select':
      return selectValue(field, raw, path);
    case 'multiselect':
      return multiselectValue(field, raw, path);
    case 'checkbox':
      return checkboxValue(raw, path);
    case 'phone':
      return phoneValue(raw, path);
    case 'email':
      return emailValue(raw, path);
    case 'id_number':
      return idNumberValue(raw, path, options.today);
    case 'address':
      return addressValue(raw, path, options.communeIds);
    case 'attachment':
      return attachmentValue(field, raw, path);
    case 'table':
      return tableValue(field, raw, path, options);
    default:
      return fail(path, 'unknown');
  }
}

/** Whether a field is shown, given the values of the fields before it (already checked). */
export function isVisible(field: FieldDefinition, values: Readonly<FormData>): boolean {
  if (!field.showIf) return true;
  const value = values[field.showIf.field];
  if (value === undefined) return false;
  const accepted = field.showIf.in;
  return Array.isArray(value)
    ? value.some((v) => accepted.includes(v as string))
    : accepted.includes(value as string | number | boolean);
}

function validateFields(
  fields: readonly FieldDefinition[],
  data: Record<string, unknown>,
  prefix: string,
  options: ValidateOptions,
): { data: FormData } | { issues: FormIssue[] } {
  const out: FormData = {};
  const issues: FormIssue[] = [];
  for (const field of fields) {
    if (!isVisible(field, out)) continue;
    const path = prefix + field.name;
    const result = fieldValue(
      field,
      Object.hasOwn(data, field.name) ? data[field.name] : undefined,
      path,
      options,
    );
    if ('issues' in result) issues.push(...result.issues);
    else if ('empty' in result) {
      if (field.required) issues.push({ path, rule: 'required' });
    } else if (field.type === 'checkbox' && field.required && result.value !== true) {
      issues.push({ path, rule: 'required' });
    } else out[field.name] = result.value;
  }
  return issues.length ? { issues } : { data: out };
}

export function validateFormData(
  def: FormDefinition,
  data: unknown,
  options: ValidateOptions,
): { data: FormData } | { issues: FormIssue[] } {
  if (!isObject(data)) return { issues: [{ path: '', rule: 'type' }] };
  return validateFields(def.fields, data, '', options);
}

/** The field a path of an issue points at (`name`, `name[2].column`, `name[1]`, `name.street`). */
export function fieldAt(def: FormDefinition, path: string): FieldDefinition | undefined {
  const [top, rest] = path.split(/\[\d+\]\.?/, 2) as [string, string | undefined];
  const field = def.fields.find((f) => f.name === top.split('.')[0]);
  if (field?.type === 'table' && rest) return field.columns?.find((c) => c.name === rest);
  return field;
}

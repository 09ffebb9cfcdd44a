import {
  FIELD_TYPES,
  type FieldCondition,
  type FieldDefinition,
  type FieldOption,
  type FieldType,
  type FormDefinition,
} from './definition.js';

/**
 * Checks that a form definition (from an import file, written by hand) is well formed before it is
 * stored, and returns a clean copy holding only the properties its field types use. Messages are in
 * Vietnamese: they end up in the console's import report.
 */
export interface DefinitionIssue {
  path: string;
  rule: string;
  message: string;
}

export const DEFINITION_LIMITS = {
  fields: 100,
  columns: 30,
  options: 200,
  nameLength: 40,
  labelLength: 200,
  helpLength: 1000,
  textMax: 5000,
  maxFiles: 20,
  maxRows: 200,
} as const;

export const NAME_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TYPES: ReadonlySet<string> = new Set(FIELD_TYPES);
const NOT_IN_TABLE: ReadonlySet<FieldType> = new Set(['table', 'attachment']);

/** A real calendar day written YYYY-MM-DD (2025-02-29 is not one). */
export function isCalendarDate(text: string): boolean {
  if (!DATE_PATTERN.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

class Checker {
  readonly issues: DefinitionIssue[] = [];
  problem(path: string, rule: string, message: string): void {
    this.issues.push({ path, rule, message });
  }

  text(raw: Record<string, unknown>, key: string, path: string, max: number, required: boolean) {
    const value = raw[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
      this.problem(`${path}.${key}`, 'text', `"${key}" phải là chuỗi từ 1 đến ${max} ký tự.`);
      return undefined;
    }
    return value.trim();
  }

  count(raw: Record<string, unknown>, key: string, path: string, max: number, min = 0) {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (!isCount(value, max) || value < min) {
      this.problem(`${path}.${key}`, 'range', `"${key}" phải là số nguyên từ ${min} đến ${max}.`);
      return undefined;
    }
    return value;
  }

  options(raw: Record<string, unknown>, path: string): FieldOption[] | undefined {
    const list = raw.options;
    if (!Array.isArray(list) || list.length === 0 || list.length > DEFINITION_LIMITS.options) {
      this.problem(`${path}.options`, 'options', `Cần từ 1 đến ${DEFINITION_LIMITS.options} lựa chọn.`);
      return undefined;
    }
    const seen = new Set<string>();
    const options: FieldOption[] = [];
    list.forEach((option, i) => {
      const at = `${path}.options[${i}]`;
      if (!isObject(option)) return this.problem(at, 'options', 'Lựa chọn phải có "value" và "label".');
      const value = this.text(option, 'value', at, 100, true);
      const label = this.text(option, 'label', at, DEFINITION_LIMITS.labelLength, true);
      if (value === undefined || label === undefined) return;
      if (seen.has(value)) return this.problem(at, 'duplicate', `Giá trị "${value}" bị trùng.`);
      seen.add(value);
      options.push({ value, label });
    });
    return options;
  }

  condition(raw: unknown, path: string, earlier: Map<string, FieldDefinition>): FieldCondition | undefined {
    const at = `${path}.showIf`;
    if (!isObject(raw) || typeof raw.field !== 'string' || !Array.isArray(raw.in) || raw.in.length === 0) {
      this.problem(at, 'showIf', '"showIf" cần "field" và danh sách "in" không rỗng.');
      return undefined;
    }
    if (!earlier.has(raw.field)) {
      this.problem(at, 'showIf', `"showIf" phải trỏ tới một trường đứng trước, cùng cấp ("${raw.field}").`);
      return undefined;
    }
    const values = raw.in.filter((v): v is string | number | boolean =>
      ['string', 'number', 'boolean'].includes(typeof v),
    );
    if (values.length !== raw.in.length) {
      this.problem(at, 'showIf', 'Giá trị trong "in" phải là chuỗi, số hoặc đúng/sai.');
      return undefined;
    }
    return { field: raw.field, in: values };
  }

  date(raw: Record<string, unknown>, key: 'minDate' | 'maxDate', path: string) {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (value === 'today' || (typeof value === 'string' && isCalendarDate(value))) return value;
    this.problem(`${path}.${key}`, 'date', `"${key}" phải là "today" hoặc ngày dạng YYYY-MM-DD.`);
    return undefined;
  }

  field(raw: unknown, path: string, earlier: Map<string, FieldDefinition>, inTable: boolean) {
    if (!isObject(raw)) {
      this.problem(path, 'field', 'Mỗi trường phải là một đối tượng.');
      return undefined;
    }
    const before = this.issues.length;
    const name = raw.name;
    if (typeof name !== 'string' || !NAME_PATTERN.test(name) || name.length > DEFINITION_LIMITS.nameLength) {
      this.problem(
        `${path}.name`,
        'name',
        'Tên trường phải viết thường, không dấu, nối bằng dấu gạch dưới (snake_case).',
      );
    } else if (earlier.has(name)) {
      this.problem(`${path}.name`, 'duplicate', `Tên trường "${name}" bị trùng.`);
    }
    const type = raw.type;
    if (typeof type !== 'string' || !TYPES.has(type)) {
      this.problem(`${path}.type`, 'type', `Loại trường không hợp lệ: ${String(type)}.`);
      return undefined;
    }
    const fieldType = type as FieldType;
    if (inTable && NOT_IN_TABLE.has(fieldType)) {
      this.problem(`${path}.type`, 'type', 'Bảng không được chứa bảng hoặc tệp đính kèm.');
    }
    const label = this.text(raw, 'label', path, DEFINITION_LIMITS.labelLength, true);
    const help = this.text(raw, 'help', path, DEFINITION_LIMITS.helpLength, false);
    if (raw.required !== undefined && typeof raw.required !== 'boolean') {
      this.problem(`${path}.required`, 'required', '"required" phải là true hoặc false.');
    }
    const field: FieldDefinition = { name: name as string, type: fieldType, label: label ?? '' };
    if (help) field.help = help;
    if (raw.required === true) field.required = true;
    if (raw.showIf !== undefined) {
      const condition = this.condition(raw.showIf, path, earlier);
      if (condition) field.showIf = condition;
    }
    this.typed(raw, field, path);
    if (this.issues.length > before) return undefined;
    return field;
  }

  /** Properties that only some types use; others are dropped from the clean copy. */
  typed(raw: Record<string, unknown>, field: FieldDefinition, path: string): void {
    const range = (low: number | undefined, high: number | undefined, lowKey: string, highKey: string) => {
      if (low !== undefined && high !== undefined && low > high) {
        this.problem(`${path}.${lowKey}`, 'range', `"${lowKey}" không được lớn hơn "${highKey}".`);
      }
    };
    switch (field.type) {
      case 'text':
      case 'textarea': {
        const minLength = this.count(raw, 'minLength', path, DEFINITION_LIMITS.textMax);
        const maxLength = this.count(raw, 'maxLength', path, DEFINITION_LIMITS.textMax, 1);
        range(minLength, maxLength, 'minLength', 'maxLength');
        if (minLength !== undefined) field.minLength = minLength;
        if (maxLength !== undefined) field.maxLength = maxLength;
        return;
      }
      case 'number': {
        for (const key of ['min', 'max'] as const) {
          const value = raw[key];
          if (value === undefined) continue;
          if (typeof value === 'number' && Number.isFinite(value)) field[key] = value;
          else this.problem(`${path}.${key}`, 'range', `"${key}" phải là một số.`);
        }
        range(field.min, field.max, 'min', 'max');
        if (raw.integer !== undefined && typeof raw.integer !== 'boolean') {
          this.problem(`${path}.integer`, 'integer', '"integer" phải là true hoặc false.');
        } else if (raw.integer === true) field.integer = true;
        return;
      }
      case 'date': {
        const minDate = this.date(raw, 'minDate', path);
        const maxDate = this.date(raw, 'maxDate', path);
        if (minDate) field.minDate = minDate;
        if (maxDate) field.maxDate = maxDate;
        if (minDate && maxDate && minDate !== 'today' && maxDate !== 'today' && minDate > maxDate) {
          this.problem(`${path}.minDate`, 'range', '"minDate" không được sau "maxDate".');
        }
        return;
      }
      case 'select':
      case 'multiselect': {
        const options = this.options(raw, path);
        if (options) field.options = options;
        return;
      }
      case 'attachment': {
        const maxFiles = this.count(raw, 'maxFiles', path, DEFINITION_LIMITS.maxFiles, 1);
        if (maxFiles !== undefined) field.maxFiles = maxFiles;
        if (raw.accept !== undefined) {
          if (raw.accept === 'image' || raw.accept === 'document' || raw.accept === 'any')
            field.accept = raw.accept;
          else this.problem(`${path}.accept`, 'accept', '"accept" phải là image, document hoặc any.');
        }
        return;
      }
      case 'table': {
        const minRows = this.count(raw, 'minRows', path, DEFINITION_LIMITS.maxRows);
        const maxRows = this.count(raw, 'maxRows', path, DEFINITION_LIMITS.maxRows, 1);
        range(minRows, maxRows, 'minRows', 'maxRows');
        if (minRows !== undefined) field.minRows = minRows;
        if (maxRows !== undefined) field.maxRows = maxRows;
        const columns = this.fields(raw.columns, `${path}.columns`, DEFINITION_LIMITS.columns, true);
        if (columns) field.columns = columns;
        return;
      }
      default:
        return;
    }
  }

  fields(raw: unknown, path: string, max: number, inTable: boolean): FieldDefinition[] | undefined {
    if (!Array.isArray(raw) || (inTable && raw.length === 0) || raw.length > max) {
      this.problem(path, 'fields', `Cần từ ${inTable ? 1 : 0} đến ${max} trường.`);
      return undefined;
    }
    const earlier = new Map<string, FieldDefinition>();
    const fields: FieldDefinition[] = [];
    raw.forEach((item, i) => {
      const field = this.field(item, `${path}[${i}]`, earlier, inTable);
      if (isObject(item) && typeof item.name === 'string' && !earlier.has(item.name)) {
        // Later fields may point at this one even when it had a problem: report the real problem only.
        earlier.set(item.name, field ?? ({ name: item.name } as FieldDefinition));
      }
      if (field) fields.push(field);
    });
    return fields;
  }
}

export function checkDefinition(
  def: unknown,
): { definition: FormDefinition } | { issues: DefinitionIssue[] } {
  const checker = new Checker();
  if (!isObject(def)) {
    checker.problem('', 'type', 'Biểu mẫu phải là một đối tượng { "fields": [...] }.');
    return { issues: checker.issues };
  }
  const fields = checker.fields(def.fields, 'fields', DEFINITION_LIMITS.fields, false);
  if (checker.issues.length > 0 || !fields) return { issues: checker.issues };
  return { definition: { fields } };
}

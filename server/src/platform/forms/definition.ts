/**
 * The dynamic form of a procedure, as data. One definition drives the mini app's form and the
 * server's check of what was submitted: this folder imports nothing outside itself (no Node, no
 * database), so the mini app bundles the same validator (`validate.ts`) the server runs.
 *
 * Values, by field type:
 *   text, textarea, phone, email, id_number, date (YYYY-MM-DD), select → string
 *   number → number;  checkbox → boolean;  multiselect → string[]
 *   address → { communeId: string; street: string }
 *   attachment → string[] (ids of files the citizen uploaded)
 *   table → Record<string, FieldValue>[] (one object per row, keyed by column name)
 */

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'multiselect',
  'checkbox',
  'phone',
  'email',
  'id_number',
  'address',
  'attachment',
  'table',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FieldOption {
  value: string;
  label: string;
}

/** Show the field only when another field (same level: top or same table row) has one of these values. */
export interface FieldCondition {
  field: string;
  /** Shown when the other field's value equals one of these (for a checkbox: [true]). */
  in: (string | number | boolean)[];
}

export interface FieldDefinition {
  /** Key of the value in the submitted data: lower-case letters, digits and underscores. */
  name: string;
  type: FieldType;
  /** Vietnamese label, shown above the field. */
  label: string;
  help?: string;
  required?: boolean;
  showIf?: FieldCondition;
  /** text, textarea */
  minLength?: number;
  maxLength?: number;
  /** number */
  min?: number;
  max?: number;
  integer?: boolean;
  /** date: the earliest / latest day allowed, 'today' or YYYY-MM-DD */
  minDate?: string;
  maxDate?: string;
  /** select, multiselect */
  options?: FieldOption[];
  /** attachment: how many files (default 5) and which kinds */
  maxFiles?: number;
  accept?: 'image' | 'document' | 'any';
  /** table: the columns (no table or attachment inside a table) and how many rows */
  columns?: FieldDefinition[];
  minRows?: number;
  maxRows?: number;
}

export interface FormDefinition {
  fields: FieldDefinition[];
}

export type FieldValue =
  string | number | boolean | string[] | { communeId: string; street: string } | Record<string, unknown>[];

export type FormData = Record<string, unknown>;

/**
 * One problem with submitted data, in the shape of the API's VALIDATION_FAILED details
 * (`{ path, rule }`): path is the field name, `name[2].column` inside a table, `name[1]` for one
 * file of an attachment field.
 */
export interface FormIssue {
  path: string;
  rule:
    | 'required'
    | 'type'
    | 'minLength'
    | 'maxLength'
    | 'min'
    | 'max'
    | 'integer'
    | 'format'
    | 'option'
    | 'minDate'
    | 'maxDate'
    | 'maxFiles'
    | 'minRows'
    | 'maxRows'
    /** the same option or file twice */
    | 'duplicate'
    /** well formed but not a real value (a CCCD whose province code was never issued) */
    | 'invalid'
    | 'unknown';
}

import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ExportFormatParam, SortParam, type SortKey } from '../../platform/http/export.js';
import { FIELD_TYPES } from '../../platform/forms/definition.js';

/*
 * Request and response shapes of the procedure catalog. Responses list their fields, so the
 * normalized search columns and anything added to the table later stay inside.
 */
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });

const PageQuery = {
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
};
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const Level = Type.Union([Type.Literal('full'), Type.Literal('partial')], {
  description: "'full': online end to end (toàn trình); 'partial': online submission, papers at the counter",
});
const SearchText = Type.String({ maxLength: 100, description: 'Accent-insensitive search text' });
const FieldName = Type.String({
  maxLength: 200,
  description: 'A field (lĩnh vực), exactly as listed by /fields',
});

// form definition (platform/forms) ----------------------------------------------------------------

const fieldProperties = {
  name: Type.String(),
  type: Type.Union(FIELD_TYPES.map((t) => Type.Literal(t))),
  label: Type.String(),
  help: Type.Optional(Type.String()),
  required: Type.Optional(Type.Boolean()),
  showIf: Type.Optional(
    Type.Object({
      field: Type.String(),
      in: Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    }),
  ),
  minLength: Type.Optional(Type.Integer()),
  maxLength: Type.Optional(Type.Integer()),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  integer: Type.Optional(Type.Boolean()),
  minDate: Type.Optional(Type.String()),
  maxDate: Type.Optional(Type.String()),
  options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String() }))),
  maxFiles: Type.Optional(Type.Integer()),
  accept: Type.Optional(Type.Union([Type.Literal('image'), Type.Literal('document'), Type.Literal('any')])),
  minRows: Type.Optional(Type.Integer()),
  maxRows: Type.Optional(Type.Integer()),
};
const FormColumn = Type.Object(fieldProperties);
const FormField = Type.Object({ ...fieldProperties, columns: Type.Optional(Type.Array(FormColumn)) });
export const FormDefinitionSchema = Type.Object(
  { fields: Type.Array(FormField) },
  { description: 'The dynamic form (platform/forms/definition.ts)' },
);

// public ------------------------------------------------------------------------------------------

export const Fee = Type.Object({ label: Type.String(), amount: Type.Integer({ description: 'VND' }) });
export const RequiredDocument = Type.Object({
  name: Type.String(),
  copies: Type.Integer(),
  original: Type.Boolean({ description: 'true: bản chính; false: bản sao' }),
  required: Type.Boolean(),
  note: Type.Optional(Type.String()),
});

export const ProcedureQuery = Type.Object({
  q: Type.Optional(SearchText),
  field: Type.Optional(FieldName),
  agencyId: Type.Optional(Uuid),
  level: Type.Optional(Level),
  ...PageQuery,
});
export type ProcedureQuery = Static<typeof ProcedureQuery>;

export const ProcedureItem = Type.Object({
  id: Type.String(),
  code: Type.String({ description: 'National procedure code (mã TTHC), e.g. 1.001193' }),
  name: Type.String(),
  field: Type.String(),
  agency: Type.Object({ id: Type.String(), name: Type.String() }),
  level: Level,
  processingDays: Type.Integer({ description: 'Working days; 0: within the day' }),
  feeTotal: Type.Integer({ description: 'Sum of the fees, VND' }),
});
export type ProcedureItem = Static<typeof ProcedureItem>;

export const FieldCount = Type.Object({ field: Type.String(), count: Type.Integer() });

export const ProcedureDetail = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  field: Type.String(),
  agency: Type.Object({
    id: Type.String(),
    name: Type.String(),
    phone: Nullable(Type.String()),
    address: Nullable(Type.String()),
  }),
  level: Level,
  processingDays: Type.Integer(),
  fees: Type.Array(Fee),
  documents: Type.Array(RequiredDocument),
  result: Type.String(),
  legalBasis: Type.String(),
  form: FormDefinitionSchema,
});
export type ProcedureDetail = Static<typeof ProcedureDetail>;

// console -----------------------------------------------------------------------------------------

export const PROCEDURE_SORT_FIELDS = ['name', 'code', 'field', 'processingDays', 'updatedAt'] as const;
export type ProcedureSort = SortKey<(typeof PROCEDURE_SORT_FIELDS)[number]>;

export const AdminProcedureQuery = Type.Object({
  q: Type.Optional(SearchText),
  field: Type.Optional(FieldName),
  agencyId: Type.Optional(Uuid),
  level: Type.Optional(Level),
  enabled: Type.Optional(Type.Boolean()),
  sort: SortParam(PROCEDURE_SORT_FIELDS),
  format: ExportFormatParam,
  ...PageQuery,
});
export type AdminProcedureQuery = Static<typeof AdminProcedureQuery>;

export const AdminProcedureItem = Type.Composite([
  ProcedureItem,
  Type.Object({ enabled: Type.Boolean(), updatedAt: Type.String({ format: 'date-time' }) }),
]);
export type AdminProcedureItem = Static<typeof AdminProcedureItem>;

export const AdminProcedureDetail = Type.Composite([
  ProcedureDetail,
  Type.Object({
    enabled: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
]);
export type AdminProcedureDetail = Static<typeof AdminProcedureDetail>;

export const ProcedurePatch = Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false });

export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;

export const ImportBody = Type.Object(
  {
    format: Type.Union([Type.Literal('json'), Type.Literal('csv')]),
    content: Type.String({
      minLength: 1,
      maxLength: IMPORT_MAX_BYTES,
      description:
        'JSON: an array of procedures (or { procedures: [...] }). CSV: a header row with code,name,field,' +
        'agencyCode,level,processingDays,fees,documents,result,legalBasis,form (see procedures.import.ts)',
    }),
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Check only; change nothing' })),
  },
  { additionalProperties: false },
);
export type ImportBody = Static<typeof ImportBody>;

export const ImportIssue = Type.Object({ path: Type.String(), rule: Type.String(), message: Type.String() });
export const ImportReport = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Array(
    Type.Object({
      row: Type.Integer({
        description: 'JSON: position from 1; CSV: line of the file (the header is line 1)',
      }),
      code: Type.Optional(Type.String()),
      issues: Type.Array(ImportIssue),
    }),
  ),
  dryRun: Type.Boolean(),
});
export type ImportReport = Static<typeof ImportReport>;

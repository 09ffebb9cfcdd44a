import { Type, type Static } from '@sinclair/typebox';
import { ExportFormatParam, SortParam } from '../../platform/http/export.js';

/** The audit log viewer of the console (province admins): filters, one row, a page. */
export const AUDIT_SORT_FIELDS = ['seq'] as const;
const Text = (description: string) =>
  Type.Optional(Type.String({ minLength: 1, maxLength: 100, description }));

export const AuditQuery = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  action: Text("Exact action, e.g. 'officer.login' (see /api/admin/audit/actions)"),
  actorId: Text('Exact id of the officer, citizen or system that acted'),
  entityType: Text("Exact entity type, e.g. 'officer', 'citizen'"),
  entityId: Text('Exact id of the entity'),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'From this moment (inclusive)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Up to this moment (inclusive)' })),
  q: Text("Part of the action, entity type or id, or the officer's name or username (accents optional)"),
  sort: SortParam(AUDIT_SORT_FIELDS, '-seq'),
  format: ExportFormatParam,
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  seq: Type.Integer({ description: "Position in the province's hash chain" }),
  at: Type.String({ format: 'date-time' }),
  actorType: Type.String({ description: "'officer', 'citizen', 'system' or 'integration'" }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()], { description: "The officer's name; null otherwise" }),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'What the row recorded, as stored' }),
  hash: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntry),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type AuditPage = Static<typeof AuditPage>;

export const AuditActions = Type.Object({ items: Type.Array(Type.String()) });

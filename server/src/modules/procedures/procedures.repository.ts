import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/connection.js';
import { toCount } from '../../db/pg-types.js';
import type { ProceduresTable } from '../../db/schema.js';
import type { FormDefinition } from '../../platform/forms/definition.js';
import { inBatches, parseSort, type ExportColumn } from '../../platform/http/export.js';
import { normalizeVi, orderByText, whereText, type TextColumns } from '../../platform/search/normalize.js';
import type {
  AdminProcedureDetail,
  AdminProcedureItem,
  AdminProcedureQuery,
  ProcedureDetail,
  ProcedureItem,
  ProcedureQuery,
  ProcedureSort,
} from './procedures.schemas.js';

/** Queries of the procedure catalog; every one is filtered by the tenant id it is given. */
export const PROCEDURE_TEXT: TextColumns = { name: 'procedures.name', norm: 'procedures.name_norm' };

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ProcedureFilter {
  q?: string | undefined;
  field?: string | undefined;
  agencyId?: string | undefined;
  level?: 'full' | 'partial' | undefined;
  enabled?: boolean | undefined;
  /** Limit to these agencies (an agency admin's scope). */
  agencyIds?: readonly string[] | undefined;
}

const FEE_TOTAL = sql<number>`coalesce((select sum((f->>'amount')::bigint) from jsonb_array_elements(procedures.fees) f), 0)`;

function matching(db: Db, tenantId: string, filter: ProcedureFilter) {
  let base = db
    .selectFrom('procedures')
    .innerJoin('agencies', (join) =>
      join
        .onRef('agencies.id', '=', 'procedures.agency_id')
        .onRef('agencies.tenant_id', '=', 'procedures.tenant_id'),
    )
    .where('procedures.tenant_id', '=', tenantId);
  if (filter.enabled !== undefined) base = base.where('procedures.enabled', '=', filter.enabled);
  // Fields are matched on their normalized form: "Đất đai" and "đất  đai" are one field.
  if (filter.field) base = base.where('procedures.field_norm', '=', normalizeVi(filter.field));
  if (filter.agencyId) base = base.where('procedures.agency_id', '=', filter.agencyId);
  if (filter.level) base = base.where('procedures.level', '=', filter.level);
  if (filter.agencyIds) {
    if (filter.agencyIds.length === 0) base = base.where(sql<boolean>`false`);
    else base = base.where('procedures.agency_id', 'in', filter.agencyIds);
  }
  return whereText(base, PROCEDURE_TEXT, filter.q);
}
type Matching = ReturnType<typeof matching>;

function sorted(base: Matching, sort: ProcedureSort | undefined, q: string | undefined) {
  if (!sort) return orderByText(base, PROCEDURE_TEXT, q).orderBy('procedures.id');
  const { field, direction } = parseSort(sort);
  const column = {
    name: 'procedures.name_norm',
    code: 'procedures.code',
    field: 'procedures.field_norm',
    processingDays: 'procedures.processing_days',
    updatedAt: 'procedures.updated_at',
  } as const;
  return base.orderBy(column[field], direction).orderBy('procedures.name_norm').orderBy('procedures.id');
}

const ITEM_COLUMNS = [
  'procedures.id',
  'procedures.code',
  'procedures.name',
  'procedures.field',
  'procedures.agency_id',
  'agencies.name as agency_name',
  'procedures.level',
  'procedures.processing_days',
  'procedures.enabled',
  'procedures.updated_at',
] as const;

interface ItemRow {
  id: string;
  code: string;
  name: string;
  field: string;
  agency_id: string;
  agency_name: string;
  level: 'full' | 'partial';
  processing_days: number;
  fee_total: number | string;
  enabled: boolean;
  updated_at: Date;
}

function itemView(r: ItemRow): ProcedureItem {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    field: r.field,
    agency: { id: r.agency_id, name: r.agency_name },
    level: r.level,
    processingDays: r.processing_days,
    feeTotal: toCount(r.fee_total),
  };
}

async function page<T>(
  base: Matching,
  query: { page: number; pageSize: number; q?: string | undefined; sort?: ProcedureSort | undefined },
  view: (r: ItemRow) => T,
): Promise<PageOf<T>> {
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    sorted(base, query.sort, query.q)
      .select([...ITEM_COLUMNS, FEE_TOTAL.as('fee_total')])
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  return { items: rows.map(view), total: toCount(count.n), page: query.page, pageSize: query.pageSize };
}

/** The public catalog: enabled procedures only. */
export function listProcedures(
  db: Db,
  tenantId: string,
  query: ProcedureQuery,
): Promise<PageOf<ProcedureItem>> {
  return page(matching(db, tenantId, { ...query, enabled: true }), query, itemView);
}

export function listAdminProcedures(
  db: Db,
  tenantId: string,
  query: AdminProcedureQuery,
): Promise<PageOf<AdminProcedureItem>> {
  return page(matching(db, tenantId, query), query, (r) => ({
    ...itemView(r),
    enabled: r.enabled,
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** Fields (lĩnh vực) of the enabled procedures with how many each has, by name. */
export async function listFields(db: Db, tenantId: string): Promise<{ field: string; count: number }[]> {
  const rows = await db
    .selectFrom('procedures')
    .select(['field_norm', sql<string>`min(field)`.as('field'), (eb) => eb.fn.countAll().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('enabled', '=', true)
    .groupBy('field_norm')
    .orderBy('field_norm')
    .execute();
  return rows.map((r) => ({ field: r.field, count: toCount(r.n) }));
}

type ProcedureRow = Selectable<ProceduresTable>;

export async function findProcedure(db: Db, tenantId: string, id: string) {
  return db
    .selectFrom('procedures')
    .innerJoin('agencies', (join) =>
      join
        .onRef('agencies.id', '=', 'procedures.agency_id')
        .onRef('agencies.tenant_id', '=', 'procedures.tenant_id'),
    )
    .selectAll('procedures')
    .select([
      'agencies.name as agency_name',
      'agencies.phone as agency_phone',
      'agencies.address as agency_address',
    ])
    .where('procedures.tenant_id', '=', tenantId)
    .where('procedures.id', '=', id)
    .executeTakeFirst();
}
type FoundProcedure = NonNullable<Awaited<ReturnType<typeof findProcedure>>>;

export function detailView(p: FoundProcedure): ProcedureDetail {
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    field: p.field,
    agency: { id: p.agency_id, name: p.agency_name, phone: p.agency_phone, address: p.agency_address },
    level: p.level,
    processingDays: p.processing_days,
    fees: p.fees,
    documents: p.documents,
    result: p.result,
    legalBasis: p.legal_basis,
    form: p.form as unknown as FormDefinition,
  };
}

export function adminDetailView(p: FoundProcedure): AdminProcedureDetail {
  return {
    ...detailView(p),
    enabled: p.enabled,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
  };
}

export type { ProcedureRow };

// export --------------------------------------------------------------------------------------

export interface ProcedureExportRow {
  code: string;
  name: string;
  field: string;
  agency: string;
  level: string;
  processingDays: number;
  feeTotal: number;
  enabled: boolean;
  updatedAt: Date;
}

export const PROCEDURE_EXPORT_COLUMNS: ExportColumn<ProcedureExportRow>[] = [
  { key: 'code', header: 'Mã thủ tục', width: 14 },
  { key: 'name', header: 'Tên thủ tục', width: 60 },
  { key: 'field', header: 'Lĩnh vực', width: 28 },
  { key: 'agency', header: 'Cơ quan thực hiện', width: 40 },
  { key: 'level', header: 'Mức độ', width: 14 },
  { key: 'processingDays', header: 'Thời hạn (ngày làm việc)', width: 12 },
  { key: 'feeTotal', header: 'Phí, lệ phí (đồng)', width: 14 },
  { key: 'enabled', header: 'Đang áp dụng', width: 12 },
  { key: 'updatedAt', header: 'Cập nhật', width: 20 },
];

export async function procedureExport(
  db: Db,
  tenantId: string,
  filter: ProcedureFilter & { sort?: ProcedureSort },
) {
  const base = matching(db, tenantId, filter);
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = inBatches(async (offset, limit) => {
    const batch = await sorted(base, filter.sort, filter.q)
      .select([...ITEM_COLUMNS, FEE_TOTAL.as('fee_total')])
      .limit(limit)
      .offset(offset)
      .execute();
    return batch.map((r): ProcedureExportRow => ({
      code: r.code,
      name: r.name,
      field: r.field,
      agency: r.agency_name,
      level: r.level === 'full' ? 'Toàn trình' : 'Một phần',
      processingDays: r.processing_days,
      feeTotal: toCount(r.fee_total),
      enabled: r.enabled,
      updatedAt: r.updated_at,
    }));
  });
  return { total: toCount(count.n), rows };
}

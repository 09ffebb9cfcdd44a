import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { toCount } from '../../db/pg-types.js';
import { inBatches, parseSort, type ExportColumn } from '../../platform/http/export.js';
import { orderByText, whereText } from '../../platform/search/normalize.js';
import type { AdminScope } from '../../platform/auth/admin-scope.js';
import { AGENCY_COLUMNS, AGENCY_TEXT, agencyView, type PageOf } from './tenancy.repository.js';
import type { AdminAgencyQuery, Agency, AgencySort } from './tenancy.schemas.js';

/**
 * The console's agency list: like the public directory, but limited to what the admin manages (an
 * agency admin sees its own subtree), sortable, and downloadable.
 */
export type AgencyFilter = Omit<AdminAgencyQuery, 'page' | 'pageSize' | 'format'>;

function agenciesMatching(db: Db, tenantId: string, scope: AdminScope, filter: AgencyFilter) {
  if (!scope.all && scope.agencyIds.size === 0) return undefined;
  let base = db.selectFrom('agencies').where('agencies.tenant_id', '=', tenantId);
  if (!scope.all) base = base.where('agencies.id', 'in', [...scope.agencyIds]);
  if (filter.parentId) base = base.where('agencies.parent_id', '=', filter.parentId);
  return whereText(base, AGENCY_TEXT, filter.q);
}

type Matching = NonNullable<ReturnType<typeof agenciesMatching>>;

/** An explicit sort wins; without one, search text ranks best match first, else by name. */
function sorted(base: Matching, sort: AgencySort | undefined, q: string | undefined) {
  if (!sort) return orderByText(base, AGENCY_TEXT, q).orderBy('agencies.id');
  const { field, direction } = parseSort(sort);
  return field === 'code'
    ? base.orderBy('agencies.code', direction).orderBy('agencies.id')
    : base
        .orderBy('agencies.name_norm', direction)
        .orderBy('agencies.name', direction)
        .orderBy('agencies.id');
}

export async function listAdminAgencies(
  db: Db,
  tenantId: string,
  scope: AdminScope,
  query: AdminAgencyQuery,
): Promise<PageOf<Agency>> {
  const base = agenciesMatching(db, tenantId, scope, query);
  if (!base) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
    sorted(base, query.sort, query.q)
      .select(AGENCY_COLUMNS)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  return { items: rows.map(agencyView), total: toCount(count.n), page: query.page, pageSize: query.pageSize };
}

// export --------------------------------------------------------------------------------------

const KIND_LABELS: Record<string, string> = {
  province_committee: 'Ủy ban nhân dân tỉnh',
  department: 'Sở, ban, ngành',
  police: 'Công an',
  service_center: 'Trung tâm phục vụ hành chính công',
  commune_committee: 'Ủy ban nhân dân xã, phường',
  unit: 'Đơn vị trực thuộc',
};

export interface AgencyExportRow {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  phone: string | null;
  address: string | null;
}

export const AGENCY_EXPORT_COLUMNS: ExportColumn<AgencyExportRow>[] = [
  { key: 'code', header: 'Mã cơ quan', width: 16 },
  { key: 'name', header: 'Tên cơ quan', width: 44 },
  { key: 'kind', header: 'Loại', width: 26 },
  { key: 'parent', header: 'Cơ quan cấp trên', width: 44 },
  { key: 'phone', header: 'Số điện thoại', width: 16 },
  { key: 'address', header: 'Địa chỉ', width: 44 },
];

/** How many agencies the filter matches, and all of them in the list's order for a download. */
export async function agencyExport(db: Db, tenantId: string, scope: AdminScope, filter: AgencyFilter) {
  const base = agenciesMatching(db, tenantId, scope, filter);
  if (!base) return { total: 0, rows: [] as AgencyExportRow[] };
  const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = inBatches(async (offset, limit) => {
    const page = await sorted(base, filter.sort, filter.q)
      .leftJoin('agencies as p', (join) =>
        join.onRef('p.id', '=', 'agencies.parent_id').onRef('p.tenant_id', '=', 'agencies.tenant_id'),
      )
      .select([
        'agencies.code',
        'agencies.name',
        'agencies.kind',
        'agencies.phone',
        'agencies.address',
        sql<string | null>`p.name`.as('parent_name'),
      ])
      .limit(limit)
      .offset(offset)
      .execute();
    return page.map((a): AgencyExportRow => ({
      code: a.code,
      name: a.name,
      kind: KIND_LABELS[a.kind] ?? a.kind,
      parent: a.parent_name,
      phone: a.phone,
      address: a.address,
    }));
  });
  return { total: toCount(count.n), rows };
}

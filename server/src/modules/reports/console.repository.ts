import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { parseSort } from '../../platform/http/export.js';
import { escapeLike, normalizeVi } from '../../platform/search/normalize.js';
import { scopeFilter, type ReportScope } from './actors.js';
import type { ListItem, ListQuery, ReportFilters } from './console.schemas.js';
import { stateLabel, type ReportWorkflow } from './workflow-definition.js';

/** The console's report lists: scope, filters, sort and the item shape shared by list, export and detail. */
type Q = SelectQueryBuilder<Database & { r: Database['reports'] }, 'r', object>;

const CLOSED = ['resolved', 'closed', 'rejected'];

/** Late while open: past the resolution deadline or the state's own (triage) deadline. */
export function lateSql(now: Date) {
  return sql<boolean>`(r.state not in ('resolved', 'closed', 'rejected') and ((r.due_at is not null and r.due_at < ${now}) or (r.state_due_at is not null and r.state_due_at < ${now})))`;
}

export function scopedReports(db: Db, tenantId: string, scope: ReportScope): Q {
  return (db.selectFrom('reports as r').where('r.tenant_id', '=', tenantId) as unknown as Q).where((eb) =>
    scopeFilter(eb, scope),
  );
}

export function filteredReports(
  db: Db,
  tenantId: string,
  scope: ReportScope,
  f: ReportFilters,
  now: Date,
): Q {
  let q = scopedReports(db, tenantId, scope);
  if (f.state) q = q.where('r.state', '=', f.state);
  if (f.categoryId) q = q.where('r.category_id', '=', f.categoryId);
  if (f.communeId) q = q.where('r.commune_id', '=', f.communeId);
  if (f.agencyId) q = q.where('r.agency_id', '=', f.agencyId);
  if (f.handlerId) q = q.where('r.handler_id', '=', f.handlerId);
  if (f.late === true) q = q.where(lateSql(now));
  if (f.late === false) q = q.where(sql<boolean>`not ${lateSql(now)}`);
  if (f.escalated === true) q = q.where('r.escalation_level', '>', 0).where('r.state', 'not in', CLOSED);
  if (f.triage !== undefined) q = q.where('r.in_triage', '=', f.triage);
  if (f.from) q = q.where('r.submitted_at', '>=', new Date(f.from));
  if (f.to) q = q.where('r.submitted_at', '<', new Date(f.to));
  for (const word of normalizeVi(f.q ?? '')
    .split(' ')
    .filter(Boolean)) {
    q = q.where('r.search_norm', 'like', `%${escapeLike(word)}%`);
  }
  return q;
}

export async function countReports(q: Q): Promise<number> {
  const row = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const SORT_COLUMNS = { submittedAt: 'r.submitted_at', dueAt: 'r.due_at', code: 'r.code' } as const;

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** One page of list items (or a batch of an export), already shaped. */
export async function listItems(
  q: Q,
  o: { workflow: ReportWorkflow; sort?: ListQuery['sort']; limit: number; offset: number; now: Date },
): Promise<ListItem[]> {
  const { field, direction } = parseSort(o.sort ?? '-submittedAt');
  const rows = await q
    .innerJoin('report_categories as c', 'c.id', 'r.category_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('admin_units as u', 'u.id', 'r.commune_id')
    .leftJoin('officers as o', 'o.id', 'r.handler_id')
    .select([
      'r.id',
      'r.code',
      'r.category_id',
      'c.name as c_name',
      'r.state',
      'r.agency_id',
      'a.name as a_name',
      'r.commune_id',
      'u.name as u_name',
      'r.handler_id',
      'o.full_name as o_name',
      'r.address',
      'r.lat',
      'r.lng',
      'r.submitted_at',
      'r.due_at',
      'r.state_due_at',
      'r.escalation_level',
      'r.in_triage',
      'r.rating',
    ])
    .select(lateSql(o.now).as('late'))
    .select((eb) =>
      eb
        .selectFrom('report_photos as p')
        .whereRef('p.report_id', '=', 'r.id')
        .where('p.purpose', '=', 'report')
        .select(eb.fn.countAll<string>().as('n'))
        .as('photo_count'),
    )
    .orderBy(SORT_COLUMNS[field], (ob) =>
      direction === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast(),
    )
    .orderBy('r.id')
    .limit(o.limit)
    .offset(o.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    category: { id: r.category_id, name: r.c_name },
    state: r.state,
    stateLabel: stateLabel(o.workflow, r.state),
    agency: { id: r.agency_id, name: r.a_name },
    commune: r.commune_id && r.u_name ? { id: r.commune_id, name: r.u_name } : null,
    handler: r.handler_id && r.o_name ? { id: r.handler_id, fullName: r.o_name } : null,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    submittedAt: r.submitted_at.toISOString(),
    dueAt: iso(r.due_at),
    stateDueAt: iso(r.state_due_at),
    late: Boolean(r.late),
    escalationLevel: r.escalation_level,
    inTriage: r.in_triage,
    photoCount: Number(r.photo_count ?? 0),
    rating: r.rating,
  }));
}

/** Open, late and escalated counts per agency, within the scope. */
export async function supervisionCounts(db: Db, tenantId: string, scope: ReportScope, now: Date) {
  const rows = await scopedReports(db, tenantId, scope)
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .where('r.state', 'not in', CLOSED)
    .select(['r.agency_id', 'a.name'])
    .select((eb) => [
      eb.fn.countAll<string>().as('open'),
      sql<string>`count(*) filter (where ${lateSql(now)})`.as('late'),
      sql<string>`count(*) filter (where r.escalation_level > 0)`.as('escalated'),
    ])
    .groupBy(['r.agency_id', 'a.name'])
    .orderBy('a.name')
    .execute();
  return rows.map((r) => ({
    agency: { id: r.agency_id, name: r.name },
    open: Number(r.open),
    late: Number(r.late),
    escalated: Number(r.escalated),
  }));
}

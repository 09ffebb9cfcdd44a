import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { parseSort } from '../../platform/http/export.js';
import { escapeLike, normalizeVi } from '../../platform/search/normalize.js';
import type { ConsoleListItem, ConsoleListQuery } from './dossiers.schemas.js';
import type { DossierScope } from './scope.js';

/** 0912345678 → 09xxxxx678: lists show enough to tell people apart, not to call them. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length < 6
    ? 'x'.repeat(phone.length)
    : `${phone.slice(0, 2)}${'x'.repeat(phone.length - 5)}${phone.slice(-3)}`;
}

type Q = SelectQueryBuilder<Database & { d: Database['dossiers'] }, 'd', object>;

function scoped(db: Db, tenantId: string, scope: DossierScope, agencyId?: string) {
  let q = db.selectFrom('dossiers as d').where('d.tenant_id', '=', tenantId) as unknown as Q;
  if (!scope.all)
    q = q.where('d.agency_id', 'in', [...scope.agencyIds, '00000000-0000-0000-0000-000000000000']);
  if (agencyId) q = q.where('d.agency_id', '=', agencyId);
  return q;
}

const LATE = sql<boolean>`(d.due_at is not null and coalesce(d.completed_at, now()) > d.due_at and d.status not in ('refused', 'withdrawn'))`;

export function consoleQuery(db: Db, tenantId: string, scope: DossierScope, f: ConsoleListQuery) {
  let q = scoped(db, tenantId, scope, f.agencyId);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.procedureId) q = q.where('d.procedure_id', '=', f.procedureId);
  if (f.channel) q = q.where('d.channel', '=', f.channel);
  if (f.assigneeId) q = q.where('d.assignee_id', '=', f.assigneeId);
  if (f.late === true) q = q.where(LATE);
  if (f.from) q = q.where('d.submitted_at', '>=', new Date(f.from));
  if (f.to) q = q.where('d.submitted_at', '<', new Date(f.to));
  for (const word of normalizeVi(f.q ?? '')
    .split(' ')
    .filter(Boolean)) {
    q = q.where('d.search_norm', 'like', `%${escapeLike(word)}%`);
  }
  return q;
}

const SORT_COLUMNS = {
  submittedAt: 'd.submitted_at',
  dueAt: 'd.due_at',
  code: 'd.code',
  status: 'd.status',
} as const;

export async function* consoleRows(
  q: Q,
  sort: ConsoleListQuery['sort'],
  limit: number,
  offset: number,
): AsyncGenerator<ConsoleListItem> {
  const { field, direction } = parseSort(sort ?? '-submittedAt');
  const rows = await q
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .leftJoin('officers as o', 'o.id', 'd.assignee_id')
    .select([
      'd.id',
      'd.code',
      'd.procedure_id',
      'p.name as p_name',
      'd.agency_id',
      'a.name as a_name',
      'd.applicant_name',
      'd.applicant_phone',
      'd.status',
      'd.channel',
      'd.submitted_at',
      'd.received_at',
      'd.due_at',
      'd.paused_at',
      'd.assignee_id',
      'o.full_name as o_name',
      LATE.as('late'),
    ])
    .orderBy(sql`${sql.ref(SORT_COLUMNS[field])} ${sql.raw(direction)} nulls last`)
    .orderBy('d.id')
    .limit(limit)
    .offset(offset)
    .execute();
  for (const r of rows) {
    yield {
      id: r.id,
      code: r.code,
      procedure: { id: r.procedure_id, name: r.p_name },
      agency: { id: r.agency_id, name: r.a_name },
      applicantName: r.applicant_name,
      applicantPhone: maskPhone(r.applicant_phone),
      status: r.status,
      channel: r.channel,
      submittedAt: r.submitted_at.toISOString(),
      receivedAt: r.received_at?.toISOString() ?? null,
      dueAt: r.due_at?.toISOString() ?? null,
      pausedAt: r.paused_at?.toISOString() ?? null,
      assignee: r.assignee_id && r.o_name ? { id: r.assignee_id, name: r.o_name } : null,
      late: r.late === true,
    };
  }
}

export async function countQuery(q: Q): Promise<number> {
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function queueCounts(db: Db, tenantId: string, scope: DossierScope, agencyId?: string) {
  const q = scoped(db, tenantId, scope, agencyId);
  const [rows, late] = await Promise.all([
    q
      .select(['d.status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('d.status')
      .execute(),
    countQuery(q.where('d.status', 'in', ['received', 'processing']).where(LATE)),
  ]);
  const counts: Record<string, number> = Object.fromEntries(
    [
      'submitted',
      'received',
      'processing',
      'supplement_requested',
      'payment_requested',
      'result_ready',
      'returned',
      'refused',
      'withdrawn',
    ].map((s) => [s, 0]),
  );
  for (const r of rows) counts[r.status] = Number(r.n);
  counts.late = late;
  return counts;
}

/**
 * Statistics over dossiers submitted in [from, to): on time = finished (result ready) by the due
 * date; average processing time from receipt to result, in hours.
 */
export async function dossierStats(
  db: Db,
  tenantId: string,
  scope: DossierScope,
  f: { from?: string; to?: string; agencyId?: string },
) {
  let q = scoped(db, tenantId, scope, f.agencyId);
  if (f.from) q = q.where('d.submitted_at', '>=', new Date(f.from));
  if (f.to) q = q.where('d.submitted_at', '<', new Date(f.to));
  const finished = sql<number>`count(*) filter (where d.completed_at is not null and d.due_at is not null)`;
  const onTime = sql<number>`count(*) filter (where d.completed_at is not null and d.due_at is not null and d.completed_at <= d.due_at)`;
  const avgHours = sql<
    number | null
  >`avg(extract(epoch from (d.completed_at - d.received_at)) / 3600) filter (where d.completed_at is not null and d.received_at is not null)`;
  const rate = (done: number, ok: number) => (Number(done) > 0 ? Number(ok) / Number(done) : null);
  const group = async (key: 'procedure' | 'agency') => {
    const rows =
      key === 'procedure'
        ? await q
            .innerJoin('procedures as g', 'g.id', 'd.procedure_id')
            .select([
              'g.id',
              'g.name',
              (eb) => eb.fn.countAll<number>().as('n'),
              finished.as('done'),
              onTime.as('ok'),
              avgHours.as('avg'),
            ])
            .groupBy(['g.id', 'g.name'])
            .orderBy('g.name')
            .execute()
        : await q
            .innerJoin('agencies as g', 'g.id', 'd.agency_id')
            .select([
              'g.id',
              'g.name',
              (eb) => eb.fn.countAll<number>().as('n'),
              finished.as('done'),
              onTime.as('ok'),
              avgHours.as('avg'),
            ])
            .groupBy(['g.id', 'g.name'])
            .orderBy('g.name')
            .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      count: Number(r.n),
      onTimeRate: rate(r.done, r.ok),
      avgProcessingHours: r.avg === null ? null : Math.round(Number(r.avg) * 10) / 10,
    }));
  };
  const [byStatus, byChannel, total, perProcedure, perAgency] = await Promise.all([
    q
      .select(['d.status as k', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('d.status')
      .execute(),
    q
      .select(['d.channel as k', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('d.channel')
      .execute(),
    q.select([finished.as('done'), onTime.as('ok')]).executeTakeFirstOrThrow(),
    group('procedure'),
    group('agency'),
  ]);
  const toMap = (rows: { k: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
  return {
    byStatus: toMap(byStatus),
    byChannel: toMap(byChannel),
    onTimeRate: rate(total.done, total.ok),
    perProcedure,
    perAgency,
  };
}

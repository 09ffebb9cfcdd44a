import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { toCount } from '../../db/pg-types.js';
import { parseSort } from '../../platform/http/export.js';
import { escapeLike, normalizeVi } from '../../platform/search/normalize.js';
import type { AuditEntry, AuditPage, AuditQuery } from './audit-log.schemas.js';

/** Reads of the audit log for the viewer; always within one tenant. The log itself is append-only. */
export type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize' | 'format'>;

function filtered(db: Db, tenantId: string, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    // Only officers have names to show; citizens' names are personal data the log does not repeat.
    .leftJoin('officers', (join) =>
      join
        .on('audit_log.actor_type', '=', 'officer')
        .onRef('officers.tenant_id', '=', 'audit_log.tenant_id')
        .on(sql<boolean>`officers.id::text = audit_log.actor_id`),
    )
    .where('audit_log.tenant_id', '=', tenantId);
  if (filter.action) query = query.where('audit_log.action', '=', filter.action);
  if (filter.actorId) query = query.where('audit_log.actor_id', '=', filter.actorId);
  if (filter.entityType) query = query.where('audit_log.entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('audit_log.entity_id', '=', filter.entityId);
  if (filter.from) query = query.where('audit_log.at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('audit_log.at', '<=', new Date(filter.to));
  const q = filter.q === undefined ? '' : normalizeVi(filter.q);
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    query = query.where(
      sql<boolean>`(lower(audit_log.action) like ${pattern}
        or lower(audit_log.entity_type) like ${pattern}
        or lower(coalesce(audit_log.entity_id, '')) like ${pattern}
        or lower(unaccent(coalesce(officers.full_name, ''))) like ${pattern}
        or lower(coalesce(officers.username::text, '')) like ${pattern})`,
    );
  }
  return query;
}

const COLUMNS = [
  'audit_log.seq',
  'audit_log.at',
  'audit_log.actor_type',
  'audit_log.actor_id',
  'officers.full_name as actor_name',
  'audit_log.action',
  'audit_log.entity_type',
  'audit_log.entity_id',
  'audit_log.data',
  'audit_log.hash',
] as const;

interface Row {
  seq: number;
  at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, unknown>;
  hash: string;
}

function entry(row: Row): AuditEntry {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    details: row.data,
    hash: row.hash,
  };
}

export async function listAudit(db: Db, tenantId: string, query: AuditQuery): Promise<AuditPage> {
  const { direction } = parseSort(query.sort ?? '-seq');
  const base = filtered(db, tenantId, query);
  const rows = await base
    .select([...COLUMNS, sql<number>`count(*) over ()`.as('total')])
    .orderBy('audit_log.seq', direction)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const total = rows[0]
    ? toCount(rows[0].total)
    : query.page === 1
      ? 0
      : await countAudit(db, tenantId, query);
  return { items: rows.map(entry), total, page: query.page, pageSize: query.pageSize };
}

export async function countAudit(db: Db, tenantId: string, filter: AuditFilter): Promise<number> {
  const row = await filtered(db, tenantId, filter)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

/**
 * Every matching row for a download, a thousand at a time by seq (keyset, not offset: the last page
 * of a long log costs what the first does).
 */
export async function* auditRows(db: Db, tenantId: string, filter: AuditFilter): AsyncGenerator<AuditEntry> {
  const { direction } = parseSort(filter.sort ?? '-seq');
  const batch = 1000;
  let after: number | undefined;
  for (;;) {
    let query = filtered(db, tenantId, filter);
    if (after !== undefined) query = query.where('audit_log.seq', direction === 'desc' ? '<' : '>', after);
    const rows = await query.select(COLUMNS).orderBy('audit_log.seq', direction).limit(batch).execute();
    for (const row of rows) yield entry(row);
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.seq;
  }
}

/**
 * The distinct actions of a tenant, for the filter's drop-down. A skip scan over the
 * (tenant_id, action, seq) index: one probe per action rather than a read of the whole log.
 */
export async function auditActions(db: Db, tenantId: string): Promise<string[]> {
  const result = await sql<{ action: string | null }>`
    with recursive found(action) as (
      (select action from audit_log where tenant_id = ${tenantId} order by action limit 1)
      union all
      select (select a.action from audit_log a
              where a.tenant_id = ${tenantId} and a.action > found.action
              order by a.action limit 1)
      from found where found.action is not null
    )
    select action from found where action is not null order by action`.execute(db);
  return result.rows.map((r) => r.action!);
}

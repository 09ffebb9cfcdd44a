import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { beforeCommit } from '../../db/transaction-guard.js';

/**
 * Append-only audit log, one hash chain per tenant. Each row's hash covers its content and the
 * previous row's hash, and rows are numbered 1, 2, 3 … per tenant, so editing or deleting any row
 * breaks verification. Rows are written with the caller's transaction handle, in the same
 * transaction as the change they record; an advisory lock per tenant keeps the chain linear.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditActor {
  type: 'officer' | 'citizen' | 'system' | 'integration';
  id: string | null;
}

export interface AuditEntry {
  tenantId: string;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/** JSON with object keys sorted at every level, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface HashedFields {
  tenant_id: string;
  seq: number;
  at: Date;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: Record<string, unknown>;
  prev_hash: string;
}

export function rowHash(row: HashedFields): string {
  const content = canonicalJson({
    tenant_id: row.tenant_id,
    seq: row.seq,
    at: row.at.toISOString(),
    actor_type: row.actor_type,
    actor_id: row.actor_id,
    action: row.action,
    entity_type: row.entity_type,
    entity_id: row.entity_id,
    data: row.data,
  });
  return createHash('sha256').update(row.prev_hash).update('\n').update(content).digest('hex');
}

/** Entries waiting for the end of their transaction, per transaction handle. */
const pending = new WeakMap<Db, AuditEntry[]>();

/**
 * Appends one row; `tx` must be the transaction that makes the recorded change. Inside `withTx`
 * the row is written at the end of the transaction, just before COMMIT, with the others of the
 * same transaction in one statement: the chain's per-tenant lock is then held for three short
 * statements rather than from the first audited change to COMMIT, so the writers of a province
 * no longer queue behind each other's whole transactions. Rolled back with the transaction, as
 * before.
 */
export async function appendAudit(tx: Db, entry: AuditEntry): Promise<void> {
  if (!tx.isTransaction) throw new Error('appendAudit needs the transaction handle of the change it records');
  // The data is copied now: the caller may change its objects before COMMIT.
  const copy = { ...entry, data: JSON.parse(JSON.stringify(entry.data ?? {})) as Record<string, unknown> };
  const queued = pending.get(tx);
  if (queued) {
    queued.push(copy);
    return;
  }
  const entries = [copy];
  if (beforeCommit(() => writeAuditRows(tx, entries))) {
    pending.set(tx, entries);
    return;
  }
  // A transaction opened without withTx: write at once.
  await writeAuditRows(tx, entries);
}

/** Links `entries` (in order) to their tenants' chains and inserts them in one statement. */
async function writeAuditRows(tx: Db, entries: AuditEntry[]): Promise<void> {
  pending.delete(tx);
  const tenants = [...new Set(entries.map((e) => e.tenantId))].sort();
  const heads = new Map<string, { seq: number; hash: string }>();
  // Sorted, so two transactions that touch the same tenants lock them in the same order.
  for (const tenantId of tenants) {
    await sql`select pg_advisory_xact_lock(hashtext(${'audit:' + tenantId}))`.execute(tx);
    const last = await tx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('tenant_id', '=', tenantId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    heads.set(tenantId, last ?? { seq: 0, hash: GENESIS_HASH });
  }
  // Millisecond precision survives the round trip through timestamptz unchanged.
  const at = new Date();
  const rows = entries.map((entry) => {
    const head = heads.get(entry.tenantId)!;
    const fields: HashedFields = {
      tenant_id: entry.tenantId,
      seq: head.seq + 1,
      at,
      actor_type: entry.actor.type,
      actor_id: entry.actor.id,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      data: entry.data ?? {},
      prev_hash: head.hash,
    };
    const hash = rowHash(fields);
    heads.set(entry.tenantId, { seq: fields.seq, hash });
    return { ...fields, data: JSON.stringify(fields.data), hash };
  });
  await tx.insertInto('audit_log').values(rows).execute();
}

export interface VerifyResult {
  tenantId: string;
  ok: boolean;
  checked: number;
  /** The first row that does not verify, and why. */
  problem?: { seq: number; reason: 'hash_mismatch' | 'broken_link' | 'missing_row' };
}

/** Walks a tenant's chain in pages; reports the first edited, inserted or deleted row. */
export async function verifyAuditChain(db: Db, tenantId: string, pageSize = 1000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq)
        return { tenantId, ok: false, checked, problem: { seq: expectedSeq, reason: 'missing_row' } };
      if (row.prev_hash !== prevHash)
        return { tenantId, ok: false, checked, problem: { seq: row.seq, reason: 'broken_link' } };
      if (rowHash(row) !== row.hash)
        return { tenantId, ok: false, checked, problem: { seq: row.seq, reason: 'hash_mismatch' } };
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < pageSize) return { tenantId, ok: true, checked };
  }
}

import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { VN_UTC_OFFSET_MS } from '../../platform/calendar/working-days.js';

/** yymmdd of an instant in Vietnam time: a dossier submitted at 23:30 on the 5th belongs to the 5th. */
export function vietnamDayStamp(at: Date): string {
  return new Date(at.getTime() + VN_UTC_OFFSET_MS).toISOString().slice(2, 10).replace(/-/g, '');
}

/**
 * The next dossier code `<agency code>-<yymmdd>-<0001>` for a submission at `at`.
 * Must run inside the submitting transaction: the upsert takes the counter row's lock until commit,
 * so concurrent submissions for one prefix are serialized, and a rollback gives the number back —
 * the codes of an agency's day have no gaps (a citizen or an inspector can count them).
 */
export async function nextDossierCode(
  tx: Db,
  tenantId: string,
  agencyCode: string,
  at: Date,
): Promise<string> {
  if (!tx.isTransaction) throw new Error('nextDossierCode needs the transaction handle of the submission');
  const prefix = `${agencyCode}-${vietnamDayStamp(at)}`;
  const row = await sql<{ last_value: number }>`
    insert into dossier_code_counters (tenant_id, prefix, last_value) values (${tenantId}, ${prefix}, 1)
    on conflict (tenant_id, prefix) do update set last_value = dossier_code_counters.last_value + 1
    returning last_value`.execute(tx);
  const value = Number(row.rows[0]!.last_value);
  return `${prefix}-${String(value).padStart(4, '0')}`;
}

import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { vietnamDayStamp } from '../dossiers/dossier-code.js';

export const REPORT_CODE_PREFIX = 'PA';

/** `PA-<yymmdd>-<nnnn>`: the shape of a report code, for lookups by code. */
export const REPORT_CODE_PATTERN = /^PA-\d{6}-\d{4,}$/;

/**
 * The next report code `PA-<yymmdd>-<0001>` for a submission at `at` (the day in Vietnam time).
 * Must run inside the submitting transaction: the upsert holds the counter row's lock until commit,
 * so concurrent submissions are serialized and a rollback gives the number back — the codes of a
 * day have no gaps, and a citizen or an inspector can count them.
 */
export async function nextReportCode(tx: Db, tenantId: string, at: Date): Promise<string> {
  if (!tx.isTransaction) throw new Error('nextReportCode needs the transaction handle of the submission');
  const prefix = `${REPORT_CODE_PREFIX}-${vietnamDayStamp(at)}`;
  const row = await sql<{ last_value: number }>`
    insert into report_code_counters (tenant_id, prefix, last_value) values (${tenantId}, ${prefix}, 1)
    on conflict (tenant_id, prefix) do update set last_value = report_code_counters.last_value + 1
    returning last_value`.execute(tx);
  const value = Number(row.rows[0]!.last_value);
  return `${prefix}-${String(value).padStart(4, '0')}`;
}

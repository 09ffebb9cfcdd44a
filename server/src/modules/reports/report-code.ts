import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { vietnamDayStamp } from '../dossiers/dossier-code.js';

export const REPORT_CODE_PREFIX = 'PA';

/** `PA-<yymmdd>-<nnnn>`: the shape of a report code, for lookups by code. */
export const REPORT_CODE_PATTERN = /^PA-\d{6}-\d{4,}$/;

/**
 * The next report code `PA-<yymmdd>-<0001>` for a submission at `at` (the day in Vietnam time),
 * taken in its own short statement before the submitting transaction: the counter row is locked
 * for that one upsert only, so concurrent submissions do not queue behind each other's whole
 * transaction (at 16 at once, that queue capped submissions at ~25/s). The price: a submission
 * that fails after taking its number (two requests racing with one Idempotency-Key, a photo
 * attached elsewhere in the same instant, the database going away) leaves that number unused.
 * Codes stay unique and increasing within a day. Inside a transaction the number is given back on
 * rollback, as for any row.
 */
export async function nextReportCode(db: Db, tenantId: string, at: Date): Promise<string> {
  const prefix = `${REPORT_CODE_PREFIX}-${vietnamDayStamp(at)}`;
  const row = await sql<{ last_value: number }>`
    insert into report_code_counters (tenant_id, prefix, last_value) values (${tenantId}, ${prefix}, 1)
    on conflict (tenant_id, prefix) do update set last_value = report_code_counters.last_value + 1
    returning last_value`.execute(db);
  const value = Number(row.rows[0]!.last_value);
  return `${prefix}-${String(value).padStart(4, '0')}`;
}

import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Holiday, HolidayCreate } from './tenancy.schemas.js';

/**
 * A province's calendar: the national days (read-only here, seeded by db/seed/holidays.ts) plus its
 * own rows, e.g. a provincial day off or a working Saturday. On a day with both, the province's
 * row wins (see platform/calendar). Writers must invalidate the CalendarService cache.
 */
const holidayColumns = [
  'id',
  sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'),
  'name',
  'kind',
  'tenant_id',
] as const;

function view(row: {
  id: string;
  day: string;
  name: string;
  kind: 'off' | 'working';
  tenant_id: string | null;
}): Holiday {
  return { id: row.id, day: row.day, name: row.name, kind: row.kind, national: row.tenant_id === null };
}

export async function listHolidays(db: Db, tenantId: string, year?: number): Promise<Holiday[]> {
  let query = db
    .selectFrom('holidays')
    .select(holidayColumns)
    .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', tenantId)]));
  if (year !== undefined) {
    query = query.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
  }
  const rows = await query
    .orderBy('day')
    .orderBy(sql`tenant_id nulls first`)
    .execute();
  return rows.map(view);
}

export async function createHoliday(opts: {
  db: Db;
  actor: OfficerPrincipal;
  input: HolidayCreate;
}): Promise<Holiday> {
  const { db, actor, input } = opts;
  return withTx(db, async (tx) => {
    const exists = await tx
      .selectFrom('holidays')
      .select('id')
      .where('tenant_id', '=', actor.tenantId)
      .where('day', '=', input.day)
      .executeTakeFirst();
    if (exists) throw new AppError('HOLIDAY_EXISTS');
    const row = await tx
      .insertInto('holidays')
      .values({ tenant_id: actor.tenantId, day: input.day, name: input.name, kind: input.kind })
      .returning(holidayColumns)
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        if ((error as { code?: string }).code === '23505') throw new AppError('HOLIDAY_EXISTS');
        throw error;
      });
    await appendAudit(tx, {
      tenantId: actor.tenantId,
      actor: { type: 'officer', id: actor.id },
      action: 'holiday.create',
      entityType: 'holiday',
      entityId: row.id,
      data: { ...input },
    });
    return view(row);
  });
}

export async function deleteHoliday(opts: { db: Db; actor: OfficerPrincipal; holidayId: string }) {
  const { db, actor, holidayId } = opts;
  await withTx(db, async (tx) => {
    const row = await tx
      .selectFrom('holidays')
      .select(holidayColumns)
      .where('id', '=', holidayId)
      .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', actor.tenantId)]))
      .executeTakeFirst();
    if (!row) throw new AppError('HOLIDAY_NOT_FOUND');
    if (row.tenant_id === null) throw new AppError('HOLIDAY_NATIONAL_READONLY');
    await tx
      .deleteFrom('holidays')
      .where('id', '=', holidayId)
      .where('tenant_id', '=', actor.tenantId)
      .execute();
    await appendAudit(tx, {
      tenantId: actor.tenantId,
      actor: { type: 'officer', id: actor.id },
      action: 'holiday.delete',
      entityType: 'holiday',
      entityId: holidayId,
      data: { day: row.day, name: row.name, kind: row.kind },
    });
  });
}

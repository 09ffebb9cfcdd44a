import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { WorkingCalendar, type CalendarOptions, type HolidayDay, type HolidayKind } from './working-days.js';

const CACHE_MS = 10 * 60_000;

/** National rows and the tenant's own; on the same day the tenant's row wins. */
export async function loadHolidays(db: Db, tenantId: string): Promise<HolidayDay[]> {
  const rows = await db
    .selectFrom('holidays')
    // `date` comes back from `pg` as a Date at local midnight of the server; text avoids any zone shift.
    .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'kind', 'tenant_id'])
    .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', tenantId)]))
    .execute();
  const byDay = new Map<string, HolidayDay>();
  for (const row of rows.sort((a, b) => Number(a.tenant_id !== null) - Number(b.tenant_id !== null))) {
    byDay.set(row.day, { day: row.day, kind: row.kind as HolidayKind });
  }
  return [...byDay.values()];
}

/**
 * One working calendar per tenant, loaded on first use and kept for ten minutes; holiday writes
 * call `invalidate` so this instance sees them at once (other instances within the ten minutes).
 */
export class CalendarService {
  private readonly cache = new Map<string, { at: number; calendar: Promise<WorkingCalendar> }>();

  constructor(
    private readonly db: Db,
    private readonly options: CalendarOptions = {},
  ) {}

  /** Inside a transaction pass its handle as `db`: the outer handle is refused there. */
  forTenant(tenantId: string, db: Db = this.db): Promise<WorkingCalendar> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.calendar;
    const calendar = loadHolidays(db, tenantId).then((days) => new WorkingCalendar(days, this.options));
    this.cache.set(tenantId, { at: Date.now(), calendar });
    // A failed load must not stay cached.
    calendar.catch(() => {
      if (this.cache.get(tenantId)?.calendar === calendar) this.cache.delete(tenantId);
    });
    return calendar;
  }

  /** Forget one tenant, or every tenant (national rows changed). */
  invalidate(tenantId?: string): void {
    if (tenantId === undefined) this.cache.clear();
    else this.cache.delete(tenantId);
  }
}

import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { withTx } from '../transaction-guard.js';

/**
 * National public holidays for public employees (cán bộ, công chức, viên chức), as data. Run at every
 * start: the rows of the years listed here are made to match this list exactly (added, renamed,
 * removed), and nothing else is touched, so running it twice changes nothing. Provinces add their own
 * days through the holiday admin routes (rows with their tenant id), which this seed never touches.
 *
 * Labour Code 2019, Art. 112: Tết Dương lịch 1 day; Tết Âm lịch 5 days; Giỗ Tổ Hùng Vương (10/3 lunar)
 * 1 day; 30/4 1 day; 1/5 1 day; Quốc khánh 2 days (2/9 and one day before or after). A holiday on a
 * weekend is compensated on the next working day; the Government swaps working days every year.
 * Kind 'off' = a day off; 'working' = a weekend day worked in exchange (làm bù).
 *
 * Sources (checked when this list was written):
 *  2025 — Tết 25/1–2/2 (Sat–Sun, weekdays 27–31/1 off); 30/4–4/5 with Fri 2/5 swapped for Sat 26/4;
 *         Giỗ Tổ Mon 7/4; Quốc khánh 30/8–2/9 (1/9 and 2/9 off). Prime Minister's decisions as
 *         reported by the press (e.g. thoidai.com.vn, "Người lao động sẽ có kỳ nghỉ 30/4-1/5 dài 5 ngày").
 *  2026 — Tết Dương lịch 1/1–4/1, Fri 2/1 swapped for Sat 10/1 (VPCP letter 12729/VPCP-KGVX,
 *         25/12/2025); Tết Bính Ngọ 14/2–22/2, weekdays 16–20/2 off, and Quốc khánh 29/8–2/9 with
 *         Mon 31/8 swapped for Sat 22/8 (approved by the Prime Minister, Thanh Niên 13/10/2025);
 *         Giỗ Tổ Sun 26/4 compensated Mon 27/4; 30/4 Thu and 1/5 Fri (Thanh Niên 23/2/2026).
 * Add each new year here once the Government announces it (usually in the autumn before).
 */
export interface NationalHoliday {
  day: string;
  name: string;
  kind: 'off' | 'working';
}

function range(from: string, to: string, name: string): NationalHoliday[] {
  const days: NationalHoliday[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push({ day: new Date(t).toISOString().slice(0, 10), name, kind: 'off' });
  }
  return days;
}

const off = (day: string, name: string): NationalHoliday => ({ day, name, kind: 'off' });
const working = (day: string, name: string): NationalHoliday => ({ day, name, kind: 'working' });

export const NATIONAL_HOLIDAYS: Record<number, NationalHoliday[]> = {
  2025: [
    off('2025-01-01', 'Tết Dương lịch'),
    ...range('2025-01-27', '2025-01-31', 'Tết Nguyên đán Ất Tỵ'),
    off('2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
    working('2025-04-26', 'Làm bù cho ngày nghỉ thứ Sáu 02/5/2025'),
    off('2025-04-30', 'Ngày Chiến thắng (30/4)'),
    off('2025-05-01', 'Ngày Quốc tế Lao động (1/5)'),
    off('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)'),
    off('2025-09-01', 'Quốc khánh (ngày liền kề)'),
    off('2025-09-02', 'Quốc khánh (2/9)'),
  ],
  2026: [
    off('2026-01-01', 'Tết Dương lịch'),
    off('2026-01-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)'),
    working('2026-01-10', 'Làm bù cho ngày nghỉ thứ Sáu 02/01/2026'),
    ...range('2026-02-16', '2026-02-20', 'Tết Nguyên đán Bính Ngọ'),
    off('2026-04-26', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'),
    off('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (26/4 là Chủ nhật)'),
    off('2026-04-30', 'Ngày Chiến thắng (30/4)'),
    off('2026-05-01', 'Ngày Quốc tế Lao động (1/5)'),
    working('2026-08-22', 'Làm bù cho ngày nghỉ thứ Hai 31/8/2026'),
    off('2026-08-31', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)'),
    off('2026-09-01', 'Quốc khánh (ngày liền kề)'),
    off('2026-09-02', 'Quốc khánh (2/9)'),
  ],
};

export interface SeedHolidaysResult {
  added: number;
  updated: number;
  removed: number;
}

/** Makes the national rows of the listed years equal to `NATIONAL_HOLIDAYS`; idempotent. */
export async function seedNationalHolidays(
  db: Db,
  holidays: Record<number, NationalHoliday[]> = NATIONAL_HOLIDAYS,
): Promise<SeedHolidaysResult> {
  const years = Object.keys(holidays).map(Number);
  const wanted = new Map(Object.values(holidays).flatMap((list) => list.map((h) => [h.day, h] as const)));
  return withTx(db, async (tx) => {
    const existing = await tx
      .selectFrom('holidays')
      .select(['id', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'name', 'kind'])
      .where('tenant_id', 'is', null)
      .where(sql<number>`extract(year from day)::int`, 'in', years)
      .execute();
    const result: SeedHolidaysResult = { added: 0, updated: 0, removed: 0 };
    const seen = new Set<string>();
    for (const row of existing) {
      const want = wanted.get(row.day);
      seen.add(row.day);
      if (!want) {
        await tx.deleteFrom('holidays').where('id', '=', row.id).execute();
        result.removed++;
      } else if (want.name !== row.name || want.kind !== row.kind) {
        await tx
          .updateTable('holidays')
          .set({ name: want.name, kind: want.kind })
          .where('id', '=', row.id)
          .execute();
        result.updated++;
      }
    }
    const missing = [...wanted.values()].filter((h) => !seen.has(h.day));
    if (missing.length > 0) {
      await tx
        .insertInto('holidays')
        .values(missing.map((h) => ({ tenant_id: null, day: h.day, name: h.name, kind: h.kind })))
        // Two instances starting together on PostgreSQL: the second one's rows are already there.
        .onConflict((oc) => oc.doNothing())
        .execute();
      result.added = missing.length;
    }
    return result;
  });
}

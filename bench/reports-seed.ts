/**
 * The data of the report benchmarks (bench/reports.ts), written straight into the benchmark's
 * database: categories and commune centres when the demo data has none, BENCH_REPORTS reports
 * (default 1,000,000) over Tây Ninh with generate_series, and signed-in citizens to submit.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { DEFAULT_CATEGORIES } from '../server/src/modules/reports/categories-defaults.js';

export const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000);
export const TENANT = 'tay-ninh';
/** Concurrent citizens submitting: enough to keep both cores busy re-encoding photos. */
export const SUBMITTERS = 16;
/** The seeded reports cover Tây Ninh: 0.7° × 0.7° from this corner. */
const AREA = { lat: 10.9, lng: 105.8, size: 0.7 };

/** Where report g of the seed lies; the same formula as the SQL below. */
const seededPoint = (g: number) => ({
  lat: AREA.lat + ((g * 7919) % 700_000) / 1e6,
  lng: AREA.lng + ((g * 104_729) % 700_000) / 1e6,
});

export interface Seeded {
  categoryId: string;
  point: { lat: number; lng: number };
  tokens: string[];
}

/** Categories, commune centres and citizens when the demo data has none; then the reports. */
export async function seed(databaseUrl: string): Promise<Seeded> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    let { rows: categories } = await db.query<{ id: string; code: string }>(
      `select id, code from report_categories where tenant_id = $1 and enabled order by sort_order`,
      [TENANT],
    );
    if (categories.length === 0) {
      for (const [i, c] of DEFAULT_CATEGORIES.entries()) {
        await db.query(
          `insert into report_categories (tenant_id, code, name, name_norm, description, sla_value, sla_unit,
             duplicate_radius_m, proof_photo_required, form, sort_order)
           values ($1, $2, $3, lower($3), $4, $5, $6, $7, $8, $9, $10)`,
          [
            TENANT,
            c.code,
            c.name,
            c.description,
            c.slaValue,
            c.slaUnit,
            c.duplicateRadiusM,
            c.proofPhotoRequired,
            JSON.stringify(c.form),
            i + 1,
          ],
        );
      }
      ({ rows: categories } = await db.query(
        `select id, code from report_categories where tenant_id = $1 and enabled order by sort_order`,
        [TENANT],
      ));
    }
    // Commune centres on a grid over the area, so every seeded point has a commune within reach.
    const { rows: communes } = await db.query<{ id: string }>(
      `select id from admin_units where tenant_id = $1 and level = 'commune' order by code`,
      [TENANT],
    );
    const side = Math.ceil(Math.sqrt(communes.length));
    for (const [i, c] of communes.entries()) {
      const lat = AREA.lat + ((Math.floor(i / side) + 0.5) * AREA.size) / side;
      const lng = AREA.lng + (((i % side) + 0.5) * AREA.size) / side;
      await db.query(
        `insert into admin_unit_geo (admin_unit_id, tenant_id, centre_lat, centre_lng) values ($1, $2, $3, $4)
         on conflict (admin_unit_id) do nothing`,
        [c.id, TENANT, lat, lng],
      );
    }
    const { rows: agencies } = await db.query<{ id: string }>(
      `select id from agencies where tenant_id = $1 order by code`,
      [TENANT],
    );
    const categoryIds = categories.map((c) => c.id);
    const agencyIds = agencies.map((a) => a.id);
    const started = Date.now();
    for (let from = 0; from < REPORTS; from += 100_000) {
      const to = Math.min(from + 100_000, REPORTS) - 1;
      // Half finished (closed/resolved), the rest spread over open states and a few rejections.
      await db.query(
        `insert into reports (tenant_id, code, category_id, state, source, reporter_name, show_name, description,
           lat, lng, location_source, agency_id, submitted_at, updated_at, due_at, resolved_at, resolved_late,
           rating, search_norm)
         select $1, 'BN-' || g, ($2::uuid[])[1 + g % $3], s.state, 'app', 'Người dân ' || g, g % 3 = 0,
           'Phản ánh thử nghiệm số ' || g,
           ${AREA.lat} + ((g::bigint * 7919) % 700000) / 1e6, ${AREA.lng} + ((g::bigint * 104729) % 700000) / 1e6,
           'device', ($4::uuid[])[1 + g % $5], t.at, t.at + interval '2 days', t.at + interval '3 days',
           case when s.state in ('resolved', 'closed') then t.at + (g % 120) * interval '1 hour' end,
           case when s.state in ('resolved', 'closed') then g % 120 > 72 end,
           case when s.state = 'closed' then 1 + g % 5 end, 'bn-' || g
         from generate_series($6::int, $7::int) g
         cross join lateral (select (array['closed','resolved','closed','in_progress','assigned','closed',
           'rejected','submitted','reopened','resolved'])[1 + g % 10] as state) s
         cross join lateral (select now() - (g % 730) * interval '1 day' - (g % 1440) * interval '1 minute' as at) t`,
        [TENANT, categoryIds, categoryIds.length, agencyIds, agencyIds.length, from, to],
      );
    }
    // A hotspot, as real duplicates cluster: 30 open reports of the probe's category within ~40 m of
    // it, so the nearby query returns its full page instead of an empty one.
    const probe = Math.floor(REPORTS / 2);
    const probeCategory = categoryIds[probe % categoryIds.length]!;
    // At a commune's centre, so the submissions made there are inside the province whatever
    // geography the demo data loaded.
    const { rows: centres } = await db.query<{ lat: number; lng: number }>(
      `select g.centre_lat as lat, g.centre_lng as lng from admin_unit_geo g
       join admin_units u on u.id = g.admin_unit_id where g.tenant_id = $1 order by u.code limit 1`,
      [TENANT],
    );
    const point = centres[0] ?? seededPoint(probe);
    await db.query(
      `insert into reports (tenant_id, code, category_id, state, source, description, lat, lng, location_source,
         agency_id, due_at, search_norm)
       select $1::text, 'BN-HOT-' || g, $2::uuid, 'in_progress', 'app', 'Điểm nóng thử nghiệm ' || g,
         $3::float8 + (g % 6 - 3) * 0.00006, $4::float8 + (g / 6 - 2) * 0.00006, 'device', $5::uuid, now() + interval '3 days', ''
       from generate_series(0, 29) g`,
      [TENANT, probeCategory, point.lat, point.lng, agencyIds[0]],
    );
    await db.query('analyze reports');
    process.stderr.write(`seeded ${REPORTS} reports in ${Math.round((Date.now() - started) / 1000)} s\n`);

    const tokens: string[] = [];
    for (let i = 0; i < SUBMITTERS; i += 1) {
      const { rows } = await db.query<{ id: string }>(
        `insert into citizens (tenant_id, zalo_id, display_name, phone) values ($1, $2, $3, $4) returning id`,
        [TENANT, `bench-${randomUUID()}`, `Người dân thử ${i}`, `09${String(10_000_000 + i)}`],
      );
      const token = randomBytes(32).toString('base64url');
      await db.query(
        `insert into sessions (id, tenant_id, subject_type, subject_id, csrf_token, expires_at)
         values ($1, $2, 'citizen', $3, null, now() + interval '2 hours')`,
        [createHash('sha256').update(token).digest('hex'), TENANT, rows[0]!.id],
      );
      tokens.push(token);
    }
    return { categoryId: probeCategory, point, tokens };
  } finally {
    await db.end();
  }
}

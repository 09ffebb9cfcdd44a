import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../platform/errors/app-error.js';
import { locatePoint, type Location } from './geo.js';

export interface RouteResult {
  communeId: string | null;
  agencyId: string;
  /** No rule matched: the report waits in the coordination centre's triage queue. */
  inTriage: boolean;
  location: Location;
}

/**
 * The province's triage agency: the one set in report_settings, else its coordination centre,
 * else the agency at the top of the tree — a report always has an agency to answer for it.
 */
export async function triageAgencyId(db: Db, tenantId: string): Promise<string> {
  const settings = await db
    .selectFrom('report_settings')
    .select('triage_agency_id')
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  if (settings?.triage_agency_id) return settings.triage_agency_id;
  const fallback = await db
    .selectFrom('agencies')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('kind', '=', 'coordination_center'), eb('parent_id', 'is', null)]))
    .orderBy(sql`case when kind = 'coordination_center' then 0 else 1 end`)
    .orderBy('code')
    .executeTakeFirst();
  if (!fallback) throw new AppError('REPORT_AGENCY_INVALID');
  return fallback.id;
}

/**
 * Category + point → agency, by rules kept as data (report_routing_rules). The most specific rule
 * wins — category and commune, then category only, then commune only, higher priority first within
 * one level —, then the category's default agency, then the triage queue.
 */
export async function routeReport(o: {
  db: Db;
  tenantId: string;
  categoryId: string;
  lat: number;
  lng: number;
}): Promise<RouteResult> {
  const { db, tenantId, categoryId } = o;
  const location = await locatePoint(db, tenantId, { lat: o.lat, lng: o.lng });
  const communeId = location.commune?.id ?? null;
  const rule = await db
    .selectFrom('report_routing_rules')
    .select(['agency_id'])
    .where('tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('category_id', '=', categoryId),
          communeId ? eb('commune_id', '=', communeId) : eb('commune_id', 'is', null),
        ]),
        eb.and([eb('category_id', '=', categoryId), eb('commune_id', 'is', null)]),
        ...(communeId ? [eb.and([eb('category_id', 'is', null), eb('commune_id', '=', communeId)])] : []),
      ]),
    )
    .orderBy(
      sql`case when category_id is not null and commune_id is not null then 0
               when category_id is not null then 1 else 2 end`,
    )
    .orderBy('priority', 'desc')
    .orderBy('created_at')
    .executeTakeFirst();
  if (rule) return { communeId, agencyId: rule.agency_id, inTriage: false, location };
  const category = await db
    .selectFrom('report_categories')
    .select('default_agency_id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', categoryId)
    .executeTakeFirst();
  if (category?.default_agency_id) {
    return { communeId, agencyId: category.default_agency_id, inTriage: false, location };
  }
  return { communeId, agencyId: await triageAgencyId(db, tenantId), inTriage: true, location };
}

import { sql } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { AgencyScore } from './feed.schemas.js';
import type { ReportWorkflow } from './workflow-definition.js';

/**
 * Each agency's public scores, in one aggregate over its reports:
 *  - total: the reports it holds, except rejected ones (spam and duplicates say nothing about the
 *    agency's work);
 *  - resolved: those in a finished state (not open, not rejected: `resolved` and `closed`);
 *  - onTimeRate: the share of the resolved ones whose (last) resolution came by the deadline;
 *  - avgResolutionHours: mean calendar hours from submission to resolution — what a citizen waits,
 *    not working hours;
 *  - avgRating / ratings: the reporters' ratings.
 * Reports a moderator hid from the public still count: hiding protects content, not the agency.
 */
export function finishedStates(workflow: ReportWorkflow): string[] {
  return Object.entries(workflow.states)
    .filter(([name, s]) => !s.open && name !== 'rejected')
    .map(([name]) => name);
}

const round = (value: number | null, digits: number) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;

export async function agencyScores(
  db: Db,
  tenantId: string,
  workflow: ReportWorkflow,
): Promise<AgencyScore[]> {
  // An empty `in ()` is not valid SQL; a state name never matches the empty string.
  const finished = finishedStates(workflow);
  const done = sql`r.state in (${sql.join(finished.length > 0 ? finished : [''])}) and r.resolved_at is not null`;
  const rows = await db
    .selectFrom('reports as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .where('r.tenant_id', '=', tenantId)
    .where('r.state', '<>', 'rejected')
    .groupBy(['a.id', 'a.name'])
    .select([
      'a.id',
      'a.name',
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) filter (where ${done})`.as('resolved'),
      sql<string>`count(*) filter (where ${done} and r.resolved_late = false)`.as('on_time'),
      sql<
        string | null
      >`avg(extract(epoch from (r.resolved_at - r.submitted_at)) / 3600.0) filter (where ${done})`.as(
        'avg_hours',
      ),
      sql<string | null>`avg(r.rating)`.as('avg_rating'),
      sql<string>`count(r.rating)`.as('ratings'),
    ])
    .orderBy('a.name')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => {
    const resolved = Number(r.resolved);
    return {
      agency: { id: r.id, name: r.name },
      total: Number(r.total),
      resolved,
      onTimeRate: resolved > 0 ? round(Number(r.on_time) / resolved, 4) : null,
      avgResolutionHours: round(r.avg_hours === null ? null : Number(r.avg_hours), 1),
      avgRating: round(r.avg_rating === null ? null : Number(r.avg_rating), 2),
      ratings: Number(r.ratings),
    };
  });
}

import type { Db } from '../../db/connection.js';
import type { FeedItem, FeedQuery, FeedTimelineEntry } from './feed.schemas.js';
import { stateLabel, type ReportWorkflow } from './workflow-definition.js';

/**
 * Reads for the public feed. Every query starts from `publicReports`, which applies the two rules
 * that make a report public at all (a public state of the tenant's workflow, not hidden by a
 * moderator); the mapping to FeedItem applies the finer moderation (hidden text, hidden photos, the
 * reporter's choice about the name). Nothing here selects contact data.
 */
export function publicStates(workflow: ReportWorkflow): string[] {
  return Object.entries(workflow.states)
    .filter(([, s]) => s.public)
    .map(([name]) => name);
}

export const photoPath = (fileId: string) => `/api/reports/photos/${fileId}`;

function publicReports(db: Db, tenantId: string, states: string[]) {
  return db
    .selectFrom('reports as r')
    .where('r.tenant_id', '=', tenantId)
    .where('r.public_hidden', '=', false)
    .where('r.state', 'in', states);
}

type PublicQuery = ReturnType<typeof publicReports>;

function selectItem(q: PublicQuery) {
  return q
    .innerJoin('report_categories as c', 'c.id', 'r.category_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('admin_units as u', 'u.id', 'r.commune_id')
    .leftJoin('citizens as ct', 'ct.id', 'r.citizen_id')
    .select([
      'r.id',
      'r.code',
      'c.code as category_code',
      'c.name as category_name',
      'r.state',
      'r.description',
      'r.description_hidden',
      'r.address',
      'u.id as commune_id',
      'u.name as commune_name',
      'a.id as agency_id',
      'a.name as agency_name',
      'r.lat',
      'r.lng',
      'r.submitted_at',
      'r.resolved_at',
      'r.show_name',
      'r.reporter_name',
      'ct.display_name as citizen_name',
      'r.answer',
      'r.answer_hidden',
    ]);
}

/**
 * The feed counts at most this many reports: counting every public report of a province (hundreds
 * of thousands after a few years) would cost more than the page itself, and nobody pages that deep
 * — the map and the filters narrow the list instead.
 */
export const FEED_COUNT_CAP = 1_000;

type ItemRow = Awaited<ReturnType<ReturnType<typeof selectItem>['executeTakeFirstOrThrow']>>;
interface PhotoRow {
  report_id: string;
  file_id: string;
  purpose: 'report' | 'resolution';
}

async function visiblePhotos(db: Db, reportIds: string[]): Promise<Map<string, PhotoRow[]>> {
  const byReport = new Map<string, PhotoRow[]>();
  if (reportIds.length === 0) return byReport;
  const rows = await db
    .selectFrom('report_photos')
    .select(['report_id', 'file_id', 'purpose'])
    .where('report_id', 'in', reportIds)
    .where('hidden', '=', false)
    .orderBy('report_id')
    .orderBy('purpose')
    .orderBy('position')
    .orderBy('added_at')
    .execute();
  for (const row of rows) {
    const list = byReport.get(row.report_id) ?? [];
    list.push(row);
    byReport.set(row.report_id, list);
  }
  return byReport;
}

function toItem(row: ItemRow, workflow: ReportWorkflow, photos: PhotoRow[]): FeedItem {
  const link = (purpose: PhotoRow['purpose']) =>
    photos.filter((p) => p.purpose === purpose).map((p) => ({ url: photoPath(p.file_id) }));
  // The name a citizen gave on an Open311 form, else their Zalo display name; only by their choice.
  const name = row.reporter_name ?? row.citizen_name;
  return {
    id: row.id,
    code: row.code,
    category: { code: row.category_code, name: row.category_name },
    state: row.state,
    stateLabel: stateLabel(workflow, row.state),
    description: row.description_hidden ? null : row.description,
    address: row.address,
    commune: row.commune_id && row.commune_name ? { id: row.commune_id, name: row.commune_name } : null,
    agency: { id: row.agency_id, name: row.agency_name },
    lat: row.lat,
    lng: row.lng,
    submittedAt: row.submitted_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    reporterName: row.show_name && name ? name : null,
    answer: row.answer_hidden ? null : row.answer,
    photos: link('report'),
    resolutionPhotos: link('resolution'),
  };
}

/** [south, west, north, east], or undefined when the text is not four finite numbers in range. */
export function parseBbox(text: string | undefined): [number, number, number, number] | undefined {
  if (!text) return undefined;
  const parts = text.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const [s, w, n, e] = parts as [number, number, number, number];
  if (s > n || w > e || s < -90 || n > 90 || w < -180 || e > 180) return undefined;
  return [s, w, n, e];
}

export async function listFeed(
  db: Db,
  tenantId: string,
  workflow: ReportWorkflow,
  query: FeedQuery,
): Promise<{ items: FeedItem[]; total: number }> {
  const all = publicStates(workflow);
  // Asking for a state that is not public answers an empty page, never that state's reports.
  const states = query.state ? all.filter((s) => s === query.state) : all;
  if (states.length === 0) return { items: [], total: 0 };
  let q = publicReports(db, tenantId, states);
  if (query.categoryId) q = q.where('r.category_id', '=', query.categoryId);
  if (query.communeId) q = q.where('r.commune_id', '=', query.communeId);
  if (query.agencyId) q = q.where('r.agency_id', '=', query.agencyId);
  const bbox = parseBbox(query.bbox);
  if (bbox) {
    const [s, w, n, e] = bbox;
    q = q.where('r.lat', '>=', s).where('r.lat', '<=', n).where('r.lng', '>=', w).where('r.lng', '<=', e);
  }
  const [rows, count] = await Promise.all([
    selectItem(q)
      // Recently changed first: a resolution moves a report back to the top.
      .orderBy('r.updated_at', 'desc')
      .orderBy('r.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    db
      .selectFrom(
        q
          .select('r.id')
          .limit(FEED_COUNT_CAP + 1)
          .as('capped'),
      )
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const photos = await visiblePhotos(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toItem(r, workflow, photos.get(r.id) ?? [])),
    total: Math.min(Number(count.n), FEED_COUNT_CAP),
  };
}

/** What the feed shows of one report, or undefined when it is not public. */
export async function findFeedItem(
  db: Db,
  tenantId: string,
  workflow: ReportWorkflow,
  id: string,
): Promise<(FeedItem & { timeline: FeedTimelineEntry[] }) | undefined> {
  const row = await selectItem(publicReports(db, tenantId, publicStates(workflow)))
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const [photos, events] = await Promise.all([
    visiblePhotos(db, [id]),
    db
      .selectFrom('report_events')
      .select(['at', 'action', 'to_state', 'note'])
      .where('report_id', '=', id)
      .where('public', '=', true)
      .orderBy('at')
      .orderBy('id')
      .execute(),
  ]);
  const item = toItem(row, workflow, photos.get(id) ?? []);
  const timeline = events.map((e) => ({
    at: e.at.toISOString(),
    action: e.action,
    label:
      workflow.actions[e.action]?.label ?? EVENT_LABELS[e.action] ?? stateLabel(workflow, e.to_state ?? ''),
    toState: e.to_state,
    // A reopen note is the reporter's own words and a transfer note is between agencies: only the
    // answer, which the agency writes for the public, is shown, and not once a moderator hid it.
    note: e.action === 'resolve' && item.answer !== null ? e.note : null,
  }));
  return { ...item, timeline };
}

/** Events that are not workflow actions (the submission itself). */
const EVENT_LABELS: Record<string, string> = { submit: 'Gửi phản ánh' };

/** The stored file behind a public photo, or undefined when the photo must not be shown. */
export async function findPublicPhoto(
  db: Db,
  fileId: string,
  workflowOf: (tenantId: string) => Promise<ReportWorkflow>,
) {
  const rows = await db
    .selectFrom('report_photos as p')
    .innerJoin('reports as r', 'r.id', 'p.report_id')
    .innerJoin('files as f', 'f.id', 'p.file_id')
    .select(['r.tenant_id', 'r.state', 'f.storage_key', 'f.content_type', 'f.size_bytes', 'f.sha256'])
    .where('p.file_id', '=', fileId)
    .where('p.hidden', '=', false)
    .where('r.public_hidden', '=', false)
    .whereRef('f.tenant_id', '=', 'r.tenant_id')
    .limit(4)
    .execute();
  for (const row of rows) {
    const workflow = await workflowOf(row.tenant_id);
    if (workflow.states[row.state]?.public) return row;
  }
  return undefined;
}

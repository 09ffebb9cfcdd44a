import type { Updateable } from 'kysely';
import type { Db } from '../../db/connection.js';
import type { ReportsTable } from '../../db/schema.js';
import type { WorkingCalendar } from '../../platform/calendar/working-days.js';
import { AppError } from '../../platform/errors/app-error.js';
import { handlersFor } from './actors.js';
import { slaDeadline, type CategorySla } from './sla.js';
import {
  MAX_REPORT_PHOTOS,
  REJECT_REASONS,
  type RejectReason,
  type ReportActionInput,
  type ReportActor,
  type ReportRow,
} from './types.js';
import type { ReportActionDefinition, ReportSettings } from './workflow-definition.js';

/**
 * What an action does besides moving the state (docs/reports-api.md "Rules the engine keeps"). Each
 * effect validates its input, then returns the row patch, the event data, and when it decides them
 * at run time a different target state or notice (rate: closed, or reopened when not fixed).
 */
export interface EffectContext {
  tx: Db;
  tenantId: string;
  report: ReportRow;
  action: string;
  def: ReportActionDefinition;
  settings: ReportSettings;
  calendar: WorkingCalendar;
  category: CategorySla & { proof_photo_required: boolean };
  actor: ReportActor;
  input: ReportActionInput;
  now: Date;
}

export interface Effect {
  patch: Updateable<ReportsTable>;
  data: Record<string, unknown>;
  to?: string;
  /** Overrides the definition's notice; null sends none. */
  notice?: string | null;
}

const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function required(path: string): AppError {
  return new AppError('VALIDATION_FAILED', { fields: [{ path, rule: 'required' }] });
}

/** Checks the definition's `requires` list before any effect runs. */
export function checkRequirements(def: ReportActionDefinition, input: ReportActionInput): void {
  for (const need of def.requires ?? []) {
    if (need === 'answer' && !input.answer?.trim()) throw new AppError('REPORT_ANSWER_REQUIRED');
    if (need === 'reason' && !input.reason) throw new AppError('REPORT_REASON_REQUIRED');
    if (need === 'agency' && !input.agencyId) throw new AppError('REPORT_AGENCY_INVALID');
    if (need === 'handler' && !input.handlerId) throw new AppError('REPORT_HANDLER_INVALID');
    if (need === 'note' && !input.note?.trim()) throw required('note');
    if (need === 'rating' && input.rating === undefined) throw required('rating');
  }
}

/** The reporter may reopen (or rate "not fixed") until `reopen_days` after the resolution. */
export function reopenUntil(report: ReportRow, settings: ReportSettings): Date | null {
  return report.resolved_at ? new Date(report.resolved_at.getTime() + settings.reopenDays * DAY_MS) : null;
}

async function checkAgency(c: EffectContext, agencyId: string | undefined): Promise<string> {
  if (!agencyId || !UUID.test(agencyId)) throw new AppError('REPORT_AGENCY_INVALID');
  const found = await c.tx
    .selectFrom('agencies')
    .select('id')
    .where('tenant_id', '=', c.tenantId)
    .where('id', '=', agencyId)
    .executeTakeFirst();
  if (!found) throw new AppError('REPORT_AGENCY_INVALID');
  return agencyId;
}

/** A new clock from now: the category SLA again, escalation cleared. */
function reopenPatch(c: EffectContext): Updateable<ReportsTable> {
  return {
    due_at: slaDeadline(c.calendar, c.category, c.now),
    escalation_level: 0,
    escalated_at: null,
    reopen_count: c.report.reopen_count + 1,
    closed_at: null,
  };
}

async function addResolutionPhotos(c: EffectContext, fileIds: string[]): Promise<void> {
  const ids = [...new Set(fileIds)];
  if (ids.length > MAX_REPORT_PHOTOS || ids.some((id) => !UUID.test(id)))
    throw new AppError('REPORT_PHOTO_INVALID');
  let q = c.tx
    .selectFrom('files')
    .select('id')
    .where('tenant_id', '=', c.tenantId)
    .where('id', 'in', ids)
    .where('kind', '=', 'image');
  // Proof is the acting officer's own upload, never someone else's file picked by id.
  if (c.actor.type === 'officer')
    q = q.where('owner_type', '=', 'officer').where('owner_id', '=', c.actor.id);
  if ((await q.execute()).length !== ids.length) throw new AppError('REPORT_PHOTO_INVALID');
  await c.tx
    .insertInto('report_photos')
    .values(
      ids.map((fileId, position) => ({
        tenant_id: c.tenantId,
        report_id: c.report.id,
        file_id: fileId,
        purpose: 'resolution' as const,
        position,
        added_at: c.now,
      })),
    )
    .onConflict((oc) => oc.columns(['report_id', 'file_id']).doNothing())
    .execute();
}

/** "Merge duplicates": the duplicate's reporter and followers now follow the original. */
async function mergeFollowers(c: EffectContext, originalId: string): Promise<number> {
  const original = await c.tx
    .selectFrom('reports')
    .select(['id', 'state', 'citizen_id'])
    .where('tenant_id', '=', c.tenantId)
    .where('id', '=', originalId)
    .executeTakeFirst();
  if (!original || original.id === c.report.id || original.state === 'rejected')
    throw new AppError('REPORT_DUPLICATE_INVALID');
  const followers = await c.tx
    .selectFrom('report_followers')
    .select('citizen_id')
    .where('report_id', '=', c.report.id)
    .execute();
  const ids = new Set(followers.map((f) => f.citizen_id));
  if (c.report.citizen_id) ids.add(c.report.citizen_id);
  if (original.citizen_id) ids.delete(original.citizen_id);
  if (ids.size === 0) return 0;
  await c.tx
    .insertInto('report_followers')
    .values(
      [...ids].map((citizenId) => ({
        tenant_id: c.tenantId,
        report_id: original.id,
        citizen_id: citizenId,
        created_at: c.now,
      })),
    )
    .onConflict((oc) => oc.columns(['report_id', 'citizen_id']).doNothing())
    .execute();
  return ids.size;
}

export async function actionEffects(c: EffectContext): Promise<Effect> {
  const { report, input, now } = c;
  switch (c.action) {
    case 'route':
    case 'assign_agency': {
      const agencyId = await checkAgency(c, input.agencyId);
      return { patch: { agency_id: agencyId, in_triage: false, handler_id: null }, data: { agencyId } };
    }
    case 'assign_handler': {
      const fits = UUID.test(input.handlerId ?? '')
        ? await handlersFor(c.tx, c.tenantId, report.agency_id, input.handlerId)
        : [];
      if (fits.length === 0) throw new AppError('REPORT_HANDLER_INVALID');
      return { patch: { handler_id: input.handlerId! }, data: { handlerId: input.handlerId } };
    }
    case 'start': {
      // Whoever starts the work holds it unless a supervisor already gave it to someone.
      const handlerId = report.handler_id ?? (c.actor.type === 'officer' ? c.actor.id : null);
      return { patch: { handler_id: handlerId }, data: {} };
    }
    case 'transfer': {
      const agencyId = await checkAgency(c, input.agencyId);
      if (agencyId === report.agency_id) throw new AppError('REPORT_AGENCY_INVALID');
      const inTriage = agencyId === c.settings.triageAgencyId;
      return {
        patch: { agency_id: agencyId, handler_id: null, in_triage: inTriage },
        data: { fromAgencyId: report.agency_id, agencyId },
      };
    }
    case 'refuse': {
      const agencyId = c.settings.triageAgencyId ?? report.agency_id;
      return {
        patch: { agency_id: agencyId, handler_id: null, in_triage: true },
        data: { fromAgencyId: report.agency_id, agencyId },
      };
    }
    case 'resolve': {
      const answer = input.answer?.trim();
      if (!answer) throw new AppError('REPORT_ANSWER_REQUIRED');
      const photos = input.photoFileIds ?? [];
      if (c.category.proof_photo_required && photos.length === 0)
        throw new AppError('REPORT_PROOF_PHOTO_REQUIRED');
      if (photos.length > 0) await addResolutionPhotos(c, photos);
      const late = report.due_at !== null && now.getTime() > report.due_at.getTime();
      return {
        patch: { answer, resolved_at: now, resolved_late: late, closed_at: null },
        data: { photos: photos.length, late },
      };
    }
    case 'reject': {
      const reason = input.reason;
      if (!reason || !REJECT_REASONS.includes(reason as RejectReason))
        throw new AppError('REPORT_REASON_REQUIRED');
      const data: Record<string, unknown> = { reason };
      let duplicateOf: string | null = null;
      if (reason === 'duplicate') {
        if (!input.duplicateOf || !UUID.test(input.duplicateOf))
          throw new AppError('REPORT_DUPLICATE_INVALID');
        duplicateOf = input.duplicateOf;
        data.duplicateOf = duplicateOf;
        data.followersMoved = await mergeFollowers(c, duplicateOf);
      }
      return { patch: { reject_reason: reason, duplicate_of: duplicateOf }, data };
    }
    case 'rate': {
      const rating = input.rating;
      if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5)
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'rating', rule: 'range' }] });
      if (report.rated_at && report.resolved_at && report.rated_at >= report.resolved_at)
        throw new AppError('REPORT_ALREADY_RATED');
      const fixed = input.fixed !== false;
      const rated = {
        rating,
        rating_fixed: fixed,
        rating_comment: input.comment?.trim() || null,
        rated_at: now,
      };
      const until = reopenUntil(report, c.settings);
      if (!fixed && until && now <= until) {
        return {
          patch: { ...rated, ...reopenPatch(c) },
          data: { rating, fixed, reopened: true },
          to: 'reopened',
          notice: 'report.reopened',
        };
      }
      return { patch: { ...rated, closed_at: now }, data: { rating, fixed }, to: 'closed' };
    }
    case 'reopen': {
      const until = reopenUntil(report, c.settings);
      if (!until || now > until) throw new AppError('REPORT_REOPEN_EXPIRED', { until: until?.toISOString() });
      return { patch: reopenPatch(c), data: {} };
    }
    case 'close':
      return { patch: { closed_at: now }, data: {} };
    default:
      return { patch: {}, data: {} };
  }
}

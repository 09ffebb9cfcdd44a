import type { Db } from '../../db/connection.js';
import { notify } from '../../platform/notify/notify.js';
import { vietnamDateTime } from '../../platform/http/export.js';
import { REJECT_REASON_LABELS, type RejectReason } from './types.js';

/**
 * Tells the reporter and every follower about a public transition, in the acting transaction (so a
 * decision and its notices commit together). Each message type declares its variables in
 * platform/notify/templates.ts; `noticeData` gives exactly those.
 */
export interface NoticeFacts {
  id: string;
  code: string;
  category: string;
  agency: string;
  reason: string | null;
  dueAt: Date | null;
}

export function noticeData(type: string, f: NoticeFacts): Record<string, string> {
  const base = { code: f.code, id: f.id };
  switch (type) {
    case 'report.received':
      return { ...base, category: f.category };
    case 'report.assigned':
    case 'report.in_progress':
    case 'report.transferred':
    case 'report.resolved':
      return { ...base, agency: f.agency };
    case 'report.rejected':
      return { ...base, reason: rejectReasonText(f.reason) };
    case 'report.reopened':
      return { ...base, dueAt: f.dueAt ? vietnamDateTime(f.dueAt) : 'sẽ được thông báo sau' };
    default:
      return base;
  }
}

export function rejectReasonText(reason: string | null): string {
  if (reason && reason in REJECT_REASON_LABELS) return REJECT_REASON_LABELS[reason as RejectReason];
  return reason?.trim() || 'Không rõ';
}

/** The reporter (when a citizen filed it) and the followers, each once. */
export async function recipients(tx: Db, tenantId: string, reportId: string, reporterId: string | null) {
  const followers = await tx
    .selectFrom('report_followers')
    .select('citizen_id')
    .where('tenant_id', '=', tenantId)
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .execute();
  const ids = new Set<string>();
  if (reporterId) ids.add(reporterId);
  for (const f of followers) ids.add(f.citizen_id);
  return [...ids];
}

export async function notifyReport(
  tx: Db,
  tenantId: string,
  report: { id: string; citizen_id: string | null },
  type: string,
  facts: NoticeFacts,
): Promise<number> {
  const data = noticeData(type, facts);
  const to = await recipients(tx, tenantId, report.id, report.citizen_id);
  for (const citizenId of to) await notify({ tx, tenantId, citizenId, type, data });
  return to.length;
}

import type { Selectable } from 'kysely';
import type { ReportsTable } from '../../db/schema.js';

/**
 * Shared shapes of the reports module. The workflow itself is data (workflow-definition.ts);
 * these are the seams between intake (submission, routing), the workflow engine, the console, the
 * public feed and Open311. See docs/reports-api.md.
 */
export type ReportRow = Selectable<ReportsTable>;

/** Who acts on a report; the same shape as an audit actor. */
export type ReportActor = { type: 'citizen' | 'officer' | 'system' | 'open311'; id: string | null };

/** Why a report is rejected; `duplicate` also names the original (duplicateOf). */
export const REJECT_REASONS = ['duplicate', 'not_responsible', 'insufficient_info', 'spam'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  duplicate: 'Trùng với phản ánh đã có',
  not_responsible: 'Không thuộc thẩm quyền',
  insufficient_info: 'Thiếu thông tin',
  spam: 'Nội dung không phù hợp',
};

/** Input an action may carry; which fields an action needs is in the workflow definition. */
export interface ReportActionInput {
  note?: string | undefined;
  answer?: string | undefined;
  reason?: RejectReason | undefined;
  duplicateOf?: string | undefined;
  agencyId?: string | undefined;
  handlerId?: string | undefined;
  /** Files (kind image) the acting officer uploaded: proof of the finished work. */
  photoFileIds?: string[] | undefined;
  rating?: number | undefined;
  fixed?: boolean | undefined;
  comment?: string | undefined;
}

/** A new report, from the mini app or an Open311 client. */
export interface NewReportInput {
  categoryId: string;
  description: string;
  lat: number;
  lng: number;
  locationSource: 'device' | 'photo' | 'map' | 'address';
  address?: string | undefined;
  /** Files (kind image) the submitter uploaded; 0–4. The mini app requires at least one. */
  photoFileIds: string[];
  showName: boolean;
  reporterName?: string | undefined;
  contactPhone?: string | undefined;
  contactEmail?: string | undefined;
  /** Answers to the category's extra fields. */
  data?: Record<string, unknown> | undefined;
  idempotencyKey?: string | undefined;
}

export const MAX_REPORT_PHOTOS = 4;
export const ESCALATION_QUEUE = 'reports.escalation';
export const AUTO_CLOSE_QUEUE = 'reports.auto-close';

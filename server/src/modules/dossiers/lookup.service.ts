import { createHash, timingSafeEqual } from 'node:crypto';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../../db/connection.js';
import type { DossierStatus } from '../../db/schema.js';
import { AppError } from '../../platform/errors/app-error.js';

/**
 * Public lookup of one dossier without signing in: the code plus either the last four digits of
 * the applicant's phone (told at the counter) or the secret printed in the slip's QR. Whatever is
 * wrong — code, phone or secret — the answer is the same DOSSIER_NOT_FOUND, so the endpoint never
 * confirms that a code exists; with the per-IP rate limit on the route, guessing a 10^4 phone
 * suffix takes days for one code, and the 128-bit secret cannot be guessed at all.
 */
export interface LookupQuery {
  tenantId: string;
  code: string;
  phoneLast4?: string;
  secret?: string;
}

export interface LookupResult {
  code: string;
  procedure: { code: string; name: string };
  agency: { name: string };
  status: DossierStatus;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  completedAt: string | null;
  timeline: { at: string; action: string; toStatus: DossierStatus | null; note: string | null }[];
  nextStep: string;
}

/** What the citizen should do or expect next, in plain words for each status. */
export const NEXT_STEPS: Record<DossierStatus, string> = {
  submitted: 'Hồ sơ đang chờ cơ quan tiếp nhận. Bạn sẽ nhận được thông báo khi hồ sơ được tiếp nhận.',
  received: 'Hồ sơ đã được tiếp nhận và đang chờ chuyển xử lý. Vui lòng theo dõi đến ngày hẹn trả kết quả.',
  processing: 'Hồ sơ đang được xử lý. Bạn sẽ nhận được thông báo khi có kết quả.',
  supplement_requested:
    'Cơ quan yêu cầu bổ sung hồ sơ. Vui lòng xem phiếu yêu cầu bổ sung và nộp thêm giấy tờ để hồ sơ được tiếp tục xử lý.',
  payment_requested: 'Vui lòng nộp phí, lệ phí để hồ sơ được tiếp tục xử lý.',
  result_ready:
    'Đã có kết quả. Vui lòng mang giấy tiếp nhận hồ sơ và giấy tờ tùy thân đến nơi nộp hồ sơ để nhận kết quả.',
  returned: 'Hồ sơ đã hoàn tất và kết quả đã được trả. Cảm ơn bạn đã sử dụng dịch vụ.',
  refused:
    'Hồ sơ không được tiếp nhận hoặc giải quyết. Vui lòng xem lý do trên phiếu từ chối hoặc liên hệ cơ quan tiếp nhận.',
  withdrawn: 'Hồ sơ đã được rút theo yêu cầu của bạn. Không cần làm gì thêm.',
};

/**
 * Equal-time comparison of two strings of any length: both sides are hashed first, so neither
 * the content nor the length of the expected value shows in the response time.
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Compared against when the code is unknown, so a missing dossier costs the same work. */
const NO_SECRET = 'no-such-dossier-secret-never-matches';

export async function lookupDossier(db: Db, q: LookupQuery): Promise<LookupResult> {
  const row = await db
    .selectFrom('dossiers')
    .innerJoin('procedures', 'procedures.id', 'dossiers.procedure_id')
    .innerJoin('agencies', 'agencies.id', 'dossiers.agency_id')
    .select([
      'dossiers.id',
      'dossiers.code',
      'dossiers.status',
      'dossiers.applicant_phone',
      'dossiers.lookup_secret',
      'dossiers.submitted_at',
      'dossiers.received_at',
      'dossiers.due_at',
      'dossiers.completed_at',
      'procedures.code as procedure_code',
      'procedures.name as procedure_name',
      'agencies.name as agency_name',
      // The public timeline in the same round trip (one prepared statement instead of two); it is
      // dropped unseen when the phone or secret does not match. Internal notes and officers' names
      // stay in the console.
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('dossier_events')
            .select(['at', 'action', 'to_status', 'note'])
            .whereRef('dossier_events.dossier_id', '=', 'dossiers.id')
            .where('dossier_events.public', '=', true)
            .orderBy('at')
            .orderBy('id'),
        ).as('events'),
    ])
    .where('dossiers.tenant_id', '=', q.tenantId)
    .where('dossiers.code', '=', q.code)
    .executeTakeFirst();

  let match = false;
  if (q.secret !== undefined) {
    match = safeEqual(q.secret, row?.lookup_secret ?? NO_SECRET);
  } else if (q.phoneLast4 !== undefined) {
    // A dossier without a phone can only be opened with its secret: '' never equals four digits.
    const last4 = row?.applicant_phone ? row.applicant_phone.replace(/\D/g, '').slice(-4) : '';
    match = safeEqual(q.phoneLast4, last4) && last4.length === 4;
  }
  if (!row || !match) throw new AppError('DOSSIER_NOT_FOUND');

  return {
    code: row.code,
    procedure: { code: row.procedure_code, name: row.procedure_name },
    agency: { name: row.agency_name },
    status: row.status,
    submittedAt: row.submitted_at.toISOString(),
    receivedAt: row.received_at?.toISOString() ?? null,
    dueAt: row.due_at?.toISOString() ?? null,
    completedAt: row.completed_at?.toISOString() ?? null,
    timeline: row.events.map((e) => ({
      // JSON carries the time as text; through Date it reads exactly like the other times here.
      at: new Date(e.at).toISOString(),
      action: e.action,
      toStatus: e.to_status,
      note: e.note,
    })),
    nextStep: NEXT_STEPS[row.status],
  };
}

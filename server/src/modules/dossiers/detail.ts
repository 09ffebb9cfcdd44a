import type { Db } from '../../db/connection.js';
import type { DossierStatus } from '../../db/schema.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { ConsoleTimelineItem, DossierDetail } from './dossiers.schemas.js';
import { timelineActors } from './timeline-actors.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface DetailOptions {
  tenantId: string;
  id: string;
  /** A citizen sees only their own dossiers and the public timeline. */
  citizenId?: string;
  /** Officers: restrict to these agencies (undefined = all of the tenant). */
  agencyIds?: ReadonlySet<string>;
  internal?: boolean;
}

export type LoadedDetail = Omit<DossierDetail, 'timeline'> & {
  /** The console's entries also say who acted and, for a slip, which form. */
  timeline: (DossierDetail['timeline'][number] & Partial<ConsoleTimelineItem>)[];
  agencyId: string;
  pausedAt: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
};

/** What a citizen may do now (the mini app shows these buttons). */
export function citizenActions(status: DossierStatus, rating: number | null): DossierDetail['actions'] {
  const out: string[] = [];
  if (status === 'supplement_requested') out.push('supplement');
  if (['submitted', 'received', 'processing', 'supplement_requested', 'payment_requested'].includes(status))
    out.push('withdraw');
  if (status === 'returned' && rating === null) out.push('rate');
  return out;
}

/** One dossier as the contract's DossierDetail, or DOSSIER_NOT_FOUND for anything out of reach. */
export async function loadDetail(db: Db, o: DetailOptions): Promise<LoadedDetail> {
  let q = db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
    .innerJoin('agencies as a', 'a.id', 'd.agency_id')
    .leftJoin('officers as o', 'o.id', 'd.assignee_id')
    .selectAll('d')
    .select([
      'p.name as p_name',
      'p.code as p_code',
      'p.form as p_form',
      'a.name as a_name',
      'o.full_name as o_name',
    ])
    .where('d.tenant_id', '=', o.tenantId)
    .where('d.id', '=', o.id);
  if (o.citizenId !== undefined) q = q.where('d.citizen_id', '=', o.citizenId);
  const d = await q.executeTakeFirst();
  if (!d || (o.agencyIds && !o.agencyIds.has(d.agency_id))) throw new AppError('DOSSIER_NOT_FOUND');

  let events = db
    .selectFrom('dossier_events')
    .select(['at', 'action', 'from_status', 'to_status', 'note', 'data', 'public', 'actor_type', 'actor_id'])
    .where('dossier_id', '=', d.id)
    .orderBy('at')
    .orderBy('id');
  if (!o.internal) events = events.where('public', '=', true);
  const [timeline, files, slips] = await Promise.all([
    events.execute(),
    db
      .selectFrom('dossier_files as df')
      .innerJoin('files as f', 'f.id', 'df.file_id')
      .select(['f.id', 'f.original_name', 'f.content_type', 'df.purpose', 'df.field'])
      .where('df.dossier_id', '=', d.id)
      .where('df.purpose', '!=', 'slip')
      .orderBy('df.added_at')
      .execute(),
    db
      .selectFrom('dossier_slips')
      .select(['id', 'form', 'created_at'])
      .where('dossier_id', '=', d.id)
      .orderBy('created_at')
      .execute(),
  ]);
  const actorOf = o.internal ? await timelineActors(db, o.tenantId, timeline) : null;
  const lastRequest =
    d.status === 'supplement_requested'
      ? [...timeline].reverse().find((e) => e.action === 'request_supplement')
      : undefined;
  return {
    id: d.id,
    code: d.code,
    procedure: { id: d.procedure_id, name: d.p_name, code: d.p_code },
    agency: { id: d.agency_id, name: d.a_name },
    status: d.status,
    channel: d.channel,
    applicant: {
      name: d.applicant_name,
      phone: d.applicant_phone,
      idNumber: d.applicant_id_number,
      address: d.applicant_address,
    },
    data: d.data,
    form: d.p_form,
    submittedAt: d.submitted_at.toISOString(),
    receivedAt: iso(d.received_at),
    dueAt: iso(d.due_at),
    completedAt: iso(d.completed_at),
    returnedAt: iso(d.returned_at),
    feeAmount: d.fee_amount,
    rating: d.rating,
    supplementRequest: lastRequest
      ? { note: lastRequest.note, items: (lastRequest.data as { items?: string[] }).items ?? [] }
      : null,
    timeline: timeline.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      note: e.note,
      ...(actorOf
        ? {
            public: e.public,
            actor: actorOf(e),
            form: e.action === 'slip_issued' ? ((e.data as { form?: string }).form ?? null) : null,
          }
        : {}),
    })),
    files: files.map((f) => ({
      id: f.id,
      name: f.original_name,
      contentType: f.content_type,
      purpose: f.purpose,
      field: f.field,
    })),
    slips: slips.map((s) => ({ id: s.id, form: s.form, createdAt: s.created_at.toISOString() })),
    actions: citizenActions(d.status, d.rating),
    agencyId: d.agency_id,
    pausedAt: iso(d.paused_at),
    assigneeId: d.assignee_id,
    assigneeName: d.o_name,
  };
}

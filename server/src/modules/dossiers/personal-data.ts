import type { Db } from '../../db/connection.js';
import type { PersonalDataSource } from '../../platform/privacy/personal-data.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The citizen's dossiers and drafts, for the export and the deletion of their account.
 *
 * Drafts are only the citizen's and are deleted. Dossiers are administrative records the agency
 * must keep (Law on Archives): deletion unlinks them from the account (citizen_id null, as the foreign key would on delete) and leaves the
 * applicant's name, phone, ID number, address and the form data on the agency's record. The export
 * shows the public timeline only: officers' names and internal notes are not the citizen's data.
 */
export const dossierPersonalData: PersonalDataSource = {
  name: 'dossiers',
  retainedOnErase:
    'Hồ sơ thủ tục hành chính đã nộp là hồ sơ lưu trữ của cơ quan giải quyết theo Luật Lưu trữ: ' +
    'khi xóa tài khoản, hồ sơ được tách khỏi tài khoản (không còn xem được trên ứng dụng) nhưng ' +
    'thông tin người nộp và nội dung tờ khai vẫn được cơ quan lưu giữ. Bản nháp được xóa hẳn.',

  async exportFor(db, tenantId, citizenId) {
    const [dossiers, drafts] = await Promise.all([
      db
        .selectFrom('dossiers as d')
        .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
        .innerJoin('agencies as a', 'a.id', 'd.agency_id')
        .selectAll('d')
        .select(['p.code as p_code', 'p.name as p_name', 'a.name as a_name'])
        .where('d.tenant_id', '=', tenantId)
        .where('d.citizen_id', '=', citizenId)
        .orderBy('d.submitted_at')
        .orderBy('d.id')
        .execute(),
      db
        .selectFrom('dossier_drafts as r')
        .innerJoin('procedures as p', 'p.id', 'r.procedure_id')
        .select(['r.id', 'r.data', 'r.created_at', 'r.updated_at', 'p.code', 'p.name'])
        .where('r.tenant_id', '=', tenantId)
        .where('r.citizen_id', '=', citizenId)
        .orderBy('r.created_at')
        .execute(),
    ]);
    const timelines = await publicTimelines(
      db,
      dossiers.map((d) => d.id),
    );
    return {
      dossiers: dossiers.map((d) => ({
        code: d.code,
        procedure: { code: d.p_code, name: d.p_name },
        agency: d.a_name,
        status: d.status,
        channel: d.channel,
        applicant: {
          name: d.applicant_name,
          phone: d.applicant_phone,
          idNumber: d.applicant_id_number,
          address: d.applicant_address,
        },
        data: d.data,
        submittedAt: d.submitted_at.toISOString(),
        receivedAt: iso(d.received_at),
        dueAt: iso(d.due_at),
        completedAt: iso(d.completed_at),
        returnedAt: iso(d.returned_at),
        rating: d.rating,
        timeline: timelines.get(d.id) ?? [],
      })),
      drafts: drafts.map((r) => ({
        id: r.id,
        procedure: { code: r.code, name: r.name },
        data: r.data,
        createdAt: r.created_at.toISOString(),
        updatedAt: r.updated_at.toISOString(),
      })),
    };
  },

  async eraseFor(tx, tenantId, citizenId) {
    await tx
      .deleteFrom('dossier_drafts')
      .where('tenant_id', '=', tenantId)
      .where('citizen_id', '=', citizenId)
      .execute();
    // The foreign key would do this on delete; done here so what happens to dossiers is written down.
    await tx
      .updateTable('dossiers')
      .set({ citizen_id: null })
      .where('tenant_id', '=', tenantId)
      .where('citizen_id', '=', citizenId)
      .execute();
  },
};

async function publicTimelines(db: Db, dossierIds: string[]) {
  const byDossier = new Map<
    string,
    { at: string; action: string; toStatus: string | null; note: string | null }[]
  >();
  if (dossierIds.length === 0) return byDossier;
  const rows = await db
    .selectFrom('dossier_events')
    .select(['dossier_id', 'at', 'action', 'to_status', 'note'])
    .where('dossier_id', 'in', dossierIds)
    .where('public', '=', true)
    .orderBy('at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = byDossier.get(r.dossier_id) ?? [];
    list.push({ at: r.at.toISOString(), action: r.action, toStatus: r.to_status, note: r.note });
    byDossier.set(r.dossier_id, list);
  }
  return byDossier;
}

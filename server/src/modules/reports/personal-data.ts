import type { PersonalDataSource } from '../../platform/privacy/personal-data.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * The citizen's field reports and the reports they follow, for the export and the deletion of their
 * account (Decree 13/2023).
 *
 * A report is also the agency's record of a problem in a public place, so deletion keeps the report
 * (description, position, photos, the agency's answer) but removes who filed it: the account link,
 * the name and the contact details, and the choice to show the name. Following is only the citizen's
 * and is deleted. The export shows the public timeline only: officers' names and internal notes are
 * not the citizen's data.
 */
export const reportPersonalData: PersonalDataSource = {
  name: 'reports',
  retainedOnErase:
    'Phản ánh hiện trường là hồ sơ của cơ quan xử lý về một sự việc nơi công cộng: khi xóa tài khoản, ' +
    'phản ánh được tách khỏi tài khoản, họ tên và thông tin liên hệ của bạn bị xóa, còn nội dung, vị trí, ' +
    'hình ảnh và kết quả xử lý vẫn được cơ quan lưu giữ. Các phản ánh bạn theo dõi được bỏ theo dõi.',

  async exportFor(db, tenantId, citizenId) {
    const [reports, following] = await Promise.all([
      db
        .selectFrom('reports as r')
        .innerJoin('report_categories as c', 'c.id', 'r.category_id')
        .innerJoin('agencies as a', 'a.id', 'r.agency_id')
        .selectAll('r')
        .select(['c.name as category_name', 'a.name as agency_name'])
        .where('r.tenant_id', '=', tenantId)
        .where('r.citizen_id', '=', citizenId)
        .orderBy('r.submitted_at')
        .orderBy('r.id')
        .execute(),
      db
        .selectFrom('report_followers as f')
        .innerJoin('reports as r', 'r.id', 'f.report_id')
        .select(['r.code', 'f.created_at'])
        .where('f.tenant_id', '=', tenantId)
        .where('f.citizen_id', '=', citizenId)
        .orderBy('f.created_at')
        .execute(),
    ]);
    const events =
      reports.length === 0
        ? []
        : await db
            .selectFrom('report_events')
            .select(['report_id', 'at', 'action', 'to_state', 'note'])
            .where(
              'report_id',
              'in',
              reports.map((r) => r.id),
            )
            .where('public', '=', true)
            .orderBy('at')
            .orderBy('id')
            .execute();
    return {
      reports: reports.map((r) => ({
        code: r.code,
        category: r.category_name,
        agency: r.agency_name,
        state: r.state,
        description: r.description,
        data: r.data,
        lat: r.lat,
        lng: r.lng,
        address: r.address,
        reporterName: r.reporter_name,
        showName: r.show_name,
        contactPhone: r.contact_phone,
        contactEmail: r.contact_email,
        submittedAt: r.submitted_at.toISOString(),
        resolvedAt: iso(r.resolved_at),
        closedAt: iso(r.closed_at),
        answer: r.answer,
        rating: r.rating,
        ratingFixed: r.rating_fixed,
        ratingComment: r.rating_comment,
        timeline: events
          .filter((e) => e.report_id === r.id)
          .map((e) => ({ at: e.at.toISOString(), action: e.action, toState: e.to_state, note: e.note })),
      })),
      following: following.map((f) => ({ code: f.code, since: f.created_at.toISOString() })),
    };
  },

  async eraseFor(tx, tenantId, citizenId) {
    await tx
      .deleteFrom('report_followers')
      .where('tenant_id', '=', tenantId)
      .where('citizen_id', '=', citizenId)
      .execute();
    // The citizen's own timeline entries (submission, rating, reopening) no longer name them.
    await tx
      .updateTable('report_events')
      .set({ actor_id: null })
      .where('tenant_id', '=', tenantId)
      .where('actor_type', '=', 'citizen')
      .where('actor_id', '=', citizenId)
      .execute();
    await tx
      .updateTable('reports')
      .set({
        citizen_id: null,
        reporter_name: null,
        show_name: false,
        contact_phone: null,
        contact_email: null,
        idempotency_key: null,
      })
      .where('tenant_id', '=', tenantId)
      .where('citizen_id', '=', citizenId)
      .execute();
  },
};

import sharp from 'sharp';
import type { Db } from '../../db/connection.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import type { AppContext } from '../../platform/context.js';
import { saveUpload } from '../../platform/files/file-service.js';
import { DEMO_PASSWORD } from '../../db/seed/demo.js';
import { createReport } from './create-report.js';
import { DEMO_REPORTS } from './seed-demo-data.js';
import { DEMO_COMMUNE_CENTRES } from './seed-demo-geo.js';
import { seedDemoReportOfficers } from './seed-demo.js';
import { applyReportAction } from './workflow.js';

/**
 * ~15 demo reports in every state, so the console, the public feed and the scores are not empty on a
 * fresh demo. Made through createReport and applyReportAction, so codes, deadlines, timelines, audit
 * and notices are what real use produces. Photos are drawn here (a coloured scene, no text: the
 * server has no fonts to rely on) and stored through saveUpload like an upload.
 * Runs on start-up when DEMO_DATA is on (the photos need the app's file storage), after adding the
 * report officers (dieuphoi, xuly.xa, lanhdao.xa) when missing; the reports once: the demo
 * reporter's account is the claim, so a second process starting at the same time does nothing.
 */

/** A 960×720 scene: ground, sky and a shape in the category's colour. */
async function demoPhoto(colour: string, seed: number): Promise<Buffer> {
  const x = 200 + ((seed * 137) % 500);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="720">
    <rect width="960" height="720" fill="#bbdefb"/><rect y="430" width="960" height="290" fill="#9e9e9e"/>
    <rect x="0" y="560" width="960" height="20" fill="#fafafa"/>
    <circle cx="${x}" cy="360" r="150" fill="${colour}"/><rect x="${x - 20}" y="360" width="40" height="200" fill="#4e342e"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

async function principalFor(db: Db, tenantId: string, username: string): Promise<OfficerPrincipal | null> {
  const officer = await db
    .selectFrom('officers')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('username', '=', username)
    .executeTakeFirst();
  if (!officer) return null;
  const roles = await db
    .selectFrom('officer_roles')
    .select(['agency_id as agencyId', 'role'])
    .where('officer_id', '=', officer.id)
    .execute();
  return {
    kind: 'officer',
    id: officer.id,
    tenantId,
    sessionId: 'demo-seed',
    viaCookie: false,
    csrfToken: null,
    roles,
    mustChangePassword: false,
  };
}

export async function seedDemoReports(
  ctx: AppContext,
  tenantId: string,
  now = new Date(),
): Promise<{ created: number }> {
  const { db } = ctx;
  const categories = await db
    .selectFrom('report_categories')
    .select(['id', 'code'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const categoryId = new Map(categories.map((c) => [c.code, c.id]));
  if (categories.length > 0) await seedDemoReportOfficers(db, tenantId, DEMO_PASSWORD);
  const existing = await db
    .selectFrom('reports')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .limit(1)
    .executeTakeFirst();
  if (categories.length === 0 || existing) return { created: 0 };
  const reporter = await db
    .insertInto('citizens')
    .values({
      tenant_id: tenantId,
      zalo_id: 'demo-phan-anh',
      display_name: 'Nguyễn Văn Nông',
      phone: '0909000111',
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!reporter) return { created: 0 };
  const admin = await principalFor(db, tenantId, 'admin.tinh');
  const local = await principalFor(db, tenantId, 'xuly.xa');
  const triage = await principalFor(db, tenantId, 'dieuphoi');
  if (!admin) return { created: 0 };
  const calendar = await ctx.calendar.forTenant(tenantId);
  const agencyId = async (code: string) =>
    (
      await db
        .selectFrom('agencies')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('code', '=', code)
        .executeTakeFirst()
    )?.id;
  const provinceCommittee = (await agencyId('UBND-TINH')) ?? admin.roles[0]!.agencyId;

  const upload = async (ownerType: 'citizen' | 'officer', ownerId: string, colour: string, seed: number) =>
    (
      await saveUpload({
        db,
        storage: ctx.fileStorage,
        limits: ctx.config.uploads,
        tenantId,
        kind: 'image',
        ownerType,
        ownerId,
        fileName: `anh-${seed}.jpg`,
        source: await demoPhoto(colour, seed),
        actor: { type: ownerType, id: ownerId },
      })
    ).id;

  let created = 0;
  for (const [i, demo] of DEMO_REPORTS.entries()) {
    const category = categoryId.get(demo.category);
    const centre = DEMO_COMMUNE_CENTRES[demo.commune];
    if (!category || !centre) continue;
    const submittedAt = new Date(now.getTime() - demo.daysAgo * 86_400_000 - i * 3_600_000);
    const photo = await upload('citizen', reporter.id, demo.colour, i);
    const { report } = await createReport({
      db,
      calendar,
      tenantId,
      actor: { type: 'citizen', id: reporter.id },
      citizenId: reporter.id,
      input: {
        categoryId: category,
        description: demo.description,
        lat: centre.lat + demo.offset[1] / 111_320,
        lng: centre.lng + demo.offset[0] / (111_320 * Math.cos((centre.lat * Math.PI) / 180)),
        locationSource: i % 3 === 0 ? 'photo' : i % 3 === 1 ? 'device' : 'map',
        address: demo.address,
        photoFileIds: [photo],
        showName: demo.showName,
        data: demo.data,
        idempotencyKey: `demo-${i}`,
      },
      now: submittedAt,
    });
    created += 1;
    // The commune's own handler acts on what was routed to the commune; the province admin on the rest.
    const officer = local?.roles.some((r) => r.agencyId === report.agency_id) ? local : admin;
    let at = submittedAt.getTime();
    const act = async (action: string, input: Record<string, unknown>, by: OfficerPrincipal | null) => {
      at += Math.max(1, demo.daysAgo - 1) * 8 * 3_600_000;
      await applyReportAction({
        db,
        calendar,
        tenantId,
        reportId: report.id,
        action,
        actor: by ? { type: 'officer', id: by.id } : { type: 'citizen', id: reporter.id },
        principal: by,
        input,
        now: new Date(Math.min(at, now.getTime() - 60_000)),
      });
    };
    for (const step of demo.steps) {
      if (step === 'assign') await act('assign_agency', { agencyId: provinceCommittee }, triage ?? admin);
      if (step === 'start') await act('start', {}, officer);
      if (step === 'reject')
        await act(
          'reject',
          { reason: 'insufficient_info', note: 'Chưa rõ địa điểm cụ thể, đề nghị bổ sung.' },
          admin,
        );
      if (step === 'resolve') {
        const proof = await upload('officer', officer.id, '#43a047', 100 + i);
        await act(
          'resolve',
          {
            answer: 'Đơn vị đã kiểm tra và khắc phục xong, trân trọng cảm ơn người dân đã phản ánh.',
            photoFileIds: [proof],
          },
          officer,
        );
      }
      if (step === 'rate')
        await act('rate', { rating: 5, fixed: true, comment: 'Xử lý nhanh, cảm ơn cán bộ.' }, null);
      if (step === 'reopen')
        await act('reopen', { note: 'Cây vẫn còn nghiêng, chưa được cắt tỉa hết.' }, null);
    }
  }
  return { created };
}

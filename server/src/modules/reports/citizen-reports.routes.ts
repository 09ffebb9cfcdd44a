import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { requireCitizen } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { FileContent } from '../files/files.schemas.js';
import { citizenDetail, citizenPhoto, myPhotoPath } from './citizen-detail.js';
import {
  IdParams,
  MyListPage,
  MyListQuery,
  MyReportDetail,
  PhotoParams,
  SubmitBody,
  SubmitHeaders,
  Submitted,
} from './citizen.schemas.js';
import { createReport } from './create-report.js';
import { loadWorkflow, stateLabel } from './workflow-definition.js';

/**
 * A citizen's reports: file one (idempotent, so the offline queue may resend), list mine and the
 * ones I follow, read one, see its photos. Another person's report answers REPORT_NOT_FOUND exactly
 * like one that does not exist.
 */
export const citizenReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, calendar, fileStorage } = app.ctx;
  const base = { tags: ['reports: citizen'], security: [{ bearer: [] }] };
  const errors = {
    401: ErrorResponse(['AUTH_REQUIRED']),
    403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
  };
  const me = (request: FastifyRequest) => {
    const p = requireCitizen(request);
    return { tenantId: p.tenantId, citizenId: p.id };
  };

  app.post(
    '/api/me/reports',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'File a report (idempotent by the Idempotency-Key header)',
        description:
          'Photos are uploaded first (POST /api/files?kind=image). A repeat with the same key answers ' +
          'the report already filed with 200.',
        headers: SubmitHeaders,
        body: SubmitBody,
        response: {
          200: Submitted,
          201: Submitted,
          400: ErrorResponse([
            'FORM_INVALID (details.fields)',
            'REPORT_PHOTO_REQUIRED',
            'REPORT_PHOTO_INVALID',
            'REPORT_LOCATION_OUTSIDE',
            'VALIDATION_FAILED',
          ]),
          ...errors,
          404: ErrorResponse(['REPORT_CATEGORY_NOT_FOUND']),
          409: ErrorResponse(['IDEMPOTENCY_KEY_REUSED']),
        },
      },
    },
    async (request, reply) => {
      const { tenantId, citizenId } = me(request);
      const { report, created } = await createReport({
        db,
        calendar: await calendar.forTenant(tenantId),
        tenantId,
        actor: { type: 'citizen', id: citizenId },
        citizenId,
        input: { ...request.body, idempotencyKey: request.headers['idempotency-key'] },
      });
      const [workflow, agency] = await Promise.all([
        loadWorkflow(db, tenantId),
        db
          .selectFrom('agencies')
          .select(['id', 'name'])
          .where('id', '=', report.agency_id)
          .executeTakeFirst(),
      ]);
      return reply.code(created ? 201 : 200).send({
        id: report.id,
        code: report.code,
        state: report.state,
        stateLabel: stateLabel(workflow, report.state),
        agency: agency ?? null,
        inTriage: report.in_triage,
        dueAt: report.due_at?.toISOString() ?? null,
      });
    },
  );

  app.get(
    '/api/me/reports',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'My reports and the ones I follow, most recently changed first',
        querystring: MyListQuery,
        response: { 200: MyListPage, ...errors },
      },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      const { page, pageSize } = request.query;
      const followed = db
        .selectFrom('report_followers')
        .select('report_id')
        .where('tenant_id', '=', tenantId)
        .where('citizen_id', '=', citizenId);
      const base = db
        .selectFrom('reports as r')
        .where('r.tenant_id', '=', tenantId)
        .where((eb) =>
          eb.or([
            eb('r.citizen_id', '=', citizenId),
            eb.and([eb('r.id', 'in', followed), eb('r.public_hidden', '=', false)]),
          ]),
        );
      const [rows, count, workflow] = await Promise.all([
        base
          .innerJoin('report_categories as c', 'c.id', 'r.category_id')
          .select([
            'r.id',
            'r.code',
            'r.citizen_id',
            'c.name as category_name',
            'r.state',
            'r.description',
            'r.description_hidden',
            'r.answer',
            'r.answer_hidden',
            'r.submitted_at',
            'r.updated_at',
            (eb) => eb('r.id', 'in', followed).as('following'),
            (eb) =>
              eb
                .selectFrom('report_photos as p')
                .select('p.file_id')
                .whereRef('p.report_id', '=', 'r.id')
                .where('p.purpose', '=', 'report')
                // a followed report shows only what the public may see
                .where((e) => e.or([e('p.hidden', '=', false), e('r.citizen_id', '=', citizenId)]))
                .orderBy('p.position')
                .limit(1)
                .as('photo_id'),
          ])
          .orderBy('r.updated_at', 'desc')
          .orderBy('r.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        base.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
        loadWorkflow(db, tenantId),
      ]);
      return {
        items: rows.map((r) => {
          const mine = r.citizen_id === citizenId;
          return {
            id: r.id,
            code: r.code,
            category: { name: r.category_name },
            state: r.state,
            stateLabel: stateLabel(workflow, r.state),
            description: !mine && r.description_hidden ? null : r.description,
            submittedAt: r.submitted_at.toISOString(),
            updatedAt: r.updated_at.toISOString(),
            answer: !mine && r.answer_hidden ? null : r.answer,
            following: Boolean(r.following),
            mine,
            photoUrl: r.photo_id ? myPhotoPath(r.id, r.photo_id) : null,
          };
        }),
        total: Number(count.n),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/me/reports/:id',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'One of my reports in full, or the public view of one I follow',
        params: IdParams,
        response: { 200: MyReportDetail, ...errors, 404: ErrorResponse(['REPORT_NOT_FOUND']) },
      },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      return citizenDetail(db, tenantId, citizenId, request.params.id);
    },
  );

  app.get(
    '/api/me/reports/:id/photos/:fileId',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'A photo of my report (or a visible one of a report I follow)',
        params: PhotoParams,
        response: { 200: FileContent, ...errors, 404: ErrorResponse(['REPORT_NOT_FOUND', 'FILE_NOT_FOUND']) },
      },
    },
    async (request, reply) => {
      const { tenantId, citizenId } = me(request);
      const file = await citizenPhoto(db, tenantId, citizenId, request.params.id, request.params.fileId);
      const stream = await fileStorage.get(file.storage_key);
      if (!stream) {
        request.log.error({ fileId: file.id }, 'file row without stored bytes');
        throw new AppError('FILE_NOT_FOUND');
      }
      return reply
        .type(file.content_type)
        .header('content-length', file.size_bytes)
        .header('cache-control', 'private, max-age=300')
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${file.sha256}"`)
        .send(stream);
    },
  );
};

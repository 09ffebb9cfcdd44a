import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { requireCitizen } from '../../platform/auth/access.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { loadDetail } from './detail.js';
import {
  DossierDetail,
  FileParams,
  IdParams,
  LinkBody,
  MyListPage,
  MyListQuery,
  RatingBody,
  SlipParams,
  SubmitBody,
  SubmitHeaders,
  SupplementBody,
  WithdrawBody,
} from './dossiers.schemas.js';
import { sendDossierFile } from './downloads.js';
import { submitDossier } from './submit.js';
import { applyAction } from './workflow.js';

const Binary = {
  description: 'The file',
  content: { 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
};

/**
 * A citizen's own dossiers. Every lookup filters by the signed-in citizen, so another person's
 * dossier (or its files) answers DOSSIER_NOT_FOUND exactly like one that does not exist.
 */
export const citizenDossierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, fileStorage } = app.ctx;
  const base = { tags: ['dossiers'], security: [{ bearer: [] }] };
  const errors = {
    401: ErrorResponse(['AUTH_REQUIRED']),
    403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
    404: ErrorResponse(['DOSSIER_NOT_FOUND']),
  };
  const me = (request: FastifyRequest) => {
    const p = requireCitizen(request);
    return { tenantId: p.tenantId, citizenId: p.id };
  };
  const detail = (request: FastifyRequest, id: string) => loadDetail(db, { ...me(request), id });
  const own = (request: FastifyRequest, id: string) => detail(request, id);
  const act = async (request: FastifyRequest, id: string, fn: (tx: Db) => Promise<unknown>) => {
    await own(request, id);
    await withTx(db, fn);
    return detail(request, id);
  };

  app.post(
    '/api/me/dossiers',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Submit a dossier (idempotent by the Idempotency-Key header)',
        headers: SubmitHeaders,
        body: SubmitBody,
        response: {
          201: DossierDetail,
          400: ErrorResponse(['FORM_INVALID (details.fields)', 'DOSSIER_FILE_INVALID', 'VALIDATION_FAILED']),
          ...errors,
          404: ErrorResponse(['PROCEDURE_NOT_FOUND']),
          409: ErrorResponse(['IDEMPOTENCY_KEY_REUSED', 'PROCEDURE_NOT_ONLINE']),
        },
      },
    },
    async (request, reply) => {
      const { tenantId, citizenId } = me(request);
      const { id } = await submitDossier({
        db,
        tenantId,
        citizenId,
        idempotencyKey: request.headers['idempotency-key'],
        body: request.body,
      });
      return reply.code(201).send(await detail(request, id));
    },
  );

  app.get(
    '/api/me/dossiers',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'My dossiers, newest first',
        querystring: MyListQuery,
        response: { 200: MyListPage, ...errors },
      },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      const { status, code, page, pageSize } = request.query;
      let q = db
        .selectFrom('dossiers as d')
        .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
        .where('d.tenant_id', '=', tenantId)
        .where('d.citizen_id', '=', citizenId);
      if (status) q = q.where('d.status', '=', status);
      if (code) q = q.where('d.code', '=', code.trim());
      const [rows, total] = await Promise.all([
        q
          .select(['d.id', 'd.code', 'p.name', 'd.status', 'd.submitted_at', 'd.due_at', 'd.updated_at'])
          .orderBy('d.submitted_at', 'desc')
          .orderBy('d.id')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({
          id: r.id,
          code: r.code,
          procedure: r.name,
          status: r.status,
          submittedAt: r.submitted_at.toISOString(),
          dueAt: r.due_at?.toISOString() ?? null,
          updatedAt: r.updated_at.toISOString(),
        })),
        total: Number(total.n),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/me/dossiers/:id',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'One of my dossiers',
        params: IdParams,
        response: { 200: DossierDetail, ...errors },
      },
    },
    async (request) => detail(request, request.params.id),
  );

  const conflict = { 409: ErrorResponse(['DOSSIER_TRANSITION_INVALID']) };

  app.post(
    '/api/me/dossiers/:id/supplement',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Send the papers an officer asked for; the clock resumes',
        params: IdParams,
        body: SupplementBody,
        response: {
          200: DossierDetail,
          400: ErrorResponse(['DOSSIER_FILE_INVALID']),
          ...errors,
          ...conflict,
        },
      },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      const files = Object.entries(request.body.files).flatMap(([field, ids]) =>
        ids.map((fileId) => ({ fileId, field })),
      );
      return act(request, request.params.id, (tx) =>
        applyAction({
          tx,
          tenantId,
          dossierId: request.params.id,
          action: 'supplement',
          actor: { type: 'citizen', id: citizenId },
          note: request.body.note ?? null,
          files,
        }),
      );
    },
  );

  app.post(
    '/api/me/dossiers/:id/withdraw',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Withdraw my dossier',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: DossierDetail, ...errors, ...conflict },
      },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      return act(request, request.params.id, (tx) =>
        applyAction({
          tx,
          tenantId,
          dossierId: request.params.id,
          action: 'withdraw',
          actor: { type: 'citizen', id: citizenId },
          reason: request.body.reason,
        }),
      );
    },
  );

  app.post(
    '/api/me/dossiers/:id/rating',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Rate how my dossier was handled (once, after the result was handed over)',
        params: IdParams,
        body: RatingBody,
        response: { 200: DossierDetail, ...errors, ...conflict },
      },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      const { rating, comment } = request.body;
      return act(request, request.params.id, async (tx) => {
        const updated = await tx
          .updateTable('dossiers')
          .set({ rating, updated_at: new Date() })
          .where('tenant_id', '=', tenantId)
          .where('id', '=', request.params.id)
          .where('citizen_id', '=', citizenId)
          .where('status', '=', 'returned')
          .where('rating', 'is', null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) throw new AppError('DOSSIER_TRANSITION_INVALID');
        await tx
          .insertInto('dossier_events')
          .values({
            tenant_id: tenantId,
            dossier_id: request.params.id,
            action: 'rate',
            from_status: 'returned',
            to_status: 'returned',
            actor_type: 'citizen',
            actor_id: citizenId,
            note: comment?.trim() || null,
            data: JSON.stringify({ rating }),
          })
          .execute();
        await appendAudit(tx, {
          tenantId,
          actor: { type: 'citizen', id: citizenId },
          action: 'dossier.rated',
          entityType: 'dossier',
          entityId: request.params.id,
          data: { rating },
        });
      });
    },
  );

  app.post(
    '/api/me/dossiers/link',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: "Link a dossier filed at a counter or a one-stop system (its slip's QR) to me",
        body: LinkBody,
        response: { 200: DossierDetail, ...errors },
      },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      const id = await withTx(db, async (tx) => {
        const row = await tx
          .selectFrom('dossiers')
          .select(['id', 'citizen_id', 'lookup_secret'])
          .where('tenant_id', '=', tenantId)
          .where('code', '=', request.body.code.trim())
          .forUpdate()
          .executeTakeFirst();
        // Wrong secret, or already someone else's: the same answer as no dossier at all.
        if (!row || !safeEqual(row.lookup_secret, request.body.secret))
          throw new AppError('DOSSIER_NOT_FOUND');
        if (row.citizen_id !== null && row.citizen_id !== citizenId) throw new AppError('DOSSIER_NOT_FOUND');
        if (row.citizen_id === null) {
          await tx.updateTable('dossiers').set({ citizen_id: citizenId }).where('id', '=', row.id).execute();
          await appendAudit(tx, {
            tenantId,
            actor: { type: 'citizen', id: citizenId },
            action: 'dossier.linked',
            entityType: 'dossier',
            entityId: row.id,
          });
        }
        return row.id;
      });
      return detail(request, id);
    },
  );

  const downloadErrors = { ...errors, 404: ErrorResponse(['DOSSIER_NOT_FOUND', 'FILE_NOT_FOUND']) };
  app.get(
    '/api/me/dossiers/:id/slips/:slipId',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'A slip of my dossier (PDF)',
        params: SlipParams,
        response: { 200: Binary, ...downloadErrors },
      },
    },
    async (request, reply) => {
      await own(request, request.params.id);
      return sendDossierFile(db, fileStorage, reply, {
        tenantId: me(request).tenantId,
        dossierId: request.params.id,
        slipId: request.params.slipId,
      });
    },
  );

  app.get(
    '/api/me/dossiers/:id/files/:fileId',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'A file of my dossier',
        params: FileParams,
        response: { 200: Binary, ...downloadErrors },
      },
    },
    async (request, reply) => {
      await own(request, request.params.id);
      return sendDossierFile(db, fileStorage, reply, {
        tenantId: me(request).tenantId,
        dossierId: request.params.id,
        fileId: request.params.fileId,
      });
    },
  );
};

function safeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

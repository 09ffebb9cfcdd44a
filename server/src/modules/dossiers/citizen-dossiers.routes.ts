import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withTx } from '../../db/transaction-guard.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { citizenHelpers } from './citizen-common.js';
import {
  DossierDetail,
  FileParams,
  IdParams,
  LinkBody,
  MyListPage,
  MyListQuery,
  SlipParams,
  SubmitBody,
  SubmitHeaders,
} from './dossiers.schemas.js';
import { Binary, sendDossierFile } from './downloads.js';
import { submitDossier } from './submit.js';

/**
 * A citizen's own dossiers: submit, list, read, link one filed elsewhere, download. Every lookup
 * filters by the signed-in citizen, so another person's dossier (or its files) answers
 * DOSSIER_NOT_FOUND exactly like one that does not exist.
 */
export const citizenDossierRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, fileStorage } = app.ctx;
  const { base, errors, me, detail, own } = citizenHelpers(app);

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

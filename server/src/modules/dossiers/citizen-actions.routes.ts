import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { appendAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { citizenHelpers } from './citizen-common.js';
import { DossierDetail, IdParams, RatingBody, SupplementBody, WithdrawBody } from './dossiers.schemas.js';
import { applyAction } from './workflow.js';

/** What a citizen does to their own dossier: send the papers asked for, withdraw it, rate it. */
export const citizenActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { base, errors, me, act } = citizenHelpers(app);

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
};

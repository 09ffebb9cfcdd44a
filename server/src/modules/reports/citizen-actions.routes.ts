import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { appendAudit } from '../../platform/audit/audit.js';
import { requireCitizen } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { withTx } from '../../db/transaction-guard.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { citizenDetail, findForCitizen } from './citizen-detail.js';
import { Following, IdParams, MyReportDetail, RateBody, ReopenBody } from './citizen.schemas.js';
import type { ReportActionInput } from './types.js';
import { applyReportAction } from './workflow.js';

/**
 * What a citizen does to a report: follow one (instead of filing a duplicate) or stop following it,
 * and, as its reporter, rate the resolution or reopen it. Rating and reopening are workflow actions
 * (workflow.ts checks state, window and requirements and writes event, audit and notices).
 */
export const citizenActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, calendar } = app.ctx;
  const base = { tags: ['reports: citizen'], security: [{ bearer: [] }] };
  const errors = {
    401: ErrorResponse(['AUTH_REQUIRED']),
    403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
    404: ErrorResponse(['REPORT_NOT_FOUND']),
  };
  const me = (request: FastifyRequest) => {
    const p = requireCitizen(request);
    return { tenantId: p.tenantId, citizenId: p.id };
  };

  /** A report the public may know of: followable by anyone of the tenant. */
  const followable = async (tenantId: string, id: string) => {
    const row = await db
      .selectFrom('reports')
      .select(['id', 'citizen_id', 'code'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('public_hidden', '=', false)
      .executeTakeFirst();
    if (!row) throw new AppError('REPORT_NOT_FOUND');
    return row;
  };

  app.post(
    '/api/me/reports/:id/follow',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Follow a report (notified of each public step), e.g. instead of filing a duplicate',
        params: IdParams,
        response: { 200: Following, ...errors },
      },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      const report = await followable(tenantId, request.params.id);
      // The reporter is always notified; a follower row for them would notify twice.
      if (report.citizen_id === citizenId) return { following: true };
      await withTx(db, async (tx) => {
        const added = await tx
          .insertInto('report_followers')
          .values({ tenant_id: tenantId, report_id: report.id, citizen_id: citizenId })
          .onConflict((oc) => oc.columns(['report_id', 'citizen_id']).doNothing())
          .returning('citizen_id')
          .executeTakeFirst();
        if (added) {
          await appendAudit(tx, {
            tenantId,
            actor: { type: 'citizen', id: citizenId },
            action: 'report.followed',
            entityType: 'report',
            entityId: report.id,
            data: { code: report.code },
          });
        }
      });
      return { following: true };
    },
  );

  app.delete(
    '/api/me/reports/:id/follow',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Stop following a report',
        params: IdParams,
        response: { 200: Following, ...errors },
      },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      const deleted = await db
        .deleteFrom('report_followers')
        .where('tenant_id', '=', tenantId)
        .where('report_id', '=', request.params.id)
        .where('citizen_id', '=', citizenId)
        .returning('report_id')
        .executeTakeFirst();
      if (!deleted) {
        // Not following: fine when the report is visible at all; otherwise it does not exist for them.
        await findForCitizen(db, tenantId, citizenId, request.params.id).catch(() =>
          followable(tenantId, request.params.id),
        );
      }
      return { following: false };
    },
  );

  const reporterAction = async (
    request: FastifyRequest,
    id: string,
    action: string,
    input: ReportActionInput,
  ) => {
    const { tenantId, citizenId } = me(request);
    const { relation } = await findForCitizen(db, tenantId, citizenId, id);
    if (relation !== 'mine') throw new AppError('REPORT_NOT_FOUND');
    const now = new Date();
    await applyReportAction({
      db,
      calendar: await calendar.forTenant(tenantId),
      tenantId,
      reportId: id,
      action,
      actor: { type: 'citizen', id: citizenId },
      input,
      now,
    });
    return citizenDetail(db, tenantId, citizenId, id, now);
  };

  app.post(
    '/api/me/reports/:id/rate',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Rate the resolution (1–5) and say whether it was really fixed',
        description: '`fixed: false` within the reopen window reopens the report; otherwise it closes.',
        params: IdParams,
        body: RateBody,
        response: {
          200: MyReportDetail,
          400: ErrorResponse(['VALIDATION_FAILED']),
          ...errors,
          409: ErrorResponse(['REPORT_TRANSITION_INVALID', 'REPORT_ALREADY_RATED']),
        },
      },
    },
    async (request) => reporterAction(request, request.params.id, 'rate', request.body),
  );

  app.post(
    '/api/me/reports/:id/reopen',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Reopen a resolved or closed report (within the window after resolution)',
        params: IdParams,
        body: ReopenBody,
        response: {
          200: MyReportDetail,
          400: ErrorResponse(['VALIDATION_FAILED']),
          ...errors,
          409: ErrorResponse(['REPORT_TRANSITION_INVALID', 'REPORT_REOPEN_EXPIRED']),
        },
      },
    },
    async (request) => reporterAction(request, request.params.id, 'reopen', request.body),
  );
};

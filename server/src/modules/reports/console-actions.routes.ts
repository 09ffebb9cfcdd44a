import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError, languageOf, messageFor } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import {
  consoleBase,
  consoleErrors,
  loadConsoleDetail,
  officerView,
  reportInScope,
} from './console-common.js';
import { inReportScope } from './actors.js';
import { ActionBody, ActionParams, BulkBody, BulkResult, Detail } from './console.schemas.js';
import type { ReportActionInput } from './types.js';
import { applyReportAction } from './workflow.js';

/** The answer when the action took the report out of the officer's scope. */
const HandedOver = Type.Object({
  handedOver: Type.Literal(true),
  id: Type.String(),
  code: Type.String(),
  state: Type.String(),
});

const actionErrors = {
  ...consoleErrors,
  400: ErrorResponse([
    'VALIDATION_FAILED',
    'REPORT_ANSWER_REQUIRED',
    'REPORT_PROOF_PHOTO_REQUIRED',
    'REPORT_REASON_REQUIRED',
    'REPORT_DUPLICATE_INVALID',
    'REPORT_AGENCY_INVALID',
    'REPORT_HANDLER_INVALID',
    'REPORT_PHOTO_INVALID',
  ]),
  403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID', 'REPORT_ACTION_FORBIDDEN']),
  409: ErrorResponse(['REPORT_TRANSITION_INVALID']),
};

/**
 * Officers' workflow actions on one report or many. Outside the scope a report does not exist
 * (404); the engine checks the officer's role for the action (403) and the state (409).
 */
export const consoleActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, calendar } = app.ctx;
  const base = consoleBase();

  app.post(
    '/api/admin/reports/:id/actions/:action',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Take a workflow action (assign, start, transfer, refuse, resolve, reject …)',
        params: ActionParams,
        body: ActionBody,
        response: { 200: Type.Union([Detail, HandedOver]), ...actionErrors },
      },
    },
    async (request) => {
      const v = await officerView(db, request);
      const { id, action } = request.params;
      await reportInScope(db, v, id);
      const after = await applyReportAction({
        db,
        calendar: await calendar.forTenant(v.p.tenantId),
        tenantId: v.p.tenantId,
        reportId: id,
        action,
        actor: { type: 'officer', id: v.p.id },
        principal: v.p,
        input: request.body as ReportActionInput,
      });
      // Assigning, transferring or refusing can hand the report to an agency outside the officer's
      // scope: the action is done, the detail is no longer theirs to see.
      if (!inReportScope(v.scope, after)) {
        return { handedOver: true as const, id: after.id, code: after.code, state: after.state };
      }
      return loadConsoleDetail(db, v, id);
    },
  );

  app.post(
    '/api/admin/reports/bulk',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'The same action on up to 100 reports, each in its own transaction',
        body: BulkBody,
        response: { 200: BulkResult, ...actionErrors },
      },
    },
    async (request) => {
      const v = await officerView(db, request);
      const { ids, action, ...input } = request.body;
      const cal = await calendar.forTenant(v.p.tenantId);
      const done: string[] = [];
      const failed: { id: string; code: string; message: string }[] = [];
      for (const id of [...new Set(ids)]) {
        try {
          await reportInScope(db, v, id);
          await applyReportAction({
            db,
            calendar: cal,
            tenantId: v.p.tenantId,
            reportId: id,
            action,
            actor: { type: 'officer', id: v.p.id },
            principal: v.p,
            input: input as ReportActionInput,
          });
          done.push(id);
        } catch (error) {
          // One refused report does not stop the others; anything unexpected still fails the call.
          if (!(error instanceof AppError)) throw error;
          failed.push({
            id,
            code: error.code,
            message: messageFor(error.code, languageOf(request.headers['accept-language'])),
          });
        }
      }
      return { done, failed };
    },
  );
};

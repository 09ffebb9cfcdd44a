import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { withTx } from '../../db/transaction-guard.js';
import type { OfficerPrincipal } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { consoleHelpers } from './console-common.js';
import {
  ActionBody,
  BulkReceiveBody,
  BulkReceiveReply,
  ConsoleDossierDetail,
  IdParams,
} from './dossiers.schemas.js';
import { holdsRoleFor, type DossierScope } from './scope.js';
import { ACTION_ROLES, type DossierAction } from './types.js';
import { applyAction } from './workflow.js';

/** Officers' steps on a dossier, one at a time or a batch of receipts. */
export const consoleActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, calendar } = app.ctx;
  const { base, errors, officer, detail } = consoleHelpers(app);

  app.post(
    '/api/admin/dossiers/:id/actions',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Take an action on a dossier (receive, start, request_supplement, …)',
        params: IdParams,
        body: ActionBody,
        response: {
          200: ConsoleDossierDetail,
          400: ErrorResponse([
            'VALIDATION_FAILED (details.fields)',
            'DOSSIER_FILE_INVALID',
            'DOSSIER_ASSIGNEE_INVALID',
          ]),
          ...errors,
          404: ErrorResponse(['DOSSIER_NOT_FOUND', 'OFFICER_NOT_FOUND']),
          409: ErrorResponse(['DOSSIER_TRANSITION_INVALID']),
        },
      },
    },
    async (request) => {
      const { p, scope } = await officer(request);
      const b = request.body;
      await actAsOfficer(p, scope, request.params.id, b.action, (tx, cal) =>
        applyAction({
          tx,
          tenantId: p.tenantId,
          dossierId: request.params.id,
          action: b.action,
          actor: { type: 'officer', id: p.id },
          note: b.note ?? null,
          items: b.items,
          reason: b.reason ?? null,
          amount: b.amount ?? null,
          assigneeId: b.assigneeId ?? null,
          // A clerk supplementing for the citizen adds the papers' scans; complete adds the result.
          fileIds: b.action === 'supplement' ? b.fileIds : b.resultFileIds,
          calendar: cal,
        }),
      );
      return detail(p, scope, request.params.id);
    },
  );

  async function actAsOfficer(
    p: OfficerPrincipal,
    scope: DossierScope,
    id: string,
    action: DossierAction,
    fn: (tx: typeof db, cal: Awaited<ReturnType<typeof calendar.forTenant>>) => Promise<void>,
  ): Promise<void> {
    const row = await db
      .selectFrom('dossiers')
      .select('agency_id')
      .where('tenant_id', '=', p.tenantId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !scope.agencyIds.has(row.agency_id)) throw new AppError('DOSSIER_NOT_FOUND');
    if (!holdsRoleFor(p, scope, row.agency_id, ACTION_ROLES[action])) throw new AppError('FORBIDDEN');
    const cal = await calendar.forTenant(p.tenantId);
    await withTx(db, (tx) => fn(tx, cal));
  }

  app.post(
    '/api/admin/dossiers/bulk-receive',
    {
      config: { access: 'officer' },
      schema: {
        ...base,
        summary: 'Receive up to 100 dossiers, each on its own',
        body: BulkReceiveBody,
        response: { 200: BulkReceiveReply, ...errors },
      },
    },
    async (request) => {
      const { p, scope } = await officer(request);
      const received: string[] = [];
      const failed: { id: string; code: string }[] = [];
      // One transaction each: one dossier in the wrong status must not undo the others.
      for (const id of new Set(request.body.ids)) {
        try {
          await actAsOfficer(p, scope, id, 'receive', (tx, cal) =>
            applyAction({
              tx,
              tenantId: p.tenantId,
              dossierId: id,
              action: 'receive',
              actor: { type: 'officer', id: p.id },
              calendar: cal,
            }),
          );
          received.push(id);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          failed.push({ id, code: error.code });
        }
      }
      return { received, failed };
    },
  );
};

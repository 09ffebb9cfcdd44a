import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireOfficer, type OfficerPrincipal } from '../../platform/auth/access.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { loadDetail } from './detail.js';
import { dossierScope, holdsRoleFor, type DossierScope } from './scope.js';
import { ACTION_ROLES, DOSSIER_ACTIONS, TRANSITIONS, type DossierAction } from './types.js';

function allowedActions(
  p: OfficerPrincipal,
  scope: DossierScope,
  agencyId: string,
  status: string,
): DossierAction[] {
  return DOSSIER_ACTIONS.filter(
    (a) =>
      ACTION_ROLES[a].length > 0 &&
      (TRANSITIONS[a].from as readonly string[]).includes(status) &&
      holdsRoleFor(p, scope, agencyId, ACTION_ROLES[a]),
  );
}

/**
 * What the officers' dossier routes share. An officer sees the dossiers of the agencies they hold
 * any role in and of their descendants (province admins: all); anything else answers 404 as if it
 * did not exist. An action needs the action's role in the dossier's agency or an ancestor (403).
 */
export function consoleHelpers(app: FastifyInstance) {
  const { db } = app.ctx;
  const base = {
    tags: ['dossiers'],
    security: [{ cookie: [] }, { bearer: [] }] as Record<string, string[]>[],
  };
  const errors = {
    401: ErrorResponse(['AUTH_REQUIRED']),
    403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
    404: ErrorResponse(['DOSSIER_NOT_FOUND']),
  };
  const officer = async (request: FastifyRequest) => {
    const p = requireOfficer(request);
    return { p, scope: await dossierScope(db, p) };
  };
  const detail = async (p: OfficerPrincipal, scope: DossierScope, id: string) => {
    const d = await loadDetail(db, {
      tenantId: p.tenantId,
      id,
      agencyIds: scope.all ? undefined : scope.agencyIds,
      internal: true,
    });
    const { agencyId, assigneeId, assigneeName, ...rest } = d;
    return {
      ...rest,
      // loadDetail fills these for internal views; the defaults only satisfy the shared type.
      timeline: rest.timeline.map((e) => ({ ...e, actor: e.actor ?? null, form: e.form ?? null })),
      assignee: assigneeId && assigneeName ? { id: assigneeId, name: assigneeName } : null,
      allowedActions: allowedActions(p, scope, agencyId, d.status),
    };
  };
  return { base, errors, officer, detail };
}

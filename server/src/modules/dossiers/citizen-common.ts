import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/connection.js';
import { withTx } from '../../db/transaction-guard.js';
import { requireCitizen } from '../../platform/auth/access.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { loadDetail } from './detail.js';

/** What the citizen's dossier routes share: the signed-in citizen and their own dossier, nothing else. */
export function citizenHelpers(app: FastifyInstance) {
  const { db } = app.ctx;
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
  return { base, errors, me, detail, own, act };
}

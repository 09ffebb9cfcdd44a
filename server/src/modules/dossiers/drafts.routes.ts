import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { requireCitizen } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse, NoContent } from '../../platform/http/schemas.js';
import { Draft, DraftCreateBody, DraftList, DraftUpdateBody, IdParams } from './dossiers.schemas.js';

/** A draft is only stored, never validated beyond its size: the form is checked on submission. */
export const DRAFT_MAX_BYTES = 256 * 1024;

function checkSize(data: unknown): string {
  const json = JSON.stringify(data);
  if (Buffer.byteLength(json) > DRAFT_MAX_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', { maxBytes: DRAFT_MAX_BYTES });
  return json;
}

/** A citizen's unfinished forms, resumable on another device. Someone else's draft is not found. */
export const draftRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.ctx;
  const base = { tags: ['dossiers'], security: [{ bearer: [] }] };
  const errors = {
    401: ErrorResponse(['AUTH_REQUIRED']),
    403: ErrorResponse(['FORBIDDEN', 'CSRF_INVALID']),
    404: ErrorResponse(['DRAFT_NOT_FOUND']),
  };
  const tooLarge = { 413: ErrorResponse(['PAYLOAD_TOO_LARGE (details.maxBytes)']) };
  const me = (request: FastifyRequest) => {
    const p = requireCitizen(request);
    return { tenantId: p.tenantId, citizenId: p.id };
  };
  const drafts = (tenantId: string, citizenId: string) =>
    db
      .selectFrom('dossier_drafts as d')
      .innerJoin('procedures as p', 'p.id', 'd.procedure_id')
      .select(['d.id', 'd.procedure_id', 'p.name', 'd.data', 'd.updated_at'])
      .where('d.tenant_id', '=', tenantId)
      .where('d.citizen_id', '=', citizenId);
  const view = (r: {
    id: string;
    procedure_id: string;
    name: string;
    data: Record<string, unknown>;
    updated_at: Date;
  }) => ({
    id: r.id,
    procedureId: r.procedure_id,
    procedureName: r.name,
    data: r.data,
    updatedAt: r.updated_at.toISOString(),
  });
  const one = async (tenantId: string, citizenId: string, id: string) => {
    const row = await drafts(tenantId, citizenId).where('d.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('DRAFT_NOT_FOUND');
    return view(row);
  };

  app.get(
    '/api/me/drafts',
    {
      config: { access: 'citizen' },
      schema: { ...base, summary: 'My drafts, last edited first', response: { 200: DraftList, ...errors } },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      const rows = await drafts(tenantId, citizenId).orderBy('d.updated_at', 'desc').limit(100).execute();
      return { items: rows.map(view) };
    },
  );

  app.post(
    '/api/me/drafts',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Save a new draft',
        body: DraftCreateBody,
        response: { 201: Draft, ...errors, 404: ErrorResponse(['PROCEDURE_NOT_FOUND']), ...tooLarge },
      },
    },
    async (request, reply) => {
      const { tenantId, citizenId } = me(request);
      const json = checkSize(request.body.data);
      const procedure = await db
        .selectFrom('procedures')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', request.body.procedureId)
        .executeTakeFirst();
      if (!procedure) throw new AppError('PROCEDURE_NOT_FOUND');
      const row = await db
        .insertInto('dossier_drafts')
        .values({ tenant_id: tenantId, citizen_id: citizenId, procedure_id: procedure.id, data: json })
        .returning('id')
        .executeTakeFirstOrThrow();
      return reply.code(201).send(await one(tenantId, citizenId, row.id));
    },
  );

  app.get(
    '/api/me/drafts/:id',
    {
      config: { access: 'citizen' },
      schema: { ...base, summary: 'One of my drafts', params: IdParams, response: { 200: Draft, ...errors } },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      return one(tenantId, citizenId, request.params.id);
    },
  );

  app.put(
    '/api/me/drafts/:id',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Replace the answers of my draft',
        params: IdParams,
        body: DraftUpdateBody,
        response: { 200: Draft, ...errors, ...tooLarge },
      },
    },
    async (request) => {
      const { tenantId, citizenId } = me(request);
      const json = checkSize(request.body.data);
      const res = await db
        .updateTable('dossier_drafts')
        .set({ data: json, updated_at: new Date() })
        .where('tenant_id', '=', tenantId)
        .where('citizen_id', '=', citizenId)
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('DRAFT_NOT_FOUND');
      return one(tenantId, citizenId, request.params.id);
    },
  );

  app.delete(
    '/api/me/drafts/:id',
    {
      config: { access: 'citizen' },
      schema: {
        ...base,
        summary: 'Delete my draft',
        params: IdParams,
        response: { 204: NoContent, ...errors },
      },
    },
    async (request, reply) => {
      const { tenantId, citizenId } = me(request);
      const res = await db
        .deleteFrom('dossier_drafts')
        .where('tenant_id', '=', tenantId)
        .where('citizen_id', '=', citizenId)
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) !== 1) throw new AppError('DRAFT_NOT_FOUND');
      return reply.code(204).send(null);
    },
  );
};

import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, languageOf, messageFor } from '../../platform/errors/app-error.js';
import { attributesFrom, createOpen311Request, type Open311PostFields } from './open311-create.js';
import {
  OPEN311_CONTENT_TYPES,
  renderCreated,
  renderErrors,
  renderRequests,
  renderServiceDefinition,
  renderServices,
  type Open311Format,
} from './open311.format.js';
import {
  enabledCategories,
  firstPhotos,
  Open311Failure,
  requestsQuery,
  statesByStatus,
  toRequest,
  toService,
  toServiceDefinition,
} from './open311.service.js';
import { loadWorkflow } from './workflow-definition.js';

/**
 * Open311 GeoReport v2 under /open311/v2/ (docs/open311.md). Its own world inside the API: answers
 * are JSON or XML by the path's extension, form-encoded bodies are accepted (the spec's default),
 * and every error is the spec's error list — never our usual `{ error }` body — so an off-the-shelf
 * Open311 client can read it. The plugin is encapsulated: the form parser and the error handler
 * apply here only.
 */
const MAX_REQUESTS = 1000;
const DEFAULT_DAYS = 90;
const tags = ['reports: open311'];

const FormatParams = Type.Object({ format: Type.String() });
const CodeParams = Type.Object({ code: Type.String(), format: Type.String() });
const Jurisdiction = {
  jurisdiction_id: Type.Optional(Type.String({ description: 'The province code; optional' })),
};
const RequestsQuery = Type.Object({
  ...Jurisdiction,
  service_request_id: Type.Optional(Type.String({ description: 'Comma-separated; overrides the rest' })),
  service_code: Type.Optional(Type.String({ description: 'Comma-separated' })),
  start_date: Type.Optional(Type.String({ description: 'ISO 8601; default 90 days ago' })),
  end_date: Type.Optional(Type.String({ description: 'ISO 8601' })),
  status: Type.Optional(Type.String({ description: 'open, closed or both comma-separated' })),
});
const PostBody = Type.Object(
  {
    ...Jurisdiction,
    api_key: Type.Optional(Type.String()),
    service_code: Type.Optional(Type.String()),
    lat: Type.Optional(Type.String({ description: 'WGS84 latitude, decimal degrees' })),
    long: Type.Optional(Type.String({ description: 'WGS84 longitude, decimal degrees' })),
    address_string: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    media_url: Type.Optional(Type.String()),
    first_name: Type.Optional(Type.String()),
    last_name: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
  },
  { description: 'Form-encoded or JSON; also attribute[code] for the service’s attributes' },
);
const bodyDoc = (what: string) => ({
  description: `${what}, as JSON or XML by the extension`,
  content: {
    [OPEN311_CONTENT_TYPES.json]: { schema: Type.Array(Type.Object({})) },
    [OPEN311_CONTENT_TYPES.xml]: { schema: Type.String() },
  },
});
const errorDoc = {
  description: 'The spec’s error list: [{ code, description }] or <errors><error>…</error></errors>',
  type: 'null',
};
const errors = { 400: errorDoc, 403: errorDoc, 404: errorDoc };

function formatOf(request: FastifyRequest): Open311Format {
  return (request.url.split('?')[0] ?? '').endsWith('.xml') ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Open311Format, status: number, body: string) {
  return reply.status(status).type(OPEN311_CONTENT_TYPES[format]).send(body);
}

function fail(reply: FastifyReply, format: Open311Format, status: number, description: string) {
  return send(reply, format, status, renderErrors(format, [{ code: status, description }]));
}

function checkFormat(format: string): Open311Format {
  if (format !== 'json' && format !== 'xml') throw new Open311Failure(404, 'Định dạng chỉ có json hoặc xml.');
  return format;
}

function checkJurisdiction(request: FastifyRequest, given: string | undefined) {
  if (given !== undefined && given.trim().toLowerCase() !== request.tenant.code.toLowerCase()) {
    throw new Open311Failure(404, `Không phục vụ jurisdiction_id "${given}".`);
  }
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function parseDate(value: string | undefined, name: string): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Open311Failure(400, `${name} không đúng định dạng ISO 8601.`);
  return date;
}

const open311V2: FastifyPluginAsyncTypebox = async (app) => {
  const { db, config } = app.ctx;
  await app.register(formbody);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const format = formatOf(request);
    if (error instanceof Open311Failure) return fail(reply, format, error.status, error.description);
    if (error.validation) {
      const fields = error.validation.map((v) => v.instancePath.replace(/^\//, '') || v.keyword);
      return fail(reply, format, 400, `Trường không hợp lệ: ${fields.join(', ')}.`);
    }
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, 'open311 request failed');
      const lang = languageOf(request.headers['accept-language']);
      return fail(reply, format, error.statusCode, messageFor(error.code, lang));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return fail(reply, format, status, error.message);
    request.log.error({ err: error }, 'open311 unhandled error');
    return fail(reply, format, 500, 'Lỗi hệ thống; vui lòng thử lại sau.');
  });
  app.setNotFoundHandler((request, reply) =>
    fail(reply, formatOf(request), 404, 'Không có tài nguyên này trong Open311 GeoReport v2.'),
  );

  app.get(
    '/services.:format',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open311: the services (report categories)',
        params: FormatParams,
        querystring: Type.Object(Jurisdiction),
        response: { 200: bodyDoc('The services'), ...errors },
      },
    },
    async (request, reply) => {
      const format = checkFormat(request.params.format);
      checkJurisdiction(request, request.query.jurisdiction_id);
      const rows = await enabledCategories(db, request.tenant.id).execute();
      return send(reply, format, 200, renderServices(format, rows.map(toService)));
    },
  );

  app.get(
    '/services/:code.:format',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open311: one service’s definition (its attributes)',
        params: CodeParams,
        querystring: Type.Object(Jurisdiction),
        response: { 200: bodyDoc('The service definition'), ...errors },
      },
    },
    async (request, reply) => {
      const format = checkFormat(request.params.format);
      checkJurisdiction(request, request.query.jurisdiction_id);
      const row = await enabledCategories(db, request.tenant.id)
        .where('code', '=', request.params.code)
        .executeTakeFirst();
      if (!row) throw new Open311Failure(404, `Không có dịch vụ (service_code) "${request.params.code}".`);
      return send(reply, format, 200, renderServiceDefinition(format, toServiceDefinition(row)));
    },
  );

  app.post(
    '/requests.:format',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open311: file a report (api_key required)',
        params: FormatParams,
        body: PostBody,
        response: { 201: bodyDoc('[{ service_request_id, service_notice, account_id }]'), ...errors },
      },
    },
    async (request, reply) => {
      const format = checkFormat(request.params.format);
      const body = (request.body ?? {}) as Open311PostFields & Record<string, unknown>;
      checkJurisdiction(request, body.jurisdiction_id);
      const created = await createOpen311Request({
        db,
        tenantId: request.tenant.id,
        fields: body,
        attributes: attributesFrom(body),
      });
      return send(reply, format, 201, renderCreated(format, [created]));
    },
  );

  app.get(
    '/requests.:format',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: `Open311: reports, newest first (default the last ${DEFAULT_DAYS} days, at most ${MAX_REQUESTS})`,
        params: FormatParams,
        querystring: RequestsQuery,
        response: { 200: bodyDoc('The service requests'), ...errors },
      },
    },
    async (request, reply) => {
      const format = checkFormat(request.params.format);
      const q = request.query;
      checkJurisdiction(request, q.jurisdiction_id);
      const tenantId = request.tenant.id;
      const workflow = await loadWorkflow(db, tenantId);
      let query = requestsQuery(db, tenantId);
      const ids = list(q.service_request_id);
      if (ids.length > 0) {
        // The spec: service_request_id overrides every other filter.
        query = query.where('r.code', 'in', ids.slice(0, MAX_REQUESTS));
      } else {
        const codes = list(q.service_code);
        if (codes.length > 0) query = query.where('c.code', 'in', codes);
        const end = parseDate(q.end_date, 'end_date');
        const start =
          parseDate(q.start_date, 'start_date') ??
          new Date((end ?? new Date()).getTime() - DEFAULT_DAYS * 86_400_000);
        query = query.where('r.submitted_at', '>=', start);
        if (end) query = query.where('r.submitted_at', '<=', end);
        const statuses = list(q.status);
        if (statuses.some((s) => s !== 'open' && s !== 'closed')) {
          throw new Open311Failure(400, 'status chỉ nhận open, closed.');
        }
        if (statuses.length === 1) {
          const states = statesByStatus(workflow, statuses[0] as 'open' | 'closed');
          query = query.where('r.state', 'in', states.length > 0 ? states : ['']);
        }
      }
      const rows = await query
        .orderBy('r.submitted_at', 'desc')
        .orderBy('r.id')
        .limit(MAX_REQUESTS)
        .execute();
      const photos = await firstPhotos(
        db,
        rows.map((r) => r.id),
      );
      const requests = rows.map((r) => toRequest(r, workflow, config.publicUrl, photos.get(r.id)));
      return send(reply, format, 200, renderRequests(format, requests));
    },
  );

  app.get(
    '/requests/:code.:format',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open311: one report by its service_request_id (our report code)',
        params: CodeParams,
        querystring: Type.Object(Jurisdiction),
        response: { 200: bodyDoc('A list of one service request'), ...errors },
      },
    },
    async (request, reply) => {
      const format = checkFormat(request.params.format);
      checkJurisdiction(request, request.query.jurisdiction_id);
      const tenantId = request.tenant.id;
      const row = await requestsQuery(db, tenantId)
        .where('r.code', '=', request.params.code)
        .executeTakeFirst();
      if (!row) throw new Open311Failure(404, `Không có phản ánh "${request.params.code}".`);
      const [workflow, photos] = await Promise.all([loadWorkflow(db, tenantId), firstPhotos(db, [row.id])]);
      const body = renderRequests(format, [toRequest(row, workflow, config.publicUrl, photos.get(row.id))]);
      return send(reply, format, 200, body);
    },
  );
};

export const open311Routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(open311V2, { prefix: '/open311/v2' });
};

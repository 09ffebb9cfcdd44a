import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PUBLIC_DIRECTORY } from '../../platform/auth/route-rules.js';
import { FileContent } from '../files/files.schemas.js';
import { AppError } from '../../platform/errors/app-error.js';
import { ErrorResponse } from '../../platform/http/schemas.js';
import { findFeedItem, findPublicPhoto, listFeed, parseBbox } from './feed.repository.js';
import { AgencyScore, FeedDetail, FeedPage, FeedParams, FeedQuery, PhotoParams } from './feed.schemas.js';
import { agencyScores } from './scores.js';
import { loadWorkflow } from './workflow-definition.js';

/**
 * The public feed of reports (mini app and web, no sign-in): resolved and in-progress reports with
 * personal data removed and moderation applied, their photos, and each agency's scores. The answers
 * are the same for every caller of a tenant, so browsers and shared caches may keep them a minute.
 */
export const reportsPublicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db, fileStorage } = app.ctx;
  const tags = ['reports: public'];

  app.get(
    '/api/reports/feed',
    {
      config: PUBLIC_DIRECTORY,
      schema: {
        tags,
        summary: 'Public reports (in progress, resolved, closed), most recently changed first',
        description:
          'Hidden reports never appear; hidden description or answer is null; hidden photos are left ' +
          'out; the reporter’s name only when they chose to show it. A state that is not public ' +
          'answers an empty page.',
        querystring: FeedQuery,
        response: { 200: FeedPage, 400: ErrorResponse(['VALIDATION_FAILED']) },
      },
    },
    async (request) => {
      const tenantId = request.tenant.id;
      const { bbox } = request.query;
      if (bbox !== undefined && !parseBbox(bbox)) {
        throw new AppError('VALIDATION_FAILED', { fields: [{ path: '/bbox', rule: 'format' }] });
      }
      const workflow = await loadWorkflow(db, tenantId);
      const page = await listFeed(db, tenantId, workflow, request.query);
      return { ...page, page: request.query.page, pageSize: request.query.pageSize };
    },
  );

  app.get(
    '/api/reports/feed/:id',
    {
      config: PUBLIC_DIRECTORY,
      schema: {
        tags,
        summary: 'One public report with its public timeline (officer names never)',
        params: FeedParams,
        response: { 200: FeedDetail, 404: ErrorResponse(['REPORT_NOT_FOUND']) },
      },
    },
    async (request) => {
      const tenantId = request.tenant.id;
      const workflow = await loadWorkflow(db, tenantId);
      const item = await findFeedItem(db, tenantId, workflow, request.params.id);
      // Not public and not existing look the same: the feed must not confirm a private report.
      if (!item) throw new AppError('REPORT_NOT_FOUND');
      return item;
    },
  );

  app.get(
    '/api/reports/photos/:fileId',
    {
      // An <img> cannot send X-Tenant-Id, so the tenant comes from the photo's report. Five
      // minutes of caching bounds how long a photo a moderator has just hidden stays visible.
      config: { access: 'public', tenant: false, cacheSeconds: 300 },
      schema: {
        tags,
        summary: 'A photo of a public report (re-encoded at upload: no EXIF, no GPS position)',
        params: PhotoParams,
        response: {
          200: FileContent,
          304: { description: 'Not modified (If-None-Match matched the ETag)', type: 'null' },
          404: ErrorResponse(['FILE_NOT_FOUND']),
        },
      },
    },
    async (request, reply) => {
      const photo = await findPublicPhoto(db, request.params.fileId, (tenantId) =>
        loadWorkflow(db, tenantId),
      );
      if (!photo) throw new AppError('FILE_NOT_FOUND');
      // Bytes under a file id never change: a browser that has them only needs to hear so.
      const etag = `"${photo.sha256}"`;
      reply.header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      const stream = await fileStorage.get(photo.storage_key);
      if (!stream) {
        request.log.error({ fileId: request.params.fileId }, 'file row without stored bytes');
        throw new AppError('FILE_NOT_FOUND');
      }
      return reply.type(photo.content_type).header('content-length', photo.size_bytes).send(stream);
    },
  );

  app.get(
    '/api/reports/agency-scores',
    {
      config: PUBLIC_DIRECTORY,
      schema: {
        tags,
        summary: 'Each agency’s totals, on-time rate, average resolution time and rating',
        response: { 200: Type.Array(AgencyScore) },
      },
    },
    async (request) => {
      const tenantId = request.tenant.id;
      return agencyScores(db, tenantId, await loadWorkflow(db, tenantId));
    },
  );
};

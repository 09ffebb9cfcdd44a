import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../../platform/http/schemas.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/access.js';
import { AppError } from '../../platform/errors/app-error.js';
import { contentDisposition, downloadName } from '../../platform/files/file-names.js';
import { findReadableFile, maxBytesFor, saveUpload } from '../../platform/files/file-service.js';
import {
  DownloadQuery,
  FileContent,
  FileParams,
  StoredFileResponse,
  UploadBody,
  UploadQuery,
} from './files.schemas.js';
import { filePersonalData, registerFileJobs } from './personal-data.js';

/**
 * Upload and download of files owned by the signed-in citizen or officer. Other modules keep the
 * returned id (a report's photos, a dossier's attachments) and decide who else may see it; here a file
 * is readable by its owner and by nobody else: not even its existence is revealed (404).
 */
export const filesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config, db, fileStorage } = app.ctx;
  app.ctx.privacy.register(filePersonalData);
  registerFileJobs(app.ctx.worker, fileStorage);
  const tags = ['files'];
  const security: { [scheme: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
  const signedInErrors = {
    401: ErrorResponse(['AUTH_REQUIRED', 'SESSION_EXPIRED']),
    403: ErrorResponse(['CSRF_INVALID']),
  };

  app.post(
    '/api/files',
    {
      // Uploads cost CPU (re-encoding) and disk: a tighter budget than the global one.
      config: { access: 'signed-in', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags,
        security,
        summary: 'Upload one file (multipart/form-data, field "file")',
        description:
          'The type is decided from the bytes. Images are re-encoded (EXIF removed after reading the ' +
          'GPS position, orientation applied, resized); PDFs are stored as they are.',
        consumes: ['multipart/form-data'],
        querystring: UploadQuery,
        body: UploadBody,
        response: {
          201: StoredFileResponse,
          400: ErrorResponse(['FILE_REQUIRED', 'FILE_CORRUPT', 'VALIDATION_FAILED']),
          ...signedInErrors,
          413: ErrorResponse(['FILE_TOO_LARGE (details.maxBytes or details.maxPixels)']),
          415: ErrorResponse(['FILE_TYPE_NOT_ALLOWED (details.accepted)', 'UNSUPPORTED_MEDIA_TYPE']),
        },
      },
    },
    async (request, reply) => {
      const principal = signedIn(request);
      const { kind } = request.query;
      // The plugin's own error for this is a 406; a wrong body type is a 415.
      if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      const part = await request.file({
        // One byte over the limit is enough for saveUpload to refuse with FILE_TOO_LARGE.
        limits: { fileSize: maxBytesFor(kind, config.uploads) + 1, files: 1, fields: 10, parts: 11 },
      });
      if (!part) throw new AppError('FILE_REQUIRED');
      const stored = await saveUpload({
        db,
        storage: fileStorage,
        limits: config.uploads,
        tenantId: request.tenant.id,
        kind,
        ownerType: principal.kind,
        ownerId: principal.id,
        fileName: part.filename,
        source: part.file,
        actor: { type: principal.kind, id: principal.id },
      });
      const { gps, fileName: _name, ...rest } = stored;
      return reply.status(201).send(gps ? { ...rest, gps } : rest);
    },
  );

  app.get(
    '/api/files/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        security,
        summary: 'Read a file one uploaded (others are read through their dossier or report)',
        params: FileParams,
        querystring: DownloadQuery,
        response: {
          200: FileContent,
          304: { description: 'Not modified (If-None-Match matched the ETag)', type: 'null' },
          ...signedInErrors,
          404: ErrorResponse(['FILE_NOT_FOUND']),
        },
      },
    },
    async (request, reply) => {
      const file = await findReadableFile({
        db,
        tenantId: request.tenant.id,
        fileId: request.params.id,
        reader: signedIn(request),
      });
      const etag = `"${file.sha256}"`;
      // Bytes under an id never change, so the ETag never goes stale. `private` keeps personal files
      // out of shared caches; the hour bounds how long a browser reuses them without asking.
      reply
        .header('cache-control', 'private, max-age=3600')
        .header('etag', etag)
        .header('x-content-type-options', 'nosniff');
      addVary(reply, 'Authorization, Cookie');
      if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();

      const stream = await fileStorage.get(file.storage_key);
      if (!stream) {
        request.log.error({ fileId: file.id }, 'file row without stored bytes');
        throw new AppError('FILE_NOT_FOUND');
      }
      const ext = file.storage_key.slice(file.storage_key.lastIndexOf('.') + 1);
      // Inline is safe: only JPEG, PNG and PDF are ever stored (never HTML or SVG), and nosniff stops
      // a browser from guessing otherwise.
      return reply
        .type(file.content_type)
        .header('content-length', file.size_bytes)
        .header(
          'content-disposition',
          contentDisposition(
            request.query.download ? 'attachment' : 'inline',
            downloadName(file.original_name, ext),
          ),
        )
        .send(stream);
    },
  );
};

function signedIn(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('AUTH_REQUIRED');
  return request.principal;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

/** Appends instead of replacing: CORS has already put `Origin` there. */
function addVary(reply: FastifyReply, fields: string): void {
  const current = reply.getHeader('vary');
  const list = [current, fields].flat().filter((v) => v !== undefined && v !== '');
  reply.header('vary', list.join(', '));
}

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, languageOf, messageFor } from './app-error.js';
import { ERROR_CODES, type ErrorCode } from './codes.js';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  status: number,
  extra?: AppError,
) {
  const lang = languageOf(request.headers['accept-language']);
  const body: ErrorBody = {
    error: { code, message: extra?.customMessage?.[lang] ?? messageFor(code, lang) },
  };
  if (extra?.details) body.error.details = extra.details;
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/** Maps framework and plugin errors onto our stable codes; anything unknown is a hidden 500. */
function classify(error: FastifyError): ErrorCode | undefined {
  if (error.validation) return 'VALIDATION_FAILED';
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'MALFORMED_JSON';
  }
  if (error.statusCode === 400 && error instanceof SyntaxError) return 'MALFORMED_JSON';
  if (error.statusCode === 413) return 'PAYLOAD_TOO_LARGE';
  if (error.statusCode === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (error.statusCode === 429) return 'RATE_LIMITED';
  if (error.statusCode === 405) return 'METHOD_NOT_ALLOWED';
  if (error.statusCode === 404) return 'NOT_FOUND';
  if (error.statusCode === 400) return 'VALIDATION_FAILED';
  // Any other client error from a plugin: still a client error, with our generic code.
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500)
    return 'BAD_REQUEST';
  return undefined;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      return send(request, reply, error.code, error.statusCode, error);
    }
    const code = classify(error);
    if (code) {
      // The status belongs to our code, not to whichever plugin raised the error.
      const status = ERROR_CODES[code].status;
      const details =
        code === 'VALIDATION_FAILED' && error.validation
          ? {
              fields: error.validation.map((v) => ({
                path: v.instancePath || (v.params as { missingProperty?: string }).missingProperty || '',
                rule: v.keyword,
              })),
            }
          : undefined;
      return send(request, reply, code, status, details ? new AppError(code, details) : undefined);
    }
    // Unknown: log everything, tell the client nothing about internals.
    request.log.error({ err: error }, 'unhandled error');
    return send(request, reply, 'INTERNAL_ERROR', 500);
  });

  app.setNotFoundHandler((request, reply) => send(request, reply, 'NOT_FOUND', 404));
}

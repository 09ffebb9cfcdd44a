import { t } from '../i18n';

/*
 * The one way the console talks to the server. The session lives in an HttpOnly cookie the browser
 * sends on its own; what the page must add is the session's CSRF token on every unsafe request
 * (the server refuses a cookie-authenticated POST/PATCH/DELETE without it).
 */

export interface ValidationIssue {
  path: string;
  rule: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Per-field problems of a VALIDATION_FAILED answer (see server error-handler.ts). */
  get fieldIssues(): ValidationIssue[] {
    const fields = this.details.fields;
    return Array.isArray(fields) ? (fields as ValidationIssue[]) : [];
  }
}

type Listener = (error: ApiError) => void;

let csrfToken: string | null = null;
const sessionListeners = new Set<Listener>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Called for answers that concern the session itself (signed out, expired, temporary password), so
 * the app can react in one place whichever screen made the request.
 */
export function onSessionProblem(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

const SESSION_CODES = new Set(['AUTH_REQUIRED', 'SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED']);

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; details?: Record<string, unknown> };
    };
    if (body.error?.code) {
      return new ApiError(
        response.status,
        body.error.code,
        body.error.message ?? t.errors.unknown,
        body.error.details ?? {},
      );
    }
  } catch {
    // not JSON (a proxy's error page): fall through to the generic message
  }
  return new ApiError(response.status, 'HTTP_' + response.status, t.errors.unknown);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** Do not tell the session listeners (the sign-in form handles its own 401s). */
  quiet?: boolean;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      // Public directories (an agency's detail) are cacheable for a minute for citizens; an officer who
      // just edited one must see the edit, so the console always revalidates.
      cache: 'no-cache',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', t.errors.network);
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (!options.quiet && SESSION_CODES.has(error.code)) sessionListeners.forEach((l) => l(error));
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Uploads one file (POST /api/files, multipart field "file"); answers the stored file's id and type. */
export async function uploadFile(
  file: Blob & { name?: string },
  kind: 'document' | 'image',
): Promise<{ id: string; contentType: string; sizeBytes: number }> {
  const body = new FormData();
  body.append('file', file, file.name ?? 'file');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api/files?kind=${kind}`, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t.errors.network);
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (SESSION_CODES.has(error.code)) sessionListeners.forEach((l) => l(error));
    throw error;
  }
  return (await response.json()) as { id: string; contentType: string; sizeBytes: number };
}

/** Builds `path?query` from a record, leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function isAbort(error: unknown): boolean {
  return (error as Error | undefined)?.name === 'AbortError';
}

import { language, t } from '../i18n/i18n';
import { clearSession, sessionStore } from '../state/session';

/** Every failure the app shows: the server's code and Vietnamese (or English) message, or ours. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  /** Network and timeout failures: the request may succeed if simply tried again. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Extra headers (an Idempotency-Key). */
  headers?: Record<string, string>;
  /** The page may be closing (autosave on leaving): let the browser finish the request. */
  keepalive?: boolean;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  /** Slow 3G in the countryside: generous, but a request must end so the citizen can retry. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * Send none of our headers. The web document preloads `/api/tenant` (vite.config.ts), and
   * Chromium hands a preloaded response to fetch() only when the request headers are the same.
   */
  bare?: boolean;
}

export function urlFor(path: string, query?: RequestOptions['query']): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return `${__API_BASE__}${path}${qs ? `?${qs}` : ''}`;
}

/** Language, tenant and the citizen's token: what every request to our server carries. */
export function baseHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'Accept-Language': language(), Accept: 'application/json' };
  if (__TENANT_ID__) headers['X-Tenant-Id'] = __TENANT_ID__;
  const session = sessionStore.get();
  if (session) headers.Authorization = `Bearer ${session.token}`;
  return headers;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = options.bare ? {} : { ...baseHeaders(), ...options.headers };
  const session = sessionStore.get();
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? 20_000);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort);
  try {
    const response = await fetch(urlFor(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: controller.signal,
      keepalive: options.keepalive,
    });
    if (response.status === 401 && session) {
      // The token expired or was revoked (signed out elsewhere, account deleted): forget it, so
      // screens that need a citizen send them to sign in again.
      clearSession();
    }
    return response;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (timedOut) throw new ApiError('TIMEOUT', t('error.timeout'));
    throw new ApiError('NETWORK', t('error.network'));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

export async function failure(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; details?: Record<string, unknown> };
    };
    if (body.error?.code) {
      return new ApiError(
        body.error.code,
        body.error.message ?? t('error.generic'),
        response.status,
        body.error.details,
      );
    }
  } catch {
    // not our JSON error shape (a proxy's HTML page): fall through
  }
  return new ApiError('HTTP_' + response.status, t('error.generic'), response.status);
}

/** JSON request; resolves with the parsed body (undefined for 204), rejects with ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A download (the "my data" export): the bytes and the file name the server suggests. */
export async function apiFile(path: string): Promise<{ blob: Blob; fileName: string }> {
  const response = await send(path, { timeoutMs: 60_000 });
  if (!response.ok) throw await failure(response);
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'du-lieu.json';
  return { blob: await response.blob(), fileName };
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('CLIENT', t('error.generic'));
}

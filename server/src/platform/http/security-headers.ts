import type { FastifyInstance } from 'fastify';

/**
 * Our helmet options: the API serves JSON, so no Content-Security-Policy here (the docs page sets its
 * own, see openapi.ts); resources may be loaded cross-origin by the mini app.
 */
export const HELMET_OPTIONS = {
  contentSecurityPolicy: false,
  crossOriginResourcePolicy: { policy: 'cross-origin' },
} as const;

/**
 * The headers helmet 8 sends with HELMET_OPTIONS, set on every response. They never vary by request,
 * yet @fastify/helmet rebuilds helmet's middleware chain for each one, which cost a fifth of a cached
 * read; so they are written out once here. A test compares this list with @fastify/helmet's own
 * output, so an upgrade that changes helmet's defaults fails it instead of drifting silently.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

/**
 * Sets the security headers first thing on every request, as helmet did, so error responses of
 * later hooks (rate limit, access) carry them too and a route can still override one.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
}

import type { FastifyInstance } from 'fastify';
import { TENANT_HEADER } from '../tenancy/tenant-resolver.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Seconds a successful answer may be reused by browsers and shared caches. Only for public
     * routes whose answer is the same for every caller of a tenant (configuration, directories): a
     * phone on a slow line then skips the request altogether.
     */
    cacheSeconds?: number;
  }
}

/**
 * `Cache-Control: public, max-age=…` and `Vary: X-Tenant-Id` on the routes that ask for it. No ETag:
 * hashing every answer cost a tenth of a cached read, and for answers of a few hundred bytes a 304
 * saves little over sending them again.
 */
export function registerHttpCache(app: FastifyInstance): void {
  const headerFor = new Map<number, string>();
  app.addHook('onRoute', (route) => {
    const seconds = route.config?.cacheSeconds;
    if (seconds === undefined) return;
    // Anything signed-in may carry personal data: it must never land in a shared cache.
    if (route.config?.access !== 'public' || !Number.isInteger(seconds) || seconds < 0) {
      throw new Error(`${route.url}: cacheSeconds needs a public route and whole seconds`);
    }
    headerFor.set(seconds, `public, max-age=${seconds}`);
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    const seconds = request.routeOptions.config?.cacheSeconds;
    if (
      seconds !== undefined &&
      reply.statusCode === 200 &&
      (request.method === 'GET' || request.method === 'HEAD')
    ) {
      const vary = reply.getHeader('vary');
      reply.header('vary', vary ? `${String(vary)}, ${TENANT_HEADER}` : TENANT_HEADER);
      reply.header('cache-control', headerFor.get(seconds));
    }
    done(null, payload);
  });
}

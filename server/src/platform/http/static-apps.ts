import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Serves the built front ends: the citizen web app at `/` (miniapp/dist/web) and the officer console
 * at `/console/` (console/dist). Vite names assets by content hash, so they are cached for a year;
 * the HTML, the service worker and the manifest are revalidated every time so a release reaches
 * phones on their next visit. The mini app routes by `?page=`, so `/` is its only document; the
 * console routes by path, so any unknown `/console/…` path gets the console's index.html.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const DEFAULT_APP_DIRS = {
  miniapp: path.join(ROOT, 'miniapp', 'dist', 'web'),
  console: path.join(ROOT, 'console', 'dist'),
};

/** Pages may load our own scripts only; images may come from https (map tiles, avatars on Zalo's CDN). */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

function setCacheHeaders(res: { setHeader(name: string, value: string): unknown }, filePath: string): void {
  const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
  res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (filePath.endsWith('.html')) res.setHeader('content-security-policy', APP_CSP);
}

function sendIndex(reply: FastifyReply, root: string): FastifyReply {
  reply.header('cache-control', 'no-cache');
  reply.header('content-security-policy', APP_CSP);
  return reply.sendFile('index.html', root);
}

export interface StaticAppDirs {
  miniapp: string;
  console: string;
}

/**
 * Registers each app whose build exists; a missing build (server tests, API-only deployments) is
 * logged, not fatal. Returns which apps are served.
 */
export async function registerStaticApps(
  app: FastifyInstance,
  dirs: StaticAppDirs = DEFAULT_APP_DIRS,
): Promise<{ miniapp: boolean; console: boolean }> {
  const served = {
    miniapp: existsSync(path.join(dirs.miniapp, 'index.html')),
    console: existsSync(path.join(dirs.console, 'index.html')),
  };
  await app.register(async (scope) => {
    // Static files are public and belong to no tenant; the access hook requires every route to say so.
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), access: 'public', tenant: false };
    });
    // A file may be sent brotli- or gzip-compressed depending on Accept-Encoding: a cache in
    // between (a CDN, a proxy) must keep the variants apart. @fastify/static does not say so itself.
    scope.addHook('onSend', async (_request, reply) => {
      const vary = reply.getHeader('vary');
      reply.header('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
    });
    if (served.miniapp) {
      await scope.register(fastifyStatic, {
        root: dirs.miniapp,
        prefix: '/',
        wildcard: false,
        index: ['index.html'],
        cacheControl: false,
        setHeaders: setCacheHeaders,
        // The build writes .br and .gz beside each text file (miniapp/build-tools/precompress-plugin.ts).
        preCompressed: true,
      });
    }
    if (served.console) {
      await scope.register(fastifyStatic, {
        root: dirs.console,
        prefix: '/console/',
        wildcard: false,
        index: ['index.html'],
        cacheControl: false,
        setHeaders: setCacheHeaders,
        preCompressed: true,
        decorateReply: !served.miniapp,
      });
      scope.get('/console', (_request, reply) => reply.redirect('/console/', 301));
      scope.get('/console/*', (_request, reply) => sendIndex(reply, dirs.console));
    }
  });
  if (!served.miniapp) app.log.warn({ dir: dirs.miniapp }, 'mini app not built: run `npm run build`');
  if (!served.console) app.log.warn({ dir: dirs.console }, 'console not built: run `npm run build`');
  return served;
}

/**
 * (Matching ignores Vary: the server varies on Origin, and a module script's request carries one
 * while the precache request did not.)
 *
 * The service worker, as text (it runs in the worker's own scope, so it is not part of the app's
 * TypeScript program). Rules:
 *  - install: precache the shell (HTML, entry chunk, CSS, manifest, icons) under a versioned cache;
 *  - activate: drop older versions;
 *  - /api/…: never touched, never cached (personal data, always fresh); the app keeps its own copy of
 *    the tenant settings for offline use;
 *  - navigations to the app's document: network first, the cached shell when offline (the page is chosen by ?page=, so one
 *    document serves every screen);
 *  - /assets/… (content-hashed): cache first, cached on first use (lazily loaded screens);
 *  - the other precached files (manifest, icons): cache, else network; anything else is left alone.
 */
export function serviceWorkerSource(files: string[], version: string): string {
  return `'use strict';
const CACHE = 'shell-${version}';
const PRECACHE = ${JSON.stringify(files)};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  // The console (/console/…) and the server's own pages share the origin but not this shell.
  if (request.mode === 'navigate' && (url.pathname === '/' || url.pathname === '/index.html')) {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match('/index.html', { cacheName: CACHE, ignoreVary: true }).then((cached) => cached || Response.error()),
      ),
    );
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(
      caches.match(request, { ignoreVary: true }).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
            }
            return response;
          }),
      ),
    );
    return;
  }
  if (!PRECACHE.includes(url.pathname)) return;
  event.respondWith(caches.match(url.pathname, { cacheName: CACHE, ignoreVary: true }).then((cached) => cached || fetch(request)));
});
`;
}

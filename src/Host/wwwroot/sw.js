// Clinic service worker. Only static assets are cached: pages carry patient
// data, so they always come from the network and are never stored.
'use strict';

// Bump on each release so activate drops the previous cache.
const VERSION = 'v1';
const CACHE = 'clinic-static-' + VERSION;

const PRECACHE = [
  '/offline.html',
  '/css/app.css',
  '/js/app.js',
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
  '/icons/apple-touch-icon.png'
];

// Paths that must always hit the network (auth, live data, probes).
const NEVER_CACHE = ['/api/', '/health/', '/sign-in', '/sign-out'];
// The framework's script (/_framework/, ADR 0034) is left to the HTTP cache: its address is fingerprinted, and
// neither the offline page nor anything else the worker serves needs it.
const STATIC = ['/css/', '/js/', '/icons/'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      // 'reload' bypasses the HTTP cache so a new version gets fresh files.
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((key) => key.startsWith('clinic-') && key !== CACHE)
          .map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;

  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  // Pages: network only (never stored); offline page when the network is down.
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match('/offline.html').then((cached) => cached || Response.error()))
    );
    return;
  }

  const path = url.pathname;
  if (NEVER_CACHE.some((prefix) => path.startsWith(prefix))) return;

  if (STATIC.some((prefix) => path.startsWith(prefix)) || path === '/manifest.webmanifest') {
    event.respondWith(staleWhileRevalidate(event, request));
  }
  // Everything else: let the browser handle it normally.
});

// Serve from cache at once for speed on clinic Wi-Fi, refresh in the background.
function staleWhileRevalidate(event, request) {
  return caches.open(CACHE).then((cache) =>
    cache.match(request).then((cached) => {
      const refresh = fetch(request)
        .then((response) => {
          // Only keep complete, same-origin successes; never a 404, a partial, or what the server says not to keep.
          if (response.ok && response.status === 200 && response.type === 'basic' && !forbidsStoring(response)) {
            cache.put(request, response.clone());
          }
          return response;
        });

      if (cached) {
        // Keep the worker alive until the refresh lands; ignore offline errors.
        event.waitUntil(refresh.catch(() => undefined));
        return cached;
      }
      return refresh;
    })
  );
}

// Pages and exports answer Cache-Control: no-store because they may hold client data (ADR 0021).
function forbidsStoring(response) {
  return /(^|,)\s*no-store\s*(,|$)/i.test(response.headers.get('Cache-Control') || '');
}

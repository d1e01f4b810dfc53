import {
  isStaleStationCache,
  STATION_SHELL,
  stationCacheName,
  stationFetchRule,
} from '../../station-offline-cache';

/**
 * Loads the station when the gateway cannot be reached (Wi-Fi down), so a reload keeps the queued
 * steps in front of the operator. The rules are in station-offline-cache.ts.
 */
declare const self: ServiceWorkerGlobalScope;
/** The content hash of the page's files, set by build-station-web.ts. */
declare const STATION_BUILD_HASH: string;

const CACHE = stationCacheName(STATION_BUILD_HASH);

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...STATION_SHELL]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => isStaleStationCache(name, CACHE)).map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const rule = stationFetchRule(event.request.method, new URL(event.request.url), self.location.origin);
  // Not answered here: the browser goes to the network as if there were no worker.
  if (rule === 'network-only') return;
  event.respondWith(rule === 'network-first' ? networkFirst(event.request) : cacheFirst(event.request));
});

async function networkFirst(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.match('/station', { cacheName: CACHE });
    if (shell) return shell;
    throw error;
  }
}

async function cacheFirst(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName: CACHE })) ?? fetch(request);
}

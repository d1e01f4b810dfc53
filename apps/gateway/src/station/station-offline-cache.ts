/**
 * What the scan station's service worker keeps, and how it answers each request (pure, so the rules are
 * unit-tested; web/worker/service-worker.ts only applies them). The cache name carries the build's
 * content hash: a new build installs a new cache and the old ones are deleted.
 */
const CACHE_PREFIX = 'refurb-station-shell-';

/** The page and its assets: enough to load the station with the gateway unreachable. */
export const STATION_SHELL = ['/station', '/station/station.js', '/station/station.css'] as const;

/** Where the worker is served from, and the scope it controls (the page itself is `/station`, no slash). */
export const STATION_WORKER_PATH = '/station/service-worker.js';
export const STATION_WORKER_SCOPE = '/station';

export function stationCacheName(buildHash: string): string {
  return `${CACHE_PREFIX}${buildHash}`;
}

/** A cache of an older build: deleted when the new worker activates (other origins' caches are not ours). */
export function isStaleStationCache(name: string, current: string): boolean {
  return name.startsWith(CACHE_PREFIX) && name !== current;
}

/**
 * - `network-first`: the page; the cached shell only when the gateway cannot be reached.
 * - `cache-first`: the shell's assets, fixed for a build.
 * - `network-only`: everything else, above all /station/api/**: sessions, devices and sent steps are
 *   never kept by the worker (unsent steps live in the page's IndexedDB queue).
 */
export type StationFetchRule = 'network-first' | 'cache-first' | 'network-only';

export function stationFetchRule(method: string, url: URL, origin: string): StationFetchRule {
  if (method !== 'GET' || url.origin !== origin) return 'network-only';
  if (url.pathname === '/station' || url.pathname === '/station/') return 'network-first';
  if (url.pathname.startsWith('/station/api/')) return 'network-only';
  return (STATION_SHELL as readonly string[]).includes(url.pathname) ? 'cache-first' : 'network-only';
}

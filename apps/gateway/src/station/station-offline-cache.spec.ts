import { isStaleStationCache, stationCacheName, stationFetchRule } from './station-offline-cache';

describe('the station service worker rules', () => {
  const origin = 'https://gateway.example';
  const rule = (path: string, method = 'GET', base = origin) =>
    stationFetchRule(method, new URL(path, base), origin);

  it('names the cache after the build, and deletes only older station caches', () => {
    const current = stationCacheName('abc123');
    expect(current).toBe('refurb-station-shell-abc123');
    expect(isStaleStationCache(stationCacheName('0ld'), current)).toBe(true);
    expect(isStaleStationCache(current, current)).toBe(false);
    expect(isStaleStationCache('someone-else', current)).toBe(false);
  });

  it('serves the page network-first and the assets cache-first', () => {
    expect(rule('/station')).toBe('network-first');
    expect(rule('/station/?lang=fr')).toBe('network-first');
    expect(rule('/station/station.js')).toBe('cache-first');
    expect(rule('/station/station.css')).toBe('cache-first');
  });

  it('never answers the API, a write, another origin or an unknown path from the cache', () => {
    expect(rule('/station/api/session')).toBe('network-only');
    expect(rule('/station/api/devices/imei:490154203237518')).toBe('network-only');
    expect(rule('/station/api/events', 'POST')).toBe('network-only');
    expect(rule('/station', 'POST')).toBe('network-only');
    expect(rule('/station/station.js', 'GET', 'https://elsewhere.example')).toBe('network-only');
    expect(rule('/station/service-worker.js')).toBe('network-only');
    expect(rule('/stations')).toBe('network-only');
    expect(rule('/v1/events')).toBe('network-only');
  });
});

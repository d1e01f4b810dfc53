import { SessionCookieSpec, sessionCookie, sessionTokenFrom } from '@refurb/auth';

/** The session cookie: scoped to the station's own paths, never readable by the page's script. */
export const STATION_PATH = '/station';
const STATION_COOKIE: SessionCookieSpec = { name: 'station_session', path: STATION_PATH };

/** The session token a `Cookie` header carries, if any. */
export function stationTokenFrom(cookieHeader: string | undefined): string | undefined {
  return sessionTokenFrom(STATION_COOKIE, cookieHeader);
}

/** `Set-Cookie` for a new station session, or one that clears it when `maxAgeSeconds` is 0. */
export function stationCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return sessionCookie(STATION_COOKIE, token, maxAgeSeconds, secure);
}

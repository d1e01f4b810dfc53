/** The session cookie: scoped to the station's own paths, never readable by the page's script. */
export const STATION_COOKIE = 'station_session';
export const STATION_PATH = '/station';

/** The session token a `Cookie` header carries, if any. */
export function stationTokenFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() === STATION_COOKIE) {
      const value = pair.slice(separator + 1).trim();
      return value.length > 0 ? value : undefined;
    }
  }
  return undefined;
}

/**
 * `Set-Cookie` for a new session (HttpOnly, SameSite=Strict, Path=/station; Secure when the request came
 * over HTTPS, so a local plain-HTTP run still works), or one that clears it when `maxAgeSeconds` is 0.
 */
export function stationCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  const attributes = [
    `${STATION_COOKIE}=${token}`,
    `Path=${STATION_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

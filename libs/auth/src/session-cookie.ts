import { createHash, randomBytes } from 'node:crypto';

/**
 * Browser sessions for the pages a service serves (the gateway's scan station, issuance's console): a
 * key is exchanged once for a random token that only the cookie holds; the database keeps its SHA-256,
 * so a read of the sessions table opens no session.
 */
export interface SessionCookieSpec {
  name: string;
  /** The paths the browser sends the cookie to. */
  path: string;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The key a sign-in body (`{ "apiKey": … }`) carries, unchecked. Sign-in takes any body rather than a
 * DTO, so that a missing or malformed key is the same 401 as a wrong one.
 */
export function signInKeyOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { apiKey?: unknown }).apiKey : undefined;
}

/** A session's remaining life in whole seconds, the cookie's Max-Age. */
export function secondsUntil(expiresAt: Date, now = Date.now()): number {
  return Math.max(0, Math.floor((expiresAt.getTime() - now) / 1000));
}

/** The session token a `Cookie` header carries under `name`, if any. */
export function sessionTokenFrom(
  spec: SessionCookieSpec,
  cookieHeader: string | undefined,
): string | undefined {
  if (!cookieHeader) return undefined;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() === spec.name) {
      const value = pair.slice(separator + 1).trim();
      return value.length > 0 ? value : undefined;
    }
  }
  return undefined;
}

/**
 * `Set-Cookie` for a new session (HttpOnly: the page's script never reads it; SameSite=Strict: no other
 * site's page sends it; Secure when the request came over HTTPS, so a local plain-HTTP run still works),
 * or one that clears it when `maxAgeSeconds` is 0.
 */
export function sessionCookie(
  spec: SessionCookieSpec,
  token: string,
  maxAgeSeconds: number,
  secure: boolean,
): string {
  const attributes = [
    `${spec.name}=${token}`,
    `Path=${spec.path}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

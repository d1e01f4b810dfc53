import { apiKeyFromHeaders, parseApiKey, secretMatches } from './api-key';

/** What a service stores for one of its role keys (issuance and tracker each keep their own table). */
export interface StoredRoleKey<Role extends string> {
  keyId: string;
  role: Role;
  secretHash: string;
  revoked: boolean;
}

export type RoleKeyRefusal = 'AUTH.MISSING_API_KEY' | 'AUTH.INVALID_API_KEY' | 'AUTH.FORBIDDEN';

export type RoleKeyCheck<Key> = { ok: true; key: Key } | { ok: false; code: RoleKeyRefusal; message: string };

/**
 * The check behind every role-keyed route: a key present, well formed, known, active and matching its
 * hash (401 otherwise, the same answer whichever failed, so nothing tells which key ids exist), then a
 * role among `allowed` (403). An empty `allowed` refuses everyone: a route that names no role is closed.
 */
export async function checkRoleKey<Key extends StoredRoleKey<string>>(
  headers: Record<string, string | string[] | undefined>,
  allowed: readonly Key['role'][],
  find: (keyId: string) => Promise<Key | undefined>,
): Promise<RoleKeyCheck<Key>> {
  const presented = apiKeyFromHeaders(headers);
  if (!presented) {
    return {
      ok: false,
      code: 'AUTH.MISSING_API_KEY',
      message: 'send an API key as Authorization: Bearer <key> or X-API-Key',
    };
  }
  const parsed = parseApiKey(presented);
  const stored = parsed && (await find(parsed.keyId));
  if (!parsed || !stored || stored.revoked || !secretMatches(parsed.secret, stored.secretHash)) {
    return { ok: false, code: 'AUTH.INVALID_API_KEY', message: 'the API key is not valid' };
  }
  if (!allowed.includes(stored.role)) {
    return { ok: false, code: 'AUTH.FORBIDDEN', message: `the ${stored.role} role may not do this` };
  }
  return { ok: true, key: stored };
}

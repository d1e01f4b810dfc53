import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `rl_<keyId>_<secret>`: the key id finds the row, the secret proves possession.
 * Only a SHA-256 of the secret is stored. A slow password hash is not needed here: the secret is 256
 * random bits, so there is nothing to brute-force, and every request must be checked quickly.
 */
export interface IssuedApiKey {
  keyId: string;
  /** Shown to the caller once; never stored. */
  apiKey: string;
  secretHash: string;
}

export interface ParsedApiKey {
  keyId: string;
  secret: string;
}

const KEY_PATTERN = /^rl_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function issueApiKey(): IssuedApiKey {
  const keyId = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { keyId, apiKey: `rl_${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseApiKey(apiKey: string): ParsedApiKey | undefined {
  const match = KEY_PATTERN.exec(apiKey.trim());
  return match ? { keyId: match[1], secret: match[2] } : undefined;
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** The key from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function apiKeyFromHeaders(
  headers: Record<string, string | string[] | undefined>,
): string | undefined {
  const authorization = single(headers['authorization']);
  if (authorization?.toLowerCase().startsWith('bearer ')) return authorization.slice(7).trim();
  return single(headers['x-api-key'])?.trim();
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

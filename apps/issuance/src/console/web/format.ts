const GRAMS_PER_TONNE = 1_000_000n;

/** Exact tonnes CO2e from integer grams (`-1500` → `-0.001500`): no float rounding in a ledger. */
export function tonnes(grams: number): string {
  const sign = grams < 0 ? '-' : '';
  const magnitude = BigInt(Math.abs(grams));
  return `${sign}${magnitude / GRAMS_PER_TONNE}.${(magnitude % GRAMS_PER_TONNE).toString().padStart(6, '0')}`;
}

export function count(value: number): string {
  return value.toLocaleString('en-GB');
}

/** A timestamp as people at a desk read it, in their own time zone, to the minute. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The pieces of a location hash route: `#/batches/b-1` → ['batches', 'b-1']. */
export function routeParts(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part.length > 0)
    .map(decodeURIComponent);
}

/** A random seed a verifier can write down: 8 characters, no look-alikes. */
export function freshSeed(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** SHA-256 of bytes as lowercase hex; WebCrypto exists only on HTTPS and localhost pages. */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

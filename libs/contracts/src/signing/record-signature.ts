import { createHash, createPrivateKey, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import { CodedError } from '../coded-error';

/**
 * CloudEvents extension attributes carrying a record's signature (lower-case letters only, as the
 * CloudEvents spec requires of attribute names). In structured mode they sit in the JSON record itself.
 */
export const SIGNATURE_ATTRIBUTES = { signature: 'signature', keyId: 'signaturekeyid' } as const;

export type SignatureFailureCode = 'UNSIGNED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE';

export type SignatureVerdict = { valid: true; keyId: string } | { valid: false; code: SignatureFailureCode };

export class SigningKeyError extends CodedError<'SIGNING.BAD_KEY'> {
  constructor(message: string, options?: ErrorOptions) {
    super('SIGNING.BAD_KEY', message, options);
  }
}

/** Any JSON object: interfaces of records have no index signature, so this is `object` read as a map. */
type JsonRecord = object;

/** The attributes a signed record carries besides its own. */
export type SignatureAttributes = {
  [K in (typeof SIGNATURE_ATTRIBUTES)[keyof typeof SIGNATURE_ATTRIBUTES]]: string;
};

/**
 * The bytes a signature covers: the record's canonical JSON without the signature attributes. Canonical
 * (sorted keys, no spaces) so that a consumer that parsed and re-serialised the record, in any language,
 * verifies the same bytes the producer signed.
 */
export function signedBytes(record: JsonRecord): Buffer {
  const unsigned: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  delete unsigned[SIGNATURE_ATTRIBUTES.signature];
  delete unsigned[SIGNATURE_ATTRIBUTES.keyId];
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}

/**
 * A key's id is derived from the public key itself (SHA-256 of its SPKI encoding), so operators never
 * invent ids, and two different keys can never share one.
 */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(spki).digest('hex').slice(0, 32)}`;
}

function requireEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`${what} is a ${key.asymmetricKeyType ?? key.type} key, not Ed25519`);
  }
  return key;
}

/** An Ed25519 private key from PEM (PKCS#8), as `openssl genpkey -algorithm ed25519` writes it. */
export function parsePrivateSigningKey(pem: string): KeyObject {
  try {
    return requireEd25519(createPrivateKey(pem), 'the private signing key');
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError('the private signing key is not a PEM private key', { cause: error });
  }
}

/**
 * Ed25519 public keys from PEM (SPKI); several may be concatenated, so that during a rotation the old
 * and the new key are both trusted.
 */
export function parsePublicSigningKeys(pem: string): KeyObject[] {
  const blocks = pem.match(/-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g) ?? [];
  if (blocks.length === 0) throw new SigningKeyError('no PEM public key found');
  return blocks.map((block, index) => {
    try {
      return requireEd25519(createPublicKey(block), `public key ${index + 1}`);
    } catch (error) {
      if (error instanceof SigningKeyError) throw error;
      throw new SigningKeyError(`public key ${index + 1} is not a valid PEM public key`, { cause: error });
    }
  });
}

/** Signs records with one private key; the key id travels with the signature. */
export class RecordSigner {
  readonly keyId: string;

  constructor(private readonly privateKey: KeyObject) {
    requireEd25519(privateKey, 'the private signing key');
    this.keyId = keyIdOf(privateKey);
  }

  /** The record with its signature attributes (any earlier ones replaced). */
  sign<T extends JsonRecord>(
    record: T,
  ): T & Record<(typeof SIGNATURE_ATTRIBUTES)[keyof typeof SIGNATURE_ATTRIBUTES], string> {
    const signature = sign(null, signedBytes(record), this.privateKey).toString('base64url');
    return {
      ...record,
      [SIGNATURE_ATTRIBUTES.keyId]: this.keyId,
      [SIGNATURE_ATTRIBUTES.signature]: signature,
    };
  }
}

/** Verifies records against every trusted public key, by the key id the record names. */
export class RecordVerifier {
  private readonly keys: ReadonlyMap<string, KeyObject>;

  constructor(publicKeys: readonly KeyObject[]) {
    this.keys = new Map(publicKeys.map((key) => [keyIdOf(requireEd25519(key, 'a trusted key')), key]));
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  verify(record: JsonRecord): SignatureVerdict {
    const attributes = record as Record<string, unknown>;
    const signature = attributes[SIGNATURE_ATTRIBUTES.signature];
    const keyId = attributes[SIGNATURE_ATTRIBUTES.keyId];
    if (typeof signature !== 'string' || typeof keyId !== 'string') return { valid: false, code: 'UNSIGNED' };
    const key = this.keys.get(keyId);
    if (!key) return { valid: false, code: 'UNKNOWN_KEY' };
    const bytes = Buffer.from(signature, 'base64url');
    // Ed25519 signatures are 64 bytes; anything else (or a non-base64url string) is simply not one.
    if (bytes.length !== 64 || bytes.toString('base64url') !== signature) {
      return { valid: false, code: 'BAD_SIGNATURE' };
    }
    return verify(null, signedBytes(record), key, bytes)
      ? { valid: true, keyId }
      : { valid: false, code: 'BAD_SIGNATURE' };
  }
}

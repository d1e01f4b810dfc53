import { generateKeyPairSync, KeyObject } from 'node:crypto';
import {
  keyIdOf,
  parsePrivateSigningKey,
  parsePublicSigningKeys,
  RecordSigner,
  RecordVerifier,
  SIGNATURE_ATTRIBUTES,
  signedBytes,
  SigningKeyError,
} from './record-signature';

function ed25519(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

const record = {
  specversion: '1.0',
  id: 'cycle-1/credit/1',
  source: 'refurb-ledger/tracker',
  type: 'cycle.credited',
  data: { deviceId: 'imei:490154203237518', signedAvoidedG: 46_362, evidence: { legs: [{ km: 12 }] } },
};

describe('record signatures', () => {
  const current = ed25519();
  const signer = new RecordSigner(current.privateKey);

  it('verifies a signed record against its key, naming the key', () => {
    const signed = signer.sign(record);
    expect(signed[SIGNATURE_ATTRIBUTES.keyId]).toBe(keyIdOf(current.publicKey));
    expect(new RecordVerifier([current.publicKey]).verify(signed)).toEqual({
      valid: true,
      keyId: signer.keyId,
    });
  });

  it('verifies a record that was parsed and re-serialised with its members in another order', () => {
    const signed = signer.sign(record);
    const reordered = JSON.parse(
      JSON.stringify(Object.fromEntries(Object.entries(signed).reverse())),
    ) as Record<string, unknown>;
    expect(new RecordVerifier([current.publicKey]).verify(reordered).valid).toBe(true);
  });

  it('refuses a record changed after signing, however little', () => {
    const signed = signer.sign(record);
    const forged = { ...signed, data: { ...signed.data, signedAvoidedG: 50_000_000_000 } };
    expect(new RecordVerifier([current.publicKey]).verify(forged)).toEqual({
      valid: false,
      code: 'BAD_SIGNATURE',
    });
  });

  it('refuses a record without a signature or a key id as unsigned', () => {
    const verifier = new RecordVerifier([current.publicKey]);
    const signed = signer.sign(record);
    expect(verifier.verify(record)).toEqual({ valid: false, code: 'UNSIGNED' });
    expect(verifier.verify({ ...signed, [SIGNATURE_ATTRIBUTES.keyId]: undefined })).toEqual({
      valid: false,
      code: 'UNSIGNED',
    });
    expect(verifier.verify({ ...signed, [SIGNATURE_ATTRIBUTES.signature]: 42 })).toEqual({
      valid: false,
      code: 'UNSIGNED',
    });
  });

  it('refuses a record signed by a key it does not trust, even one claiming a trusted key id', () => {
    const stranger = new RecordSigner(ed25519().privateKey);
    const verifier = new RecordVerifier([current.publicKey]);
    const signedByStranger = stranger.sign(record);
    expect(verifier.verify(signedByStranger)).toEqual({ valid: false, code: 'UNKNOWN_KEY' });
    const claimingTrustedId = { ...signedByStranger, [SIGNATURE_ATTRIBUTES.keyId]: signer.keyId };
    expect(verifier.verify(claimingTrustedId)).toEqual({ valid: false, code: 'BAD_SIGNATURE' });
  });

  it('refuses signatures that are not 64 bytes of base64url', () => {
    const verifier = new RecordVerifier([current.publicKey]);
    const signed = signer.sign(record);
    for (const signature of ['', 'AAAA', `${signed.signature}A`, signed.signature.replace(/.$/, '!')]) {
      expect(verifier.verify({ ...signed, [SIGNATURE_ATTRIBUTES.signature]: signature })).toEqual({
        valid: false,
        code: 'BAD_SIGNATURE',
      });
    }
  });

  it('trusts the old and the new key at once during a rotation', () => {
    const next = ed25519();
    const verifier = new RecordVerifier([current.publicKey, next.publicKey]);
    expect(verifier.keyIds).toEqual([keyIdOf(current.publicKey), keyIdOf(next.publicKey)]);
    expect(verifier.verify(signer.sign(record)).valid).toBe(true);
    expect(verifier.verify(new RecordSigner(next.privateKey).sign(record)).valid).toBe(true);
  });

  it('signs the canonical bytes without the signature attributes, so re-signing replaces them', () => {
    const signed = signer.sign(record);
    expect(signedBytes(signed)).toEqual(signedBytes(record));
    const resigned = new RecordSigner(ed25519().privateKey).sign(signed);
    expect(resigned[SIGNATURE_ATTRIBUTES.keyId]).not.toBe(signer.keyId);
    expect(signedBytes(resigned).toString()).not.toContain(SIGNATURE_ATTRIBUTES.signature);
  });
});

describe('signing keys from PEM', () => {
  it('reads a private key and the public keys of a rotation, concatenated', () => {
    const first = ed25519();
    const second = ed25519();
    const privatePem = first.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicPem = [first.publicKey, second.publicKey]
      .map((key) => key.export({ type: 'spki', format: 'pem' }).toString())
      .join('\n');
    expect(keyIdOf(parsePrivateSigningKey(privatePem))).toBe(keyIdOf(first.publicKey));
    expect(parsePublicSigningKeys(publicPem).map(keyIdOf)).toEqual([
      keyIdOf(first.publicKey),
      keyIdOf(second.publicKey),
    ]);
  });

  it('refuses what is not an Ed25519 PEM key, with SIGNING.BAD_KEY and without echoing the key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const rsaPrivatePem = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const attempts = [
      () => parsePrivateSigningKey(rsaPrivatePem),
      () => parsePrivateSigningKey('not a key'),
      () => parsePublicSigningKeys(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
      () => parsePublicSigningKeys(''),
      () => parsePublicSigningKeys('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(SigningKeyError);
      try {
        attempt();
      } catch (error) {
        expect((error as SigningKeyError).code).toBe('SIGNING.BAD_KEY');
        expect((error as Error).message).not.toContain('BEGIN');
      }
    }
  });
});

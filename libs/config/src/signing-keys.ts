import {
  parsePrivateSigningKey,
  parsePublicSigningKeys,
  RecordSigner,
  RecordVerifier,
} from '@refurb/contracts';
import { KeyMaterialSource, parseKeyMaterial } from './key-material';

/** The signer of a service's own records, from its private key; a bad key fails start-up naming its variable. */
export function loadRecordSigner(source: KeyMaterialSource): RecordSigner {
  return new RecordSigner(parseKeyMaterial(source, parsePrivateSigningKey));
}

/** The verifier of another service's records, from every public key trusted (several during a rotation). */
export function loadRecordVerifier(source: KeyMaterialSource): RecordVerifier {
  return new RecordVerifier(parseKeyMaterial(source, parsePublicSigningKeys));
}

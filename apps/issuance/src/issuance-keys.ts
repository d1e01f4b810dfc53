import { Provider } from '@nestjs/common';
import { loadRecordSigner, loadRecordVerifier } from '@refurb/config';
import { IssuanceEnv } from './issuance.env';

/** Signs the batch transitions issuance announces on credits.batches.v1. */
export const BATCH_RECORD_SIGNER = Symbol('BATCH_RECORD_SIGNER');
/** Checks that a credit record was signed by the tracker before anything in it is believed. */
export const CREDIT_RECORD_VERIFIER = Symbol('CREDIT_RECORD_VERIFIER');

/** Read at start-up, so a missing or bad key stops the service (or the command) before it does anything. */
export function batchRecordSigner(env: IssuanceEnv): Provider {
  return { provide: BATCH_RECORD_SIGNER, useValue: loadRecordSigner(env.signingKey) };
}

export function creditRecordVerifier(env: IssuanceEnv): Provider {
  return { provide: CREDIT_RECORD_VERIFIER, useValue: loadRecordVerifier(env.trackerPublicKeys) };
}

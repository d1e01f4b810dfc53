import { localSigningKeyFiles, loadRecordSigner, SigningService } from '@refurb/config';
import { RecordSigner } from '@refurb/contracts';

/**
 * The signer of a service's local key pair, which the test set-up creates and the services under test
 * use by default: what a test produces in the tracker's (or issuance's) name passes their checks.
 */
export function localRecordSigner(service: SigningService): RecordSigner {
  return loadRecordSigner({
    variable: `${service.toUpperCase()}_SIGNING_KEY`,
    inline: undefined,
    file: localSigningKeyFiles(service).privateKey,
  });
}

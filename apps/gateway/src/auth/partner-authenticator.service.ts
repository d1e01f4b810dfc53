import { Injectable } from '@nestjs/common';
import { parseApiKey, secretMatches } from '@refurb/auth';
import { AuthenticatedPartner } from '../partner-keys/partner';
import { PartnerRepository } from '../partner-keys/partner.repository';

/**
 * Resolves a presented API key to its partner. Keys are looked up on every request (one indexed read)
 * rather than cached, so a revocation takes effect on the very next request on every instance.
 */
@Injectable()
export class PartnerAuthenticator {
  constructor(private readonly partners: PartnerRepository) {}

  /** Undefined for a malformed, unknown or revoked key, deliberately without saying which. */
  async authenticate(apiKey: string): Promise<AuthenticatedPartner | undefined> {
    const parsed = parseApiKey(apiKey);
    if (!parsed) return undefined;
    const credential = await this.partners.findActiveCredential(parsed.keyId);
    if (!credential || !secretMatches(parsed.secret, credential.secretHash)) return undefined;
    return {
      partnerId: credential.partnerId,
      keyId: credential.keyId,
      allowedEventTypes: new Set(credential.allowedEventTypes),
    };
  }
}

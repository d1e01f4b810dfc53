import { Injectable } from '@nestjs/common';
import { apiKeyFromHeaders, parseApiKey, secretMatches } from '@refurb/auth';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { AuthenticatedPartner, partnerScope } from '../partner-keys/partner';
import { PartnerRepository } from '../partner-keys/partner.repository';
import { PartnerRequest } from './partner-request';

/**
 * Resolves a presented API key to its partner. Keys are looked up on every request (one indexed read)
 * rather than cached, so a revocation or a changed scope takes effect on the very next request on every
 * instance.
 */
@Injectable()
export class PartnerAuthenticator {
  constructor(private readonly partners: PartnerRepository) {}

  /** The partner whose key the request carries; a gateway 401 without a key or with a bad one. */
  async authenticateRequest(request: PartnerRequest): Promise<AuthenticatedPartner> {
    const apiKey = apiKeyFromHeaders(request.headers);
    if (!apiKey) {
      throw new GatewayException(
        GatewayErrorCode.MISSING_API_KEY,
        'send your API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`',
      );
    }
    const partner = await this.authenticate(apiKey);
    if (!partner) {
      throw new GatewayException(
        GatewayErrorCode.INVALID_API_KEY,
        'the API key is not valid (malformed, unknown or revoked)',
      );
    }
    return partner;
  }

  /** Undefined for a malformed, unknown or revoked key, deliberately without saying which. */
  async authenticate(apiKey: string): Promise<AuthenticatedPartner | undefined> {
    const parsed = parseApiKey(apiKey);
    if (!parsed) return undefined;
    const credential = await this.partners.findActiveCredential(parsed.keyId);
    if (!credential || !secretMatches(parsed.secret, credential.secretHash)) return undefined;
    return {
      partnerId: credential.partnerId,
      keyId: credential.keyId,
      scope: partnerScope(credential),
    };
  }
}

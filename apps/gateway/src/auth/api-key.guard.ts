import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { apiKeyFromHeaders } from '@refurb/auth';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { PartnerAuthenticator } from './partner-authenticator.service';
import { PartnerRequest } from './partner-request';

/** `Authorization: Bearer <key>` or `X-API-Key: <key>`; attaches the partner to the request. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly authenticator: PartnerAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PartnerRequest>();
    const apiKey = apiKeyFromHeaders(request.headers);
    if (!apiKey) {
      throw new GatewayException(
        GatewayErrorCode.MISSING_API_KEY,
        'send your API key as `Authorization: Bearer <key>` or `X-API-Key: <key>`',
      );
    }
    const partner = await this.authenticator.authenticate(apiKey);
    if (!partner) {
      throw new GatewayException(
        GatewayErrorCode.INVALID_API_KEY,
        'the API key is not valid (malformed, unknown or revoked)',
      );
    }
    request.partner = partner;
    return true;
  }
}

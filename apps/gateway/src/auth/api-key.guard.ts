import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { PartnerAuthenticator } from './partner-authenticator.service';
import { PartnerRequest } from './partner-request';

/**
 * `Authorization: Bearer <key>` or `X-API-Key: <key>`; attaches the partner to the request. On routes
 * that read a body, AuthenticatePartnerMiddleware has already done so before the body was read.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly authenticator: PartnerAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PartnerRequest>();
    request.partner ??= await this.authenticator.authenticateRequest(request);
    return true;
  }
}

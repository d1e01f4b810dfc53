import { Injectable, NestMiddleware } from '@nestjs/common';
import { markAuthenticatedKey } from '@refurb/auth';
import type { NextFunction, Response } from 'express';
import { PartnerAuthenticator } from './partner-authenticator.service';
import { PartnerRequest } from './partner-request';

/**
 * Authenticates the partner before anything reads the body: Nest runs middleware before guards, so
 * without this a caller with no key could make the gateway read, decompress and parse up to
 * GATEWAY_MAX_BODY_BYTES before its 401. Registered ahead of EventsBodyMiddleware.
 */
@Injectable()
export class AuthenticatePartnerMiddleware implements NestMiddleware {
  constructor(private readonly authenticator: PartnerAuthenticator) {}

  use(request: PartnerRequest, _response: Response, next: NextFunction): void {
    this.authenticator.authenticateRequest(request).then((partner) => {
      request.partner = partner;
      markAuthenticatedKey(request, partner.keyId);
      next();
    }, next);
  }
}

import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AuthenticatedPartner } from '../partner-keys/partner';

/** A request that went through ApiKeyGuard. */
export interface PartnerRequest extends Request {
  partner?: AuthenticatedPartner;
}

export function requirePartner(request: PartnerRequest): AuthenticatedPartner {
  // Reaching this without the guard is a wiring bug, not a client error: it answers 500.
  if (!request.partner) throw new Error('ApiKeyGuard must run before the partner is read');
  return request.partner;
}

/** The partner ApiKeyGuard authenticated. */
export const CurrentPartner = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedPartner =>
    requirePartner(context.switchToHttp().getRequest<PartnerRequest>()),
);

import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { requirePartner, PartnerRequest } from '../auth/partner-request';
import { RateLimitedException } from '../errors/gateway.exception';
import { EventRateLimiter } from './event-rate-limiter.service';

/**
 * Charges the request's events to its API key's bucket. Runs after ApiKeyGuard and after the body
 * reader, so a refused request (bad JSON, oversized batch, bad key) costs nothing.
 */
@Injectable()
export class EventRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: EventRateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<PartnerRequest>();
    const { keyId } = requirePartner(request);
    const events: unknown = request.body;
    const cost = Array.isArray(events) ? events.length : 1;
    const taken = this.limiter.take(keyId, cost);
    if (!taken.ok) throw new RateLimitedException(Math.max(1, Math.ceil(taken.retryAfterMs / 1000)));
    return true;
  }
}

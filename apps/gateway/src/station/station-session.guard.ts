import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { markAuthenticatedKey } from '@refurb/auth';
import type { Request } from 'express';
import { PartnerRequest } from '../auth/partner-request';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { stationTokenFrom } from './station-cookie';
import { StationSession, StationSessionsService } from './station-sessions.service';

interface StationRequest extends PartnerRequest {
  station?: StationSession;
}

/** The header the page sends on every change; a cross-site form cannot set it (CSRF defence in depth). */
export const STATION_HEADER = 'x-station';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Refuses a station change that lacks the header (sign-in and sign-out too, which have no session). */
export function requireStationHeader(request: Request): void {
  if (request.headers[STATION_HEADER] !== '1') {
    throw new GatewayException(
      GatewayErrorCode.STATION_HEADER_MISSING,
      'station changes must carry the header `X-Station: 1`',
    );
  }
}

/**
 * The station routes' authentication: the session cookie, resolved on every request. It also sets
 * the request's partner, so the events route runs the rate limit and admission of POST /v1/events.
 */
@Injectable()
export class StationSessionGuard implements CanActivate {
  constructor(private readonly sessions: StationSessionsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<StationRequest>();
    const session = await this.sessions.resolve(stationTokenFrom(request.headers.cookie));
    if (!SAFE_METHODS.has(request.method)) requireStationHeader(request);
    request.station = session;
    request.partner = session.partner;
    markAuthenticatedKey(request, session.partner.keyId);
    return true;
  }
}

/** The session StationSessionGuard resolved. */
export const CurrentStation = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const session = context.switchToHttp().getRequest<StationRequest>().station;
  // Reaching this without the guard is a wiring bug, not a client error: it answers 500.
  if (!session) throw new Error('StationSessionGuard must run before the session is read');
  return session;
});

import { Injectable } from '@nestjs/common';
import { hashSessionToken, newSessionToken } from '@refurb/auth';
import { PartnerAuthenticator } from '../auth/partner-authenticator.service';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { GatewayEnv } from '../gateway.env';
import { AuthenticatedPartner, partnerScope } from '../partner-keys/partner';
import { PartnerRepository } from '../partner-keys/partner.repository';
import { StationSessionRepository } from './station-session.repository';
import { stationWorkshopOf } from './station-workshop';

/** A signed-in bench: the partner as POST /v1/events would see it, and the one workshop it records for. */
export interface StationSession {
  partner: AuthenticatedPartner;
  workshopId: string;
  expiresAt: Date;
}

export interface OpenedStationSession extends StationSession {
  /** Goes into the cookie only; the database keeps its hash. */
  token: string;
}

const EXPIRED_KEPT_MS = 24 * 60 * 60 * 1000;

/**
 * Exchanges a workshop key for a session and resolves sessions on each request. The key's partner is
 * re-read on every request, as for API keys: a revoked key or a changed scope ends its sessions at once.
 */
@Injectable()
export class StationSessionsService {
  constructor(
    private readonly authenticator: PartnerAuthenticator,
    private readonly partners: PartnerRepository,
    private readonly sessions: StationSessionRepository,
    private readonly env: GatewayEnv,
  ) {}

  async signIn(apiKey: unknown, now = new Date()): Promise<OpenedStationSession> {
    const partner = typeof apiKey === 'string' ? await this.authenticator.authenticate(apiKey) : undefined;
    if (!partner) {
      throw new GatewayException(
        GatewayErrorCode.INVALID_API_KEY,
        'the workshop key is not valid (malformed, unknown or revoked)',
      );
    }
    const workshopId = stationWorkshopOf(partner.scope);
    if (workshopId === undefined) {
      throw new GatewayException(
        GatewayErrorCode.STATION_NOT_A_WORKSHOP_KEY,
        `partner ${partner.partnerId} is not scoped to exactly one workshop with the workshop event types`,
      );
    }
    // Kept a day past expiry, so a page coming back after it is told it expired rather than unknown.
    await this.sessions.deleteExpired(new Date(now.getTime() - EXPIRED_KEPT_MS));
    const token = newSessionToken();
    const expiresAt = new Date(now.getTime() + this.env.GATEWAY_STATION_SESSION_MINUTES * 60_000);
    await this.sessions.insert(hashSessionToken(token), {
      partnerId: partner.partnerId,
      keyId: partner.keyId,
      workshopId,
      expiresAt,
    });
    return { token, partner, workshopId, expiresAt };
  }

  async resolve(token: string | undefined, now = new Date()): Promise<StationSession> {
    const stored = token === undefined ? undefined : await this.sessions.find(hashSessionToken(token));
    if (!stored || token === undefined) {
      throw new GatewayException(GatewayErrorCode.STATION_NOT_SIGNED_IN, 'sign in with your workshop key');
    }
    const credential = await this.partners.findActiveCredential(stored.keyId);
    const scope = credential && partnerScope(credential);
    const expired = stored.expiresAt.getTime() <= now.getTime();
    if (expired || !scope || stationWorkshopOf(scope) !== stored.workshopId) {
      await this.sessions.delete(hashSessionToken(token));
      throw new GatewayException(
        GatewayErrorCode.STATION_SESSION_EXPIRED,
        expired
          ? `the session expired at ${stored.expiresAt.toISOString()}: sign in again`
          : 'the workshop key was revoked or its scope changed: sign in again',
      );
    }
    return {
      partner: { partnerId: stored.partnerId, keyId: stored.keyId, scope },
      workshopId: stored.workshopId,
      expiresAt: stored.expiresAt,
    };
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token !== undefined) await this.sessions.delete(hashSessionToken(token));
  }
}

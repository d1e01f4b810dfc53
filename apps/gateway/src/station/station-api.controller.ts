import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { secondsUntil, signInKeyOf } from '@refurb/auth';
import { normaliseDeviceId } from '@refurb/contracts';
import type { Request, Response } from 'express';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { GatewayException } from '../errors/gateway.exception';
import { IngestEventsHandler } from '../ingest-events/ingest-events.handler';
import { IngestEventsResult } from '../ingest-events/ingest-result';
import { EventRateLimitGuard } from '../rate-limit/event-rate-limit.guard';
import { BenchDevice, benchDevice, unknownBenchDevice } from './bench-device';
import { stationCookie, stationTokenFrom } from './station-cookie';
import { CurrentStation, requireStationHeader, StationSessionGuard } from './station-session.guard';
import { StationSessionView } from './station-session-view';
import { StationSession, StationSessionsService } from './station-sessions.service';
import { StationTrackerClient } from './station-tracker.client';

/** Steps a page sends at once: its offline queue is flushed in batches of this size. */
const MAX_STEPS_PER_REQUEST = 100;

function sessionView(session: StationSession): StationSessionView {
  return {
    partnerId: session.partner.partnerId,
    workshopId: session.workshopId,
    expiresAt: session.expiresAt.toISOString(),
  };
}

/**
 * The scan station's API (`/station/api`), for the page the gateway serves at /station. Sessions are
 * cookies; the events route runs the very admission and producing of POST /v1/events.
 */
@ApiExcludeController()
@Controller('station/api')
export class StationApiController {
  constructor(
    private readonly sessions: StationSessionsService,
    private readonly tracker: StationTrackerClient,
    private readonly ingestEvents: IngestEventsHandler,
  ) {}

  /** Exchanges a workshop key (`{ "apiKey": … }`) for a session cookie; the key is not kept. */
  @Post('session')
  async signIn(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Body() body: unknown,
  ): Promise<StationSessionView> {
    requireStationHeader(request);
    const session = await this.sessions.signIn(signInKeyOf(body));
    response.setHeader(
      'Set-Cookie',
      stationCookie(session.token, secondsUntil(session.expiresAt), request.secure),
    );
    return sessionView(session);
  }

  @Get('session')
  @UseGuards(StationSessionGuard)
  session(@CurrentStation() session: StationSession): StationSessionView {
    return sessionView(session);
  }

  /** Ends the session, known or not (signing out twice is no error), and clears the cookie. */
  @Delete('session')
  @HttpCode(HttpStatus.NO_CONTENT)
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    requireStationHeader(request);
    await this.sessions.signOut(stationTokenFrom(request.headers.cookie));
    response.setHeader('Set-Cookie', stationCookie('', 0, request.secure));
  }

  /** The device as the bench needs it; a device with no event yet is answered empty, not 404. */
  @Get('devices/:deviceId')
  @UseGuards(StationSessionGuard)
  async device(@Param('deviceId') rawDeviceId: string): Promise<BenchDevice> {
    const normalised = normaliseDeviceId(rawDeviceId);
    if (!normalised.ok) {
      throw new GatewayException(GatewayErrorCode.STATION_INVALID_DEVICE_ID, normalised.rejection.message);
    }
    const view = await this.tracker.device(normalised.deviceId);
    return view ? benchDevice(view) : unknownBenchDevice(normalised.deviceId);
  }

  /** The page's steps, as CloudEvents with ids of its own: admitted exactly as POST /v1/events. */
  @Post('events')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(StationSessionGuard, EventRateLimitGuard)
  events(@Body() body: unknown, @CurrentStation() session: StationSession): Promise<IngestEventsResult> {
    if (!Array.isArray(body) || body.length === 0 || body.length > MAX_STEPS_PER_REQUEST) {
      throw new GatewayException(
        GatewayErrorCode.INVALID_BODY,
        `send an array of 1 to ${MAX_STEPS_PER_REQUEST} events`,
      );
    }
    return this.ingestEvents.ingest({ partner: session.partner, events: body });
  }
}

import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentPartner } from '../auth/partner-request';
import { GatewayErrorCode } from '../errors/gateway-error-code';
import { ApiGatewayErrors } from '../openapi/api-gateway-errors.decorator';
import { API_KEY_SECURITY, BEARER_SECURITY } from '../openapi/security-schemes';
import { AuthenticatedPartner } from '../partner-keys/partner';
import { EventRateLimitGuard } from '../rate-limit/event-rate-limit.guard';
import { EVENTS_MEDIA_TYPES } from './events-media-type';
import {
  AcceptedEventResultDto,
  CloudEventDto,
  INGEST_BODY_SCHEMA,
  IngestEventsResponseDto,
  RejectedEventResultDto,
} from './ingest-events.dto';
import { IngestEventsHandler } from './ingest-events.handler';
import { IngestEventsResult } from './ingest-result';

/** `POST /v1/events`: the partner arrives authenticated by AuthenticatePartnerMiddleware, then the body read by EventsBodyMiddleware. */
@ApiTags('events')
@Controller('v1/events')
export class IngestEventsController {
  constructor(private readonly ingestEvents: IngestEventsHandler) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(ApiKeyGuard, EventRateLimitGuard)
  @ApiOperation({
    summary: 'Send device lifecycle events (CloudEvents 1.0, structured JSON)',
    description:
      'One event or an array of 1 to 1000. Each event is validated and answered on its own; the accepted ' +
      'ones are produced to their Kafka topic (key = device id) and the answer comes only once Kafka ' +
      'acknowledged them. `source` is set to `partners/<partner id>` of the API key, whatever the body says. ' +
      'An id repeated in one request with the same payload is accepted once (both answered accepted); with ' +
      'another payload the later one is rejected `EVENT.ID_REUSED`. Rate limits count events per API key.',
  })
  @ApiSecurity(API_KEY_SECURITY)
  @ApiBearerAuth(BEARER_SECURITY)
  @ApiConsumes(...EVENTS_MEDIA_TYPES)
  @ApiExtraModels(CloudEventDto, AcceptedEventResultDto, RejectedEventResultDto)
  @ApiBody({ schema: INGEST_BODY_SCHEMA })
  @ApiAcceptedResponse({
    type: IngestEventsResponseDto,
    description: 'Every event answered, in request order',
  })
  @ApiGatewayErrors(
    GatewayErrorCode.MALFORMED_JSON,
    GatewayErrorCode.INVALID_BODY,
    GatewayErrorCode.EMPTY_BATCH,
    GatewayErrorCode.BATCH_TOO_LARGE,
    GatewayErrorCode.MISSING_API_KEY,
    GatewayErrorCode.INVALID_API_KEY,
    GatewayErrorCode.PAYLOAD_TOO_LARGE,
    GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE,
    GatewayErrorCode.RATE_LIMITED,
    GatewayErrorCode.INTERNAL,
    GatewayErrorCode.KAFKA_UNAVAILABLE,
  )
  ingest(
    @Body() events: unknown[],
    @CurrentPartner() partner: AuthenticatedPartner,
  ): Promise<IngestEventsResult> {
    return this.ingestEvents.ingest({ partner, events });
  }
}

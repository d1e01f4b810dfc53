import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { DEVICE_EVENT_TYPES, INPUT_TOPICS, InputTopic, REJECTION_CODES } from '@refurb/contracts';
import { EVENT_DATA_SCHEMAS } from '../openapi/event-data.schemas';
import {
  AcceptedEventResult,
  EventRejectionCode,
  GatewayRejectionCode,
  IngestEventsResult,
  RejectedEventResult,
} from './ingest-result';
import { MAX_BATCH_EVENTS } from './event-batch';

/**
 * The OpenAPI shapes of `POST /v1/events`. The handler works on the interfaces these classes implement,
 * so the document cannot describe fields the answer does not have.
 */
export class CloudEventDto {
  @ApiProperty({ enum: ['1.0'] })
  specversion!: '1.0';

  @ApiProperty({
    description: 'Unique per event; re-sending an event with the same id and payload is harmless',
    maxLength: 256,
    example: 'rebox-paris-ternes/2025-05-28/000412',
  })
  id!: string;

  @ApiPropertyOptional({
    description:
      'Ignored: always replaced by `partners/<partner id>` of the authenticated API key, so an event ' +
      'can never claim another partner as its source',
    example: 'partners/rebox-fr',
  })
  source?: string;

  @ApiProperty({ enum: DEVICE_EVENT_TYPES, description: "Must be one of the partner's allowed types" })
  type!: string;

  @ApiPropertyOptional({ description: 'When given, must name the same device as `data.deviceId`' })
  subject?: string;

  @ApiProperty({
    description:
      'Occurrence time, RFC 3339 with offset; not more than 5 minutes ahead of the server, not before 2000',
    example: '2025-05-28T16:42:07+02:00',
  })
  time!: string;

  @ApiPropertyOptional({ description: 'JSON only (application/json or a +json type)' })
  datacontenttype?: string;

  @ApiProperty({
    description: 'The payload, whose shape depends on `type` (one schema per event type)',
    oneOf: Object.values(EVENT_DATA_SCHEMAS),
  })
  data!: Record<string, unknown>;
}

/** The request body: one event, or an array of 1 to 1000. */
export const INGEST_BODY_SCHEMA = {
  oneOf: [
    { $ref: getSchemaPath(CloudEventDto) },
    { type: 'array', minItems: 1, maxItems: MAX_BATCH_EVENTS, items: { $ref: getSchemaPath(CloudEventDto) } },
  ],
};

export class AcceptedEventResultDto implements AcceptedEventResult {
  @ApiProperty({ description: 'Position of the event in the request (0 for a single event)' })
  index!: number;

  @ApiProperty()
  id!: string;

  @ApiProperty({ enum: ['accepted'] })
  status!: 'accepted';

  @ApiProperty({ enum: INPUT_TOPICS, description: 'Topic the event was produced to' })
  topic!: InputTopic;
}

export class RejectedEventResultDto implements RejectedEventResult {
  @ApiProperty()
  index!: number;

  @ApiProperty({ type: String, nullable: true, description: 'The event id when it had a string one' })
  id!: string | null;

  @ApiProperty({ enum: ['rejected'] })
  status!: 'rejected';

  @ApiProperty({
    enum: [...REJECTION_CODES, ...Object.values(GatewayRejectionCode)],
    description:
      '`EVENT.*`: the event breaks the contract (EVENT.ID_REUSED: its id appears earlier in the request ' +
      "with a different payload); `GATEWAY.*`: the event is outside the partner's scope: " +
      '`GATEWAY.EVENT_TYPE_NOT_ALLOWED` (its type), `GATEWAY.WORKSHOP_NOT_ALLOWED` (`data.workshopId`, or ' +
      '`data.recyclerId` of a recycled event), `GATEWAY.SITE_NOT_ALLOWED` (`data.siteId`), ' +
      '`GATEWAY.RESALE_CHANNEL_NOT_ALLOWED` (`data.channel` of a resold event)',
  })
  code!: EventRejectionCode;

  @ApiProperty({ description: 'For people; match on `code`' })
  message!: string;

  @ApiPropertyOptional({ description: 'JSON path of the offending value, e.g. `data.transport.mode`' })
  field?: string;
}

export class IngestEventsResponseDto implements IngestEventsResult {
  @ApiProperty({
    description: 'Events acknowledged by Kafka (exact duplicates within the request count each time)',
  })
  accepted!: number;

  @ApiProperty()
  rejected!: number;

  @ApiProperty({
    description: 'One per event sent, in request order; accepted + rejected = events sent',
    type: 'array',
    items: {
      oneOf: [
        { $ref: getSchemaPath(AcceptedEventResultDto) },
        { $ref: getSchemaPath(RejectedEventResultDto) },
      ],
    },
  })
  results!: (AcceptedEventResultDto | RejectedEventResultDto)[];
}

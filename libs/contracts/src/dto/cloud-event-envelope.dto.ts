import { IsOptional, IsString } from 'class-validator';
import { TEXT_LIMITS } from '../clean-text';
import { DEVICE_EVENT_TYPES } from '../device-event';
import { RejectionCode } from '../rejection';
import { IsAbsent, IsEventId, IsJsonMediaType, IsRfc3339 } from './event-validators';
import {
  rejectAs,
  RequiredField,
  RequiredIdentifier,
  RequiredOneOf,
  ValidateInOrder,
} from './field-decorators';

/**
 * The CloudEvents 1.0 context attributes the pipeline reads. Properties are validated in declaration
 * order and the first failure decides the rejection: envelope, then type, then time. `data` is validated
 * afterwards against the DTO of the event's type (event-data-parsers.ts), because its shape depends on
 * `type` and the time bounds (which need the caller's clock) come first. Extension attributes are ignored.
 */
export class CloudEventEnvelopeDto {
  @RequiredOneOf(['1.0'], RejectionCode.UNSUPPORTED_SPECVERSION)
  specversion!: '1.0';

  @ValidateInOrder(RequiredField(), IsEventId(rejectAs(RejectionCode.INVALID_ID)))
  id!: string;

  /** The partner; trimmed and NFC-normalised on output. */
  @RequiredIdentifier(TEXT_LIMITS.source)
  source!: string;

  /** Only JSON data is accepted; the attribute is dropped from the output, which is always JSON. */
  @ValidateInOrder(IsOptional(), IsJsonMediaType(rejectAs(RejectionCode.UNSUPPORTED_CONTENT_TYPE)))
  datacontenttype?: string;

  @IsAbsent(rejectAs(RejectionCode.UNSUPPORTED_CONTENT_TYPE))
  data_base64?: unknown;

  /** Must name the same device as `data.deviceId` (checked after data); replaced by the canonical id. */
  @ValidateInOrder(IsOptional(), IsString(rejectAs(RejectionCode.INVALID_FIELD, 'must be a string')))
  subject?: string;

  @RequiredOneOf(DEVICE_EVENT_TYPES, RejectionCode.UNKNOWN_TYPE)
  type!: string;

  /** Occurrence time; bounds are checked by validateDeviceEvent against the injected clock. */
  @ValidateInOrder(RequiredField(), IsRfc3339(rejectAs(RejectionCode.INVALID_TIME)))
  time!: string;
}

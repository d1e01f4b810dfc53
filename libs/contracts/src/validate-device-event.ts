import { normaliseText } from './clean-text';
import { normaliseDeviceId } from './device-id';
import { AnyDeviceEvent, DeviceEvent, DeviceEventType } from './device-event';
import { CloudEventEnvelopeDto } from './dto/cloud-event-envelope.dto';
import { validateDto } from './dto/validate-dto';
import { EVENT_DATA_PARSERS } from './event-data-parsers';
import { reject, Rejected, RejectionCode } from './rejection';
import { parseRfc3339 } from './rfc3339';
import { isJsonObject } from './json-object';

/** docs/architecture.md#event-contract: partners' clocks may run this far ahead of ours. */
export const DEFAULT_MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** docs/architecture.md#event-contract: nothing dated before 2000-01-01T00:00:00Z is accepted. */
export const EARLIEST_EVENT_TIME = '2000-01-01T00:00:00.000Z';
const EARLIEST_EVENT_TIME_MS = Date.parse(EARLIEST_EVENT_TIME);

export interface ValidateDeviceEventOptions {
  /** The receiver's clock, injected so that validation is reproducible (replays, tests). */
  now: Date;
  maxClockSkewMs?: number;
}

export type DeviceEventValidation = { ok: true; event: AnyDeviceEvent } | Rejected;

function checkOptions({
  now,
  maxClockSkewMs = DEFAULT_MAX_CLOCK_SKEW_MS,
}: ValidateDeviceEventOptions): number {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new TypeError('validateDeviceEvent: options.now must be a valid Date');
  }
  if (!Number.isFinite(maxClockSkewMs) || maxClockSkewMs < 0) {
    throw new RangeError('validateDeviceEvent: options.maxClockSkewMs must be a finite number >= 0');
  }
  return now.getTime() + maxClockSkewMs;
}

function checkTimeBounds(time: Date, latestMs: number): Rejected | undefined {
  if (time.getTime() > latestMs) {
    return reject(
      RejectionCode.TIME_IN_FUTURE,
      `time ${time.toISOString()} is in the future beyond the allowed clock skew`,
      'time',
    );
  }
  if (time.getTime() < EARLIEST_EVENT_TIME_MS) {
    return reject(
      RejectionCode.TIME_TOO_OLD,
      `time ${time.toISOString()} is before ${EARLIEST_EVENT_TIME}`,
      'time',
    );
  }
  return undefined;
}

function checkSubject(subject: string | null | undefined, deviceId: string): Rejected | undefined {
  if (subject === undefined || subject === null) return undefined;
  const normalised = normaliseDeviceId(subject);
  if (normalised.ok && normalised.deviceId === deviceId) return undefined;
  const shown = JSON.stringify(subject.length > 64 ? `${subject.slice(0, 64)}...` : subject);
  return reject(
    RejectionCode.SUBJECT_MISMATCH,
    `subject ${shown} does not name data.deviceId ${deviceId}`,
    'subject',
  );
}

function buildEvent<T extends DeviceEventType>(
  type: T,
  envelope: CloudEventEnvelopeDto,
  time: Date,
  rawData: Record<string, unknown>,
): { ok: true; event: DeviceEvent<T> } | Rejected {
  const parsed = EVENT_DATA_PARSERS[type](rawData);
  if (!parsed.ok) return parsed;
  const subjectProblem = checkSubject(envelope.subject, parsed.data.deviceId);
  if (subjectProblem) return subjectProblem;
  return {
    ok: true,
    event: {
      specversion: '1.0',
      id: envelope.id,
      source: normaliseText(envelope.source),
      type,
      subject: parsed.data.deviceId,
      time: time.toISOString(),
      data: parsed.data,
    },
  };
}

/**
 * Validates and normalises one CloudEvents 1.0 device event (docs/architecture.md#event-contract).
 *
 * Rules run in a fixed order and the first failure decides the rejection:
 *  1. the input is a JSON object (NOT_AN_OBJECT);
 *  2. envelope: specversion, id, source, datacontenttype, data_base64, subject's type;
 *  3. type (UNKNOWN_TYPE);
 *  4. time: RFC 3339 with offset (INVALID_TIME), then not after now + skew (TIME_IN_FUTURE),
 *     then not before 2000-01-01 (TIME_TOO_OLD);
 *  5. data: present and an object, then its properties in the declaration order of the type's DTO
 *     (deviceId always first);
 *  6. subject, when given, names the same device as data.deviceId (SUBJECT_MISMATCH).
 *
 * The output is a fresh plain object holding only known attributes, with canonical device ids, ISO UTC
 * time, trimmed NFC text, rounded distances and sorted parts; optional members are omitted, never
 * undefined. Equal inputs give deep-equal outputs, and so do two deliveries differing only in
 * formatting (key order, whitespace, id case, time offset, extension attributes): compare them with
 * canonicalJson to tell an exact duplicate from a reused id. `datacontenttype` is not kept (data is
 * always JSON) so a structured and a binary delivery of one event compare equal.
 */
export function validateDeviceEvent(
  input: unknown,
  options: ValidateDeviceEventOptions,
): DeviceEventValidation {
  const latestMs = checkOptions(options);
  if (!isJsonObject(input)) return reject(RejectionCode.NOT_AN_OBJECT, 'a CloudEvent must be a JSON object');

  const envelope = validateDto(CloudEventEnvelopeDto, input);
  if (!envelope.ok) return envelope;
  const time = parseRfc3339(envelope.value.time);
  if (time === undefined) throw new TypeError('validated time does not parse');
  const timeProblem = checkTimeBounds(time, latestMs);
  if (timeProblem) return timeProblem;

  const rawData = input.data;
  if (rawData === undefined || rawData === null)
    return reject(RejectionCode.MISSING_FIELD, 'data is required', 'data');
  if (!isJsonObject(rawData))
    return reject(RejectionCode.INVALID_FIELD, 'data must be a JSON object', 'data');

  // The envelope DTO has checked `type` against DEVICE_EVENT_TYPES.
  const type = envelope.value.type as DeviceEventType;
  // A DeviceEvent<T> built for a generic T is one member of the AnyDeviceEvent union.
  return buildEvent(type, envelope.value, time, rawData) as DeviceEventValidation;
}

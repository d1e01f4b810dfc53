import { CodedError } from './coded-error';

/**
 * Stable catalogue of reasons an incoming event is refused. The strings are part of the contract:
 * they are written to the dead-letter topic and matched by operators' tooling, so never rename one.
 */
export const RejectionCode = {
  /** The Kafka message or HTTP body is not valid UTF-8 JSON. */
  MALFORMED_JSON: 'EVENT.MALFORMED_JSON',
  /** A structured event, or the envelope handed to the validator, is not a JSON object. */
  NOT_AN_OBJECT: 'EVENT.NOT_AN_OBJECT',
  /** A message with no body and no CloudEvents headers (for example a tombstone). */
  EMPTY_MESSAGE: 'EVENT.EMPTY_MESSAGE',
  PAYLOAD_TOO_LARGE: 'EVENT.PAYLOAD_TOO_LARGE',
  /** Not JSON (binary-mode `content-type`, `datacontenttype`, `data_base64`, or a non-JSON structured format). */
  UNSUPPORTED_CONTENT_TYPE: 'EVENT.UNSUPPORTED_CONTENT_TYPE',
  /** A binary-mode `ce_*` header repeated or not valid UTF-8. */
  INVALID_HEADER: 'EVENT.INVALID_HEADER',
  UNSUPPORTED_SPECVERSION: 'EVENT.UNSUPPORTED_SPECVERSION',
  MISSING_FIELD: 'EVENT.MISSING_FIELD',
  /** A field of the wrong JSON type or outside its enumeration, when no more specific code applies. */
  INVALID_FIELD: 'EVENT.INVALID_FIELD',
  /** The CloudEvents `id` is not a non-empty printable string of at most 256 characters. */
  INVALID_ID: 'EVENT.INVALID_ID',
  UNKNOWN_TYPE: 'EVENT.UNKNOWN_TYPE',
  INVALID_DEVICE_ID: 'EVENT.INVALID_DEVICE_ID',
  /** The device id is IMEI-shaped but has the wrong length or fails the Luhn check. */
  INVALID_IMEI: 'EVENT.INVALID_IMEI',
  /** The envelope `subject` does not name the same device as `data.deviceId`. */
  SUBJECT_MISMATCH: 'EVENT.SUBJECT_MISMATCH',
  INVALID_TIME: 'EVENT.INVALID_TIME',
  TIME_IN_FUTURE: 'EVENT.TIME_IN_FUTURE',
  TIME_TOO_OLD: 'EVENT.TIME_TOO_OLD',
  UNKNOWN_CATEGORY: 'EVENT.UNKNOWN_CATEGORY',
  UNKNOWN_PART: 'EVENT.UNKNOWN_PART',
  /**
   * Never sent by the ledger, only returned by checkPartsInCategory: a repair carries no category, so the
   * event is accepted and the tracker flags its cycle instead (CYCLE.PART_NOT_IN_CATEGORY, no credit).
   */
  PART_NOT_IN_CATEGORY: 'EVENT.PART_NOT_IN_CATEGORY',
  INVALID_TRANSPORT: 'EVENT.INVALID_TRANSPORT',
  INVALID_COUNTRY: 'EVENT.INVALID_COUNTRY',
  /** Control characters, bad Unicode, blank where a value is required, or too long. */
  INVALID_STRING: 'EVENT.INVALID_STRING',
  /** Decided by the tracker: the id was already stored with a different canonical payload. */
  ID_REUSED: 'EVENT.ID_REUSED',
} as const;
export type RejectionCode = (typeof RejectionCode)[keyof typeof RejectionCode];

export const REJECTION_CODES: readonly RejectionCode[] = Object.values(RejectionCode);

export interface Rejection {
  code: RejectionCode;
  /** For people (operators, partners); never parse it, match on `code`. */
  message: string;
  /** JSON path of the offending value, e.g. `data.transport.mode`; absent when the whole message is at fault. */
  field?: string;
}

export interface Rejected {
  ok: false;
  rejection: Rejection;
}

export function reject(code: RejectionCode, message: string, field?: string): Rejected {
  return { ok: false, rejection: field === undefined ? { code, message } : { code, message, field } };
}

export function isRejectionCode(value: unknown): value is RejectionCode {
  return typeof value === 'string' && (REJECTION_CODES as readonly string[]).includes(value);
}

/** For callers that prefer throwing; the library itself returns results for every expected failure. */
export class EventRejectedError extends CodedError<RejectionCode> {
  constructor(readonly rejection: Rejection) {
    super(rejection.code, `${rejection.code}: ${rejection.message}`);
  }
}

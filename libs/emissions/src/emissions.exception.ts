import { CodedError } from '@refurb/contracts';

/** Dotted codes the consumer layer maps to dead-letter, retry or ignore (docs/conventions.md#error-codes). */
export const EMISSIONS_ERROR_CODES = [
  'EMISSIONS.INVALID_FACTOR_SET',
  'EMISSIONS.UNKNOWN_CATEGORY',
  'EMISSIONS.PART_NOT_IN_CATEGORY',
  'EMISSIONS.INVALID_TRANSPORT_LEG',
  'EMISSIONS.INTEGER_OVERFLOW',
] as const;
export type EmissionsErrorCode = (typeof EMISSIONS_ERROR_CODES)[number];

export class EmissionsException extends CodedError<EmissionsErrorCode> {
  constructor(code: EmissionsErrorCode, message: string) {
    super(code, `${code}: ${message}`);
  }
}

/** Expected business failures are returned rather than thrown where a caller (a Kafka consumer) must not retry. */
export type EmissionsResult<T> = { ok: true; value: T } | { ok: false; error: EmissionsException };

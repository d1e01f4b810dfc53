import { CodedError } from '@refurb/contracts';

/** Dotted codes the consumer and API layers map to responses (docs/conventions.md#error-codes). */
export const BATCH_ERROR_CODES = [
  'BATCH.INVALID_TRANSITION',
  'BATCH.INVALID_AMOUNT',
  'BATCH.INVALID_DISCOUNT',
  'BATCH.INVALID_CARRIED_IN',
  'BATCH.INVALID_SERIAL',
  'BATCH.INVALID_KEY',
  'BATCH.NOT_CLOSED',
] as const;
export type BatchErrorCode = (typeof BATCH_ERROR_CODES)[number];

export class BatchException extends CodedError<BatchErrorCode> {
  constructor(code: BatchErrorCode, message: string) {
    super(code, `${code}: ${message}`);
  }
}

import { CodedError } from '@refurb/contracts';

/** Expected failures of the issuance use cases; mapped to HTTP in one place (IssuanceExceptionFilter). */
export const ISSUANCE_ERROR_CODES = [
  'ISSUANCE.BATCH_NOT_FOUND',
  'ISSUANCE.PROJECT_NOT_FOUND',
  'ISSUANCE.API_KEY_NOT_FOUND',
  'ISSUANCE.INVALID_REQUEST',
  'ISSUANCE.FACTOR_SET_NOT_FOUND',
  'ISSUANCE.WEBHOOK_NOT_FOUND',
  'ISSUANCE.WEBHOOK_DELIVERY_NOT_FOUND',
  'ISSUANCE.WEBHOOK_DELETED',
  'ISSUANCE.LINE_NOT_FOUND',
  'ISSUANCE.TRACKER_NOT_CONFIGURED',
  'ISSUANCE.TRACKER_UNAVAILABLE',
  'CONSOLE.NOT_SIGNED_IN',
  'CONSOLE.SESSION_EXPIRED',
  'CONSOLE.HEADER_MISSING',
  'CONSOLE.NOT_BUILT',
  'AUTH.MISSING_API_KEY',
  'AUTH.INVALID_API_KEY',
  'AUTH.FORBIDDEN',
] as const;
export type IssuanceErrorCode = (typeof ISSUANCE_ERROR_CODES)[number];

export class IssuanceException extends CodedError<IssuanceErrorCode> {
  constructor(code: IssuanceErrorCode, message: string) {
    super(code, `${code}: ${message}`);
  }
}

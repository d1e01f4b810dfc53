import { HttpException, HttpStatus } from '@nestjs/common';
import { BatchErrorCode, BatchException } from '@refurb/issuance';
import { IssuanceErrorCode, IssuanceException } from '../issuance.exception';

export interface ErrorResponse {
  status: number;
  body: { code: string; message: string };
}

/** The one map from error codes to HTTP statuses. */
const STATUS_BY_CODE: Record<IssuanceErrorCode | BatchErrorCode, HttpStatus> = {
  'ISSUANCE.BATCH_NOT_FOUND': HttpStatus.NOT_FOUND,
  'ISSUANCE.PROJECT_NOT_FOUND': HttpStatus.NOT_FOUND,
  'ISSUANCE.API_KEY_NOT_FOUND': HttpStatus.NOT_FOUND,
  'ISSUANCE.INVALID_REQUEST': HttpStatus.BAD_REQUEST,
  'ISSUANCE.FACTOR_SET_NOT_FOUND': HttpStatus.UNPROCESSABLE_ENTITY,
  'ISSUANCE.WEBHOOK_NOT_FOUND': HttpStatus.NOT_FOUND,
  'ISSUANCE.WEBHOOK_DELIVERY_NOT_FOUND': HttpStatus.NOT_FOUND,
  'ISSUANCE.WEBHOOK_DELETED': HttpStatus.CONFLICT,
  'ISSUANCE.LINE_NOT_FOUND': HttpStatus.NOT_FOUND,
  // The line drill-down reads the tracker: without a key, or without an answer, it cannot be served.
  'ISSUANCE.TRACKER_NOT_CONFIGURED': HttpStatus.SERVICE_UNAVAILABLE,
  'ISSUANCE.TRACKER_UNAVAILABLE': HttpStatus.SERVICE_UNAVAILABLE,
  'CONSOLE.NOT_SIGNED_IN': HttpStatus.UNAUTHORIZED,
  'CONSOLE.SESSION_EXPIRED': HttpStatus.UNAUTHORIZED,
  // A cookie-authenticated request without the console's header: not the console's own page.
  'CONSOLE.HEADER_MISSING': HttpStatus.FORBIDDEN,
  'CONSOLE.NOT_BUILT': HttpStatus.NOT_FOUND,
  'AUTH.MISSING_API_KEY': HttpStatus.UNAUTHORIZED,
  'AUTH.INVALID_API_KEY': HttpStatus.UNAUTHORIZED,
  'AUTH.FORBIDDEN': HttpStatus.FORBIDDEN,
  'BATCH.INVALID_TRANSITION': HttpStatus.CONFLICT,
  // An open batch has no frozen figures or serials yet: nothing to export until it closes.
  'BATCH.NOT_CLOSED': HttpStatus.CONFLICT,
  // Figures the ledger cannot close or serialise: the request is fine, the data is not.
  'BATCH.INVALID_AMOUNT': HttpStatus.UNPROCESSABLE_ENTITY,
  'BATCH.INVALID_DISCOUNT': HttpStatus.UNPROCESSABLE_ENTITY,
  'BATCH.INVALID_CARRIED_IN': HttpStatus.UNPROCESSABLE_ENTITY,
  'BATCH.INVALID_SERIAL': HttpStatus.UNPROCESSABLE_ENTITY,
  'BATCH.INVALID_KEY': HttpStatus.UNPROCESSABLE_ENTITY,
};

/** Business errors by code; anything else is a fault of ours, described without internals. */
export function errorResponse(error: unknown): ErrorResponse {
  if (error instanceof IssuanceException || error instanceof BatchException) {
    return { status: STATUS_BY_CODE[error.code], body: { code: error.code, message: error.message } };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return { status, body: { code: `HTTP.${status}`, message: error.message } };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { code: 'ISSUANCE.INTERNAL_ERROR', message: 'internal error' },
  };
}

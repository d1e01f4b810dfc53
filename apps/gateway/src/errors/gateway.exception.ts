import { CodedError } from '@refurb/contracts';
import { GatewayErrorCode } from './gateway-error-code';

/**
 * A request-level failure with its code. Thrown by the request pipeline (body reader, guards, use case)
 * and turned into an HTTP answer by GatewayExceptionFilter alone.
 */
export class GatewayException extends CodedError<GatewayErrorCode> {}

/** The API key's token bucket is empty; the caller may retry after the given delay. */
export class RateLimitedException extends GatewayException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      GatewayErrorCode.RATE_LIMITED,
      `rate limit exceeded for this API key: retry in ${retryAfterSeconds} s (limits count events, not requests)`,
    );
  }
}

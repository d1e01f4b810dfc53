import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { GATEWAY_ERRORS, GatewayErrorCode } from './gateway-error-code';
import { GatewayException, RateLimitedException } from './gateway.exception';

export interface GatewayErrorBody {
  code: GatewayErrorCode;
  message: string;
}

export interface GatewayErrorAnswer {
  status: number;
  body: GatewayErrorBody;
  headers: Record<string, string>;
}

const INTERNAL_MESSAGE = 'internal error; nothing was accepted, retry later';

/**
 * The one place where failures become HTTP answers. Anything that is not a GatewayException (a
 * database fault, a bug) is logged with its stack and answered 500 without internals.
 */
export function toErrorAnswer(
  error: unknown,
  log: (error: unknown) => void = () => undefined,
): GatewayErrorAnswer {
  if (error instanceof GatewayException) {
    const headers: Record<string, string> =
      error instanceof RateLimitedException ? { 'Retry-After': String(error.retryAfterSeconds) } : {};
    return {
      status: GATEWAY_ERRORS[error.code].status,
      body: { code: error.code, message: error.message },
      headers,
    };
  }
  // Nest's router answers unknown routes with this one.
  if (error instanceof NotFoundException) {
    return {
      status: HttpStatus.NOT_FOUND,
      body: { code: GatewayErrorCode.NOT_FOUND, message: 'no such route' },
      headers: {},
    };
  }
  log(error);
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { code: GatewayErrorCode.INTERNAL, message: INTERNAL_MESSAGE },
    headers: {},
  };
}

@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('gateway');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const answer = toErrorAnswer(error, (fault) =>
      this.logger.error(fault instanceof Error ? (fault.stack ?? fault.message) : String(fault)),
    );
    if (response.headersSent) return;
    response.status(answer.status).set(answer.headers).json(answer.body);
  }
}

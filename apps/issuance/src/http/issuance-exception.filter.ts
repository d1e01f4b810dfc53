import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { errorResponse } from './error-response';

/** Every error of the issuance API as `{ code, message }` with the status its code maps to. */
@Catch()
export class IssuanceExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(IssuanceExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = errorResponse(exception);
    if (status >= 500)
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      // A streamed CSV failed half-way: the status is gone, cutting the connection is all that is left.
      response.destroy();
      return;
    }
    response.status(status).json(body);
  }
}

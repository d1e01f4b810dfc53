import { applyDecorators, Catch, Controller, RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC exception filter turns any handler error into `{status: 'error', message:
 * 'Internal server error'}`, which would hide from the batch consumer whether a database was down (retry)
 * or a message was poison (dead-letter). This filter hands the handler's own error back unchanged, for
 * the failure policy to read its code.
 */
@Catch()
export class RethrowHandlerErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Marks a controller whose `@EventPattern` handlers the batch consumer calls. Filters set on the
 * controller apply whenever Nest wires it (a hybrid application wires its microservice handlers as soon
 * as it connects the transport, before any global filter could be added).
 */
export function BatchConsumer(): ClassDecorator {
  return applyDecorators(Controller(), UseFilters(new RethrowHandlerErrorsFilter()));
}

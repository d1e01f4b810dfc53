import { DynamicModule, LoggerService, Module, Type } from '@nestjs/common';
import { Logger, LoggerModule, PinoLogger } from 'nestjs-pino';
import { httpLoggingParams } from './http-logging';
import { createServiceLogger, ServiceLogging } from './service-logger';

/** The service's own module beside nestjs-pino's, whose middleware logs every HTTP request. */
@Module({})
class LoggedServiceModule {}

export interface LoggedService {
  module: DynamicModule;
  /** For NestFactory's `logger`: every `new Logger(...)` in the code base writes through it. */
  nestLogger: LoggerService;
}

/**
 * Wires a service to its pino logger. The Nest logger is built here, before Nest creates the application,
 * rather than taken from the container afterwards (`bufferLogs` + `useLogger`): what Nest logs while it
 * creates the application, a failure to start included, is then a JSON line like any other instead of
 * being buffered and lost, or printed in Nest's own format, when creation fails.
 *
 * nestjs-pino keeps one root logger per process: a second application started in the same process (some
 * tests do) logs through the first one's.
 */
export function withServiceLogging(
  module: Type | DynamicModule,
  service: string,
  logging: ServiceLogging = {},
): LoggedService {
  const params = httpLoggingParams(createServiceLogger(service, logging));
  return {
    module: { module: LoggedServiceModule, imports: [LoggerModule.forRoot(params), module] },
    nestLogger: new Logger(new PinoLogger(params), params),
  };
}

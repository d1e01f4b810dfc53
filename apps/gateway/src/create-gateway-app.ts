import { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { GatewayEnv } from './gateway.env';
import { GatewayModule } from './gateway.module';
import { setupOpenApi } from './openapi/setup-openapi';

export interface GatewayAppOptions {
  logger?: LogLevel[] | false;
}

/**
 * The gateway application, ready to listen: the service's main and the integration tests build it the
 * same way. Nest's default body parser is off because it would read `POST /v1/events` first, with its
 * own size limit (100 KB), media types and HTML error pages; EventsBodyMiddleware reads that body.
 */
export async function createGatewayApp(
  env: GatewayEnv,
  { logger = ['error', 'warn', 'log'] }: GatewayAppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(env), {
    bodyParser: false,
    logger,
  });
  // Advertising the framework helps no partner and helps attackers pick exploits.
  app.disable('x-powered-by');
  setupOpenApi(app);
  return app;
}

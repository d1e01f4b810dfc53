import { loggingFrom, ServiceDefinition } from '@refurb/runtime';
import { GatewayEnv } from './gateway.env';
import { GatewayModule } from './gateway.module';
import { setupOpenApi } from './openapi/setup-openapi';

/**
 * The gateway as main.ts starts it: HTTP only, no consumer. Nest's default body parser is off because it
 * would read `POST /v1/events` first, with its own size limit (100 KB), media types and HTML error pages;
 * EventsBodyMiddleware reads that body. Tests start this same definition in-process.
 */
export function gatewayService(env: GatewayEnv): ServiceDefinition {
  return {
    name: 'gateway',
    module: GatewayModule.forRoot(env),
    port: env.GATEWAY_PORT,
    host: env.HOST,
    logging: loggingFrom(env),
    applicationOptions: { bodyParser: false },
    configure: setupOpenApi,
    routes: ['POST /v1/events', 'GET /docs', 'GET /station'],
  };
}

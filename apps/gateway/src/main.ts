import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@refurb/config';
import { runService } from '@refurb/runtime';
import { createGatewayApp } from './create-gateway-app';
import { GatewayEnv } from './gateway.env';

// Not bootstrapService: the gateway must configure its application (body parsing, /docs) before
// Nest initialises it, and it runs no Kafka consumer.
runService(async () => {
  const env = loadConfig(GatewayEnv);
  const app = await createGatewayApp(env);
  app.enableShutdownHooks();
  await app.listen(env.GATEWAY_PORT);
  new Logger('gateway').log(
    `gateway ready on http://127.0.0.1:${env.GATEWAY_PORT} (GET /health, POST /v1/events, GET /docs)`,
  );
});

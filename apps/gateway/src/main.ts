import 'reflect-metadata';
import { loadConfig } from '@refurb/config';
import { bootstrapService, runService } from '@refurb/runtime';
import { GatewayEnv } from './gateway.env';
import { gatewayService } from './service-definition';

runService('gateway', async () => {
  await bootstrapService(gatewayService(loadConfig(GatewayEnv)));
});

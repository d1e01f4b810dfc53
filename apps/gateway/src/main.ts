import 'reflect-metadata';
import { loadConfig } from '@refurb/config';
import { bootstrapService, runService } from '@refurb/runtime';
import { GatewayEnv } from './gateway.env';
import { GatewayModule } from './gateway.module';

runService(async () => {
  const env = loadConfig(GatewayEnv);
  await bootstrapService({ name: 'gateway', module: GatewayModule.forRoot(env), port: env.GATEWAY_PORT });
});

import 'reflect-metadata';
import { loadConfig } from '@refurb/config';
import { bootstrapService, runService } from '@refurb/runtime';
import { IssuanceEnv } from './issuance.env';
import { IssuanceModule } from './issuance.module';

runService(async () => {
  const env = loadConfig(IssuanceEnv);
  await bootstrapService({ name: 'issuance', module: IssuanceModule.forRoot(env), port: env.ISSUANCE_PORT });
});

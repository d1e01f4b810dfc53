import 'reflect-metadata';
import { loadConfig } from '@refurb/config';
import { bootstrapService, runService } from '@refurb/runtime';
import { IssuanceEnv } from './issuance.env';
import { issuanceService } from './service-definition';

runService('issuance', async () => {
  const env = loadConfig(IssuanceEnv);
  await bootstrapService(issuanceService(env));
});

import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@refurb/config';
import { freePort, TestDatabase, testKafkaBrokers } from '@refurb/testing';
import { bootstrapService } from '@refurb/runtime';
import { GatewayEnv } from '../../apps/gateway/src/gateway.env';
import { PartnerKeysService } from '../../apps/gateway/src/partner-keys/partner-keys.service';
import { gatewayService } from '../../apps/gateway/src/service-definition';

export interface InProcessGateway {
  app: NestExpressApplication;
  url: string;
  partners: PartnerKeysService;
  close(): Promise<void>;
}

/** The gateway wired in this test process, on a database of the test's own and the test broker. */
export async function startGateway(
  database: TestDatabase,
  overrides: Record<string, string> = {},
): Promise<InProcessGateway> {
  const port = await freePort();
  const env = loadConfig(GatewayEnv, {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    GATEWAY_PORT: String(port),
    LOG_LEVEL: 'error',
    ...overrides,
  });
  const app = await bootstrapService(gatewayService(env));
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    partners: app.get(PartnerKeysService),
    close: () => app.close(),
  };
}

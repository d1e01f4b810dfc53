import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@refurb/config';
import { bootstrapService } from '@refurb/runtime';
import { freePort, TestDatabase, testKafkaBrokers } from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { TrackerKeyRepository } from '../../apps/tracker/src/auth/tracker-key.repository';
import { IssuanceEnv } from '../../apps/issuance/src/issuance.env';
import { issuanceService } from '../../apps/issuance/src/service-definition';
import { trackerService } from '../../apps/tracker/src/service-definition';
import { TrackerEnv } from '../../apps/tracker/src/tracker.env';
import { registerKafkaSources, testKafkaSources } from './tracker-sources';

export interface InProcessService {
  app: INestApplication;
  url: string;
  groupId: string;
  close(): Promise<void>;
}

export interface InProcessTracker extends InProcessService {
  /** Makes tracker API keys, as `npm run tracker:keys` does. */
  keys: TrackerKeyRepository;
  /** Headers with an operator key, for tests of what the routes answer rather than of who may call them. */
  operator: { authorization: string };
}

/**
 * The tracker wired in this test process, on a database of the test's own and the test broker. The
 * sources tests produce under (testKafkaSources) are registered first, so that the tracker accepts them
 * from its first batch; `registerSources: false` leaves the registry as the test made it.
 */
export async function startTracker(
  database: TestDatabase,
  overrides: Record<string, string> = {},
  options: { registerSources?: boolean } = {},
): Promise<InProcessTracker> {
  if (options.registerSources ?? true) await registerKafkaSources(database, testKafkaSources());
  const port = await freePort();
  const groupId = overrides.TRACKER_CONSUMER_GROUP ?? `test-tracker-${randomUUID()}`;
  const env = loadConfig(TrackerEnv, {
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    DATABASE_URL: database.url,
    TRACKER_PORT: String(port),
    TRACKER_CONSUMER_GROUP: groupId,
    LOG_LEVEL: 'warn',
    ...overrides,
  });
  const app = await bootstrapService(trackerService(env));
  const keys = app.get(TrackerKeyRepository);
  const { apiKey } = await keys.create('operator', undefined, 'test');
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    groupId,
    keys,
    operator: { authorization: `Bearer ${apiKey}` },
    close: () => app.close(),
  };
}

/** Issuance wired in this test process, on a database of the test's own and the test broker. */
export async function startIssuance(
  database: TestDatabase,
  overrides: Record<string, string> = {},
): Promise<InProcessService> {
  const port = await freePort();
  const groupId = overrides.ISSUANCE_CONSUMER_GROUP ?? `test-issuance-${randomUUID()}`;
  const env = loadConfig(IssuanceEnv, {
    KAFKA_BROKERS: testKafkaBrokers().join(','),
    DATABASE_URL: database.url,
    ISSUANCE_PORT: String(port),
    ISSUANCE_CONSUMER_GROUP: groupId,
    LOG_LEVEL: 'warn',
    ...overrides,
  });
  const app = await bootstrapService(issuanceService(env));
  return { app, url: `http://127.0.0.1:${port}`, groupId, close: () => app.close() };
}

import { DEVICE_EVENT_TYPES } from '@refurb/contracts';
import { rawDeviceEvents } from '@refurb/contracts/testing';
import { openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { simulatedKafkaSources } from '@refurb/simulator';
import { TestDatabase } from '@refurb/testing';
import { EntityManager } from 'typeorm';
import { KafkaSourceRegistration } from '../../apps/tracker/src/kafka-sources/kafka-source';
import { KafkaSourceRepository } from '../../apps/tracker/src/kafka-sources/kafka-source.repository';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';

/** A source that may send anything: for tests about something else than scopes. */
export function unrestrictedSource(source: string): KafkaSourceRegistration {
  return {
    source,
    displayName: source,
    eventTypes: DEVICE_EVENT_TYPES,
    workshopIds: ['*'],
    siteIds: ['*'],
    resaleChannels: ['*'],
  };
}

/**
 * The sources tests produce under straight to Kafka, as a Kafka-native partner would: the raw fixture's
 * (libs/contracts), the lifecycle event factory's (`test-partner/<type>`), and the simulator's Kafka door
 * with its real scopes. Registered by `startTracker` before the tracker consumes anything; a test of
 * scopes registers its own.
 */
export function testKafkaSources(): KafkaSourceRegistration[] {
  const fixtureSources = new Set(Object.values(rawDeviceEvents()).map((event) => String(event.source)));
  const factorySources = DEVICE_EVENT_TYPES.map((type) => `test-partner/${type}`);
  return [...[...fixtureSources, ...factorySources].map(unrestrictedSource), ...simulatedKafkaSources()];
}

/** Migrates the tracker's schema if needed and registers these sources, as `npm run tracker:sources` would. */
export async function registerKafkaSources(
  database: TestDatabase,
  registrations: readonly KafkaSourceRegistration[],
): Promise<void> {
  await withTrackerSources(database, async (sources, manager) => {
    for (const registration of registrations) await sources.register(manager, registration);
  });
}

/** Runs `use` with the source registry of the test database, migrated first as the tracker would. */
export async function withTrackerSources<T>(
  database: TestDatabase,
  use: (sources: KafkaSourceRepository, manager: EntityManager) => Promise<T>,
): Promise<T> {
  const dataSource = await openServiceDataSource(
    serviceDataSourceOptions(
      { url: database.url },
      { schema: 'tracker', entities: [], migrations: TRACKER_MIGRATIONS },
    ),
  );
  try {
    return await use(new KafkaSourceRepository(), dataSource.manager);
  } finally {
    await dataSource.destroy();
  }
}

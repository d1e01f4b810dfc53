import { INPUT_TOPICS } from '@refurb/contracts';
import { openServiceDataSource, serviceDataSourceOptions, ServiceSchema } from '@refurb/database';
import { PartitionOffset, TestDatabase } from '@refurb/testing';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { hasConsumedUpTo, seedConsumerOffsets } from './consumer-progress';
import { registerKafkaSources, testKafkaSources } from './tracker-sources';

export const TRACKER_OFFSETS = 'tracker.consumer_offsets';

/**
 * A migrated tracker database whose consumer group starts at `startAt`: a test replays exactly the
 * messages it produced after that point, whatever earlier tests left on the shared topics. The sources
 * tests produce under (testKafkaSources) are registered.
 */
export async function trackerDatabase(
  label: string,
  groupId: string,
  startAt: readonly PartitionOffset[],
): Promise<TestDatabase> {
  const database = await TestDatabase.create(label);
  await migrateService(database, 'tracker', TRACKER_MIGRATIONS);
  await registerKafkaSources(database, testKafkaSources());
  await seedConsumerOffsets(
    database,
    TRACKER_OFFSETS,
    groupId,
    startAt.filter((o) => INPUT_TOPICS.includes(o.topic as never)),
  );
  return database;
}

/** Creates a service's schema as the service would at start, so that a test can seed it first. */
export async function migrateService(
  database: TestDatabase,
  schema: string,
  migrations: ServiceSchema['migrations'],
): Promise<void> {
  const dataSource = await openServiceDataSource(
    serviceDataSourceOptions({ url: database.url }, { schema, entities: [], migrations }),
  );
  await dataSource.destroy();
}

/** Messages processed so far by the group, summed over partitions, relative to `startAt`. */
export async function processedSince(
  database: TestDatabase,
  groupId: string,
  startAt: readonly PartitionOffset[],
): Promise<number> {
  const [{ total }] = await database.query<{ total: string | null }>(
    `SELECT sum(next_offset)::text AS total FROM ${TRACKER_OFFSETS} WHERE group_id = $1`,
    [groupId],
  );
  const start = startAt.reduce((sum, o) => sum + BigInt(o.offset), 0n);
  return Number(BigInt(total ?? '0') - start);
}

export async function trackerCaughtUp(
  database: TestDatabase,
  groupId: string,
  end: readonly PartitionOffset[],
): Promise<boolean> {
  if (!(await hasConsumedUpTo(database, TRACKER_OFFSETS, groupId, end))) return false;
  const [{ n }] = await database.query<{ n: string }>('SELECT count(*) AS n FROM tracker.outbox');
  return n === '0';
}

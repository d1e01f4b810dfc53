import { DEVICE_EVENT_TYPES } from '@refurb/contracts';
import { DataSource } from 'typeorm';
import { GATEWAY_MIGRATIONS } from '../../apps/gateway/src/migrations';
import { ISSUANCE_MIGRATIONS } from '../../apps/issuance/src/migrations';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { NAIVE_MIGRATIONS } from '../../libs/bench/src/naive/migrations';
import { RegisterKafkaSources1764604800000 } from '../../apps/tracker/src/migrations/1764604800000-register-kafka-sources';
import { migrateExclusively, serviceDataSourceOptions } from '@refurb/database';
import { TestDatabase } from '@refurb/testing';

const SERVICES = [
  { schema: 'gateway', migrations: GATEWAY_MIGRATIONS },
  { schema: 'tracker', migrations: TRACKER_MIGRATIONS },
  { schema: 'issuance', migrations: ISSUANCE_MIGRATIONS },
  // The benchmark's naive tracker: not a service, but migrated the same way.
  { schema: 'naive', migrations: NAIVE_MIGRATIONS },
];

async function userTables(database: TestDatabase, schema: string): Promise<string[]> {
  const rows = await database.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
    [schema],
  );
  return rows.map((row) => row.table_name);
}

describe.each(SERVICES)('$schema migrations', ({ schema, migrations }) => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await TestDatabase.create(`migrations_${schema}`);
    dataSource = await new DataSource(
      serviceDataSourceOptions({ url: database.url }, { schema, entities: [], migrations }),
    ).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('migrates an empty database all the way up, then all the way down', async () => {
    const applied = await migrateExclusively(dataSource);
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    expect(
      await database.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [schema]),
    ).toHaveLength(1);

    // Migrating again is a no-op: every instance of every service runs this at start.
    expect(await migrateExclusively(dataSource)).toEqual([]);

    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await userTables(database, schema)).toEqual([]);
    expect(
      await database.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [schema]),
    ).toHaveLength(0);
    expect(await database.query(`SELECT * FROM ${schema}_migrations`)).toEqual([]);
  });

  it('serialises concurrent migrators so each migration is applied once', async () => {
    const racers = await Promise.all(
      [1, 2, 3].map(() =>
        new DataSource(
          serviceDataSourceOptions({ url: database.url }, { schema, entities: [], migrations }),
        ).initialize(),
      ),
    );
    try {
      const results = await Promise.all(racers.map((racer) => migrateExclusively(racer)));
      expect(results.flat().map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    } finally {
      await Promise.all(racers.map((racer) => racer.destroy()));
    }
  });
});

describe('tracker migration RegisterKafkaSources on a database with events', () => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  async function migrateWith(migrations: typeof TRACKER_MIGRATIONS): Promise<void> {
    const dataSource = await new DataSource(
      serviceDataSourceOptions({ url: database.url }, { schema: 'tracker', entities: [], migrations }),
    ).initialize();
    try {
      await migrateExclusively(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  it('registers the Kafka-native sources that sent stored events, unrestricted, and not the gateway’s', async () => {
    database = await TestDatabase.create('migrations_tracker_sources');
    const upgrade = TRACKER_MIGRATIONS.indexOf(RegisterKafkaSources1764604800000);
    await migrateWith(TRACKER_MIGRATIONS.slice(0, upgrade));
    for (const [eventId, source] of [
      ['e1', 'urn:native-a'],
      ['e2', 'urn:native-a'],
      ['e3', 'partners/rebox-fr'],
    ]) {
      await database.query(
        `INSERT INTO tracker.device_events
           (event_id, device_id, type, occurred_at, source, event, event_hash, topic, partition, kafka_offset)
         VALUES ($1, 'serial:acme:DEVICE-1', 'device.collected', now(), $2, '{}', 'h', 't', 0, 0)`,
        [eventId, source],
      );
    }

    await migrateWith(TRACKER_MIGRATIONS.slice(0, upgrade + 1));

    expect(
      await database.query(
        `SELECT source, event_types, workshop_ids, site_ids, resale_channels, retired_at
         FROM tracker.kafka_sources`,
      ),
    ).toEqual([
      {
        source: 'urn:native-a',
        event_types: [...DEVICE_EVENT_TYPES],
        workshop_ids: ['*'],
        site_ids: ['*'],
        resale_channels: ['*'],
        retired_at: null,
      },
    ]);
    // The same id from another source is another event, but not on the same device.
    const insert = (source: string, deviceId: string) =>
      database.query(
        `INSERT INTO tracker.device_events
           (event_id, device_id, type, occurred_at, source, event, event_hash, topic, partition, kafka_offset)
         VALUES ('e1', $2, 'device.collected', now(), $1, '{}', 'h', 't', 0, 0)`,
        [source, deviceId],
      );
    await insert('urn:native-b', 'serial:acme:DEVICE-2');
    await expect(insert('urn:native-c', 'serial:acme:DEVICE-1')).rejects.toThrow(
      /device_events_id_per_device/,
    );
    await expect(insert('urn:native-a', 'serial:acme:DEVICE-3')).rejects.toThrow(/device_events_pkey/);
  });
});

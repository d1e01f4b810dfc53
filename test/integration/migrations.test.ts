import { DataSource } from 'typeorm';
import { GATEWAY_MIGRATIONS } from '../../apps/gateway/src/migrations';
import { ISSUANCE_MIGRATIONS } from '../../apps/issuance/src/migrations';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { NAIVE_MIGRATIONS } from '../../libs/bench/src/naive/migrations';
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

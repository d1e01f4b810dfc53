import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { ensureDatabaseExists } from './ensure-database';
import { migrateExclusively } from './migrate-exclusively';
import { ResilientPgClient } from './resilient-pg-client';

/** What a service declares about its own slice of the database. */
export interface ServiceSchema {
  /** PostgreSQL schema the service owns, e.g. `tracker`; its migrations create it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

export interface DatabaseConnection {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

export function serviceDataSourceOptions(
  connection: DatabaseConnection,
  service: ServiceSchema,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: connection.url,
    entities: service.entities,
    migrations: service.migrations,
    // Kept in `public` so that the migration creating the service's schema can itself be recorded.
    migrationsTableName: `${service.schema}_migrations`,
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    applicationName: connection.applicationName,
    extra: {
      max: connection.poolSize ?? 10,
      Client: ResilientPgClient,
      // Nothing waits forever on the database: a consumer transaction that cannot get a connection, a
      // statement that does not return, or a transaction left idle by its process fails instead, and the
      // batch is retried. A stuck transaction would otherwise hold its offset and device locks for good.
      connectionTimeoutMillis: 10_000,
      statement_timeout: 120_000,
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}

/** Creates the database if needed, connects, and applies pending migrations before anything runs. */
export async function openServiceDataSource(options: DataSourceOptions): Promise<DataSource> {
  const url = (options as { url?: string }).url;
  if (url) await ensureDatabaseExists(url);
  const dataSource = await new DataSource(options).initialize();
  try {
    await migrateExclusively(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

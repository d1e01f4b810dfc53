import { migrateExclusively, ServiceSchema, serviceDataSourceOptions } from '@refurb/database';
import { TestDatabase } from '@refurb/testing';
import { DataSource } from 'typeorm';

/** Applies each service's migrations to the test database, as the services do when they start. */
export async function migrateSchemas(
  database: TestDatabase,
  services: readonly Omit<ServiceSchema, 'entities'>[],
): Promise<void> {
  for (const service of services) {
    const dataSource = await new DataSource(
      serviceDataSourceOptions({ url: database.url }, { ...service, entities: [] }),
    ).initialize();
    try {
      await migrateExclusively(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }
}

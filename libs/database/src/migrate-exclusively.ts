import { DataSource, Migration } from 'typeorm';

/** Arbitrary but fixed: every service instance takes the same lock while it migrates. */
const MIGRATION_LOCK_KEY = 7_340_112_025;

/**
 * Runs pending migrations while holding a session-level advisory lock, so replicas of a service
 * (and the three services on one fresh database) never apply the same migration concurrently.
 */
export async function migrateExclusively(dataSource: DataSource): Promise<Migration[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

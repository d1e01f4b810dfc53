import { CodedError } from '@refurb/contracts';
import { ConfigValidationError, loadConfig } from '@refurb/config';
import { openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { DataSource } from 'typeorm';
import { TRACKER_MIGRATIONS } from './migrations';
import { TrackerEnv } from './tracker.env';

/**
 * Runs an operator command on the tracker's database (DATABASE_URL). Migrates first, like the service
 * does, so the commands work on a fresh database.
 */
export async function withTrackerDatabase<T>(
  applicationName: string,
  use: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const env = loadConfig(TrackerEnv);
  const dataSource = await openServiceDataSource(
    serviceDataSourceOptions(
      { url: env.DATABASE_URL, applicationName },
      { schema: 'tracker', entities: [], migrations: TRACKER_MIGRATIONS },
    ),
  );
  try {
    return await use(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * How the tracker's commands end on an error: its message on stderr (the usage too after a usage error),
 * exit code 2 for a usage error and 1 for anything else.
 */
export function reportCommandFailure(
  command: string,
  usage: string,
  isUsageError: (error: unknown) => boolean,
): (error: unknown) => void {
  return (error) => {
    const usageError = isUsageError(error);
    // A configuration error's message names every bad variable, a coded one its code; anything else is unexpected.
    const expected = error instanceof CodedError || error instanceof ConfigValidationError;
    console.error(
      `${command}: ${expected ? error.message : error instanceof Error ? error.stack : String(error)}`,
    );
    if (usageError) console.error(`\n${usage}`);
    process.exitCode = usageError ? 2 : 1;
  };
}

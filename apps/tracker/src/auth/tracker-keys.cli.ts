import 'reflect-metadata';
import { CodedError } from '@refurb/contracts';
import { ConfigValidationError, loadConfig } from '@refurb/config';
import { openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { TRACKER_MIGRATIONS } from '../migrations';
import { TrackerEnv } from '../tracker.env';
import { TrackerKeyRepository } from './tracker-key.repository';
import { parseTrackerKeysArgs, TRACKER_KEYS_USAGE, TrackerKeysUsageError } from './tracker-keys-args';

/**
 * `npm run tracker:keys -- <command>`: keys for the tracker's read API, on DATABASE_URL. A CLI only: the
 * first key cannot come from the API it protects. Prints JSON, as the issuance CLI's key-create.
 */
async function main(argv: string[]): Promise<void> {
  const command = parseTrackerKeysArgs(argv);
  if (command.command === 'help') {
    console.log(TRACKER_KEYS_USAGE);
    return;
  }
  const env = loadConfig(TrackerEnv);
  // Migrates first, like the service does, so the CLI works on a fresh database.
  const dataSource = await openServiceDataSource(
    serviceDataSourceOptions(
      { url: env.DATABASE_URL, applicationName: 'tracker-keys-cli' },
      { schema: 'tracker', entities: [], migrations: TRACKER_MIGRATIONS },
    ),
  );
  try {
    const keys = new TrackerKeyRepository(dataSource);
    if (command.command === 'create') {
      console.log(JSON.stringify(await keys.create(command.role, command.workshopId, command.label)));
    } else if (await keys.revoke(command.keyId)) {
      console.log(JSON.stringify({ revoked: command.keyId }));
    } else {
      throw new CodedError('TRACKER_KEYS.NOT_FOUND', `no active tracker key ${command.keyId}`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof TrackerKeysUsageError;
  // A configuration error's message names every bad variable, a coded one its code; anything else is unexpected.
  const expected = error instanceof CodedError || error instanceof ConfigValidationError;
  console.error(
    `tracker:keys: ${expected ? error.message : error instanceof Error ? error.stack : String(error)}`,
  );
  if (usage) console.error(`\n${TRACKER_KEYS_USAGE}`);
  process.exitCode = usage ? 2 : 1;
});

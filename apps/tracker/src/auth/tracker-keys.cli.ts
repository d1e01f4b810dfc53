import 'reflect-metadata';
import { CodedError } from '@refurb/contracts';
import { reportCommandFailure, withTrackerDatabase } from '../tracker-cli';
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
  await withTrackerDatabase('tracker-keys-cli', async (dataSource) => {
    const keys = new TrackerKeyRepository(dataSource);
    if (command.command === 'create') {
      console.log(JSON.stringify(await keys.create(command.role, command.workshopId, command.label)));
    } else if (await keys.revoke(command.keyId)) {
      console.log(JSON.stringify({ revoked: command.keyId }));
    } else {
      throw new CodedError('TRACKER_KEYS.NOT_FOUND', `no active tracker key ${command.keyId}`);
    }
  });
}

main(process.argv.slice(2)).catch(
  reportCommandFailure('tracker:keys', TRACKER_KEYS_USAGE, (error) => error instanceof TrackerKeysUsageError),
);

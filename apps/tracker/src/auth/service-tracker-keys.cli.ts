import 'reflect-metadata';
import { reportCommandFailure, withTrackerDatabase } from '../tracker-cli';
import {
  provisionServiceTrackerKeys,
  SERVICE_KEYS_DIR_VARIABLE,
  serviceKeysDirectory,
  ServiceTrackerKeysUsageError,
} from './service-tracker-keys';
import { TrackerKeyRepository } from './tracker-key.repository';

const USAGE = `usage: node dist/apps/tracker/src/auth/service-tracker-keys.cli.js [<directory>]
Writes gateway-station.key (role station) and issuance-auditor.key (role auditor) into <directory>
(default: $${SERVICE_KEYS_DIR_VARIABLE}), each only if its file does not exist yet. Needs DATABASE_URL.`;

/**
 * Docker Compose's `tracker-keys` one-shot: the tracker keys the gateway and issuance read the tracker's
 * device API with, made once into a shared volume (as signing-keys makes the signing pairs). Prints
 * which files it made and which it kept, never a key.
 */
async function main(argv: string[]): Promise<void> {
  const directory = serviceKeysDirectory(argv, process.env);
  const provisioned = await withTrackerDatabase('tracker-service-keys-cli', (dataSource) => {
    const keys = new TrackerKeyRepository(dataSource);
    return provisionServiceTrackerKeys(
      directory,
      async (role, label) => (await keys.create(role, undefined, label)).apiKey,
    );
  });
  for (const { service, role, path, created } of provisioned) {
    console.log(`${service.padEnd(9)} ${role.padEnd(8)} ${created ? 'created' : 'kept   '} ${path}`);
  }
}

main(process.argv.slice(2)).catch(
  reportCommandFailure(
    'service-tracker-keys',
    USAGE,
    (error) => error instanceof ServiceTrackerKeysUsageError,
  ),
);

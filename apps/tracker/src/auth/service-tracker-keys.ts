import { CodedError } from '@refurb/contracts';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeSecretFile } from './secret-file';
import { TrackerRole } from './tracker-role';

/** The variable naming the directory the service keys are written to (an argument wins). */
export const SERVICE_KEYS_DIR_VARIABLE = 'TRACKER_SERVICE_KEYS_DIR';

export interface ServiceTrackerKey {
  /** The service that reads the tracker's API with the key. */
  service: 'gateway' | 'issuance';
  role: TrackerRole;
  /** The file name in the keys directory: what the service's *_TRACKER_API_KEY_FILE points at. */
  file: string;
}

/**
 * The tracker keys other services hold: the gateway's scan station reads devices as `station`,
 * issuance's verifier drill-down as `auditor` (the same pair libs/local-stack makes for `npm start`).
 */
export const SERVICE_TRACKER_KEYS: readonly ServiceTrackerKey[] = [
  { service: 'gateway', role: 'station', file: 'gateway-station.key' },
  { service: 'issuance', role: 'auditor', file: 'issuance-auditor.key' },
];

export class ServiceTrackerKeysUsageError extends CodedError<'TRACKER_SERVICE_KEYS.NO_DIRECTORY'> {
  constructor() {
    super(
      'TRACKER_SERVICE_KEYS.NO_DIRECTORY',
      `name the directory to write the keys to: as the argument or in ${SERVICE_KEYS_DIR_VARIABLE}`,
    );
  }
}

/** The keys directory: the first argument, else TRACKER_SERVICE_KEYS_DIR. */
export function serviceKeysDirectory(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  const directory = argv[0] || env[SERVICE_KEYS_DIR_VARIABLE];
  if (!directory) throw new ServiceTrackerKeysUsageError();
  return directory;
}

/**
 * The keys still to make: those whose file is absent. A present file is kept as it is, so a second
 * `compose up` neither replaces a key a running service holds nor piles up unused keys in the tracker.
 */
export function keysToCreate(
  directory: string,
  exists: (path: string) => boolean,
): (ServiceTrackerKey & { path: string })[] {
  return SERVICE_TRACKER_KEYS.map((key) => ({ ...key, path: join(directory, key.file) })).filter(
    (key) => !exists(key.path),
  );
}

export interface ProvisionedKey {
  service: ServiceTrackerKey['service'];
  role: TrackerRole;
  path: string;
  created: boolean;
}

/**
 * Makes each missing key with `create` (the tracker's own key creation) and writes it to its file,
 * 0600. The key is stored before its file is written: a crash in between leaves an unused key in
 * tracker.api_keys (revocable) and no file, and the next run makes another.
 */
export async function provisionServiceTrackerKeys(
  directory: string,
  create: (role: TrackerRole, label: string) => Promise<string>,
): Promise<ProvisionedKey[]> {
  // Before any key is stored: a directory that cannot be made must not leave keys without files.
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const missing = new Set(keysToCreate(directory, existsSync).map((key) => key.file));
  const provisioned: ProvisionedKey[] = [];
  for (const key of SERVICE_TRACKER_KEYS) {
    const path = join(directory, key.file);
    const created = missing.has(key.file);
    if (created) writeSecretFile(path, `${await create(key.role, `${key.service} (service keys)`)}\n`);
    provisioned.push({ service: key.service, role: key.role, path, created });
  }
  return provisioned;
}

import { parseArgs } from 'node:util';
import { CodedError } from '@refurb/contracts';
import { isTrackerRole, TrackerRole } from './tracker-role';

export const TRACKER_KEYS_USAGE = `usage: npm run tracker:keys -- <command>
  create --role operator [--label <text>]                   a key that reads every device and the conflicts
  create --role workshop --workshop <id> [--label <text>]   a key that reads the devices that workshop touched
  create --role station [--label <text>]                    the gateway's scan station key: reads any device, not the conflicts
  create --role auditor [--label <text>]                    issuance's key for the verifier's evidence drill-down: reads any device, not the conflicts
  revoke <keyId>
The key is printed once; only its hash is stored.`;

const ROLE_ARTICLE: Record<TrackerRole, string> = {
  operator: 'an',
  workshop: 'a',
  station: 'a',
  auditor: 'an',
};

export type TrackerKeysCommand =
  | { command: 'help' }
  | { command: 'create'; role: TrackerRole; workshopId?: string; label: string }
  | { command: 'revoke'; keyId: string };

export class TrackerKeysUsageError extends CodedError<'TRACKER_KEYS.USAGE'> {
  constructor(message: string) {
    super('TRACKER_KEYS.USAGE', message);
  }
}

/** The tracker's key commands; a workshop key must name its workshop, an operator key must not. */
export function parseTrackerKeysArgs(argv: readonly string[]): TrackerKeysCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help') return { command: 'help' };
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(rest);
  } catch (error) {
    throw new TrackerKeysUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (command === 'revoke') {
    if (positionals.length !== 1) throw new TrackerKeysUsageError('revoke takes one key id');
    return { command: 'revoke', keyId: positionals[0] };
  }
  if (command !== 'create') throw new TrackerKeysUsageError(`unknown command ${command}`);
  if (!isTrackerRole(values.role))
    throw new TrackerKeysUsageError('--role must be operator, workshop, station or auditor');
  const workshopId = values.workshop?.trim();
  if (values.role === 'workshop' && !workshopId) {
    throw new TrackerKeysUsageError('a workshop key needs --workshop <id>');
  }
  if (values.role !== 'workshop' && values.workshop !== undefined) {
    throw new TrackerKeysUsageError(
      `${ROLE_ARTICLE[values.role]} ${values.role} key reads every workshop: drop --workshop`,
    );
  }
  return {
    command: 'create',
    role: values.role,
    workshopId: workshopId || undefined,
    label: values.label ?? '',
  };
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string' }, workshop: { type: 'string' }, label: { type: 'string' } },
  });
}

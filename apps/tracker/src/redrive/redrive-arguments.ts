import { parseArgs } from 'node:util';
import { RedriveCriteria } from './redrive-criteria';
import { RedriveException } from './redrive.exception';

export const REDRIVE_USAGE = `Usage: npm run redrive -- [selection...] [--dry-run] [--limit n]

Re-publishes dead letters of devices.deadletter.v1 to their source topic, original key, value and
headers, once the cause of their rejection is fixed. At least one selection is required:
  --code CODE            dlq-reason-code, e.g. EVENT.INVALID_IMEI (repeatable)
  --source-topic TOPIC   only dead letters from this input topic
  --event-id ID          only this CloudEvents id (repeatable)
  --event-source SOURCE  only events from this CloudEvents source (repeatable); ids are unique per source
  --from-offset N        dead-letter topic offsets from N (inclusive)...
  --to-offset N          ...up to N (inclusive)
  --partition P          ...in this dead-letter partition only
Options:
  --limit N              redrive at most N dead letters
  --dry-run              list what would be redriven, publish nothing
  --help                 this text`;

export type RedriveCommand = { help: true } | { help: false; criteria: RedriveCriteria };

function wholeNumber(name: string, text: string | undefined, minimum: bigint): bigint | undefined {
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text) || BigInt(text) < minimum) {
    throw RedriveException.invalidArguments(
      `--${name} must be a whole number of at least ${minimum}, got ${text}`,
    );
  }
  return BigInt(text);
}

function asNumber(value: bigint | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}

/** The command line of `npm run redrive`, checked; throws REDRIVE.INVALID_ARGUMENTS with the reason. */
export function parseRedriveArguments(argv: readonly string[]): RedriveCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        code: { type: 'string', multiple: true },
        'source-topic': { type: 'string' },
        'event-id': { type: 'string', multiple: true },
        'event-source': { type: 'string', multiple: true },
        'from-offset': { type: 'string' },
        'to-offset': { type: 'string' },
        partition: { type: 'string' },
        limit: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw RedriveException.invalidArguments((error as Error).message);
  }
  if (values.help) return { help: true };
  const criteria: RedriveCriteria = {
    codes: values.code,
    sourceTopic: values['source-topic'],
    eventIds: values['event-id'],
    eventSources: values['event-source'],
    fromOffset: wholeNumber('from-offset', values['from-offset'], 0n),
    toOffset: wholeNumber('to-offset', values['to-offset'], 0n),
    partition: asNumber(wholeNumber('partition', values.partition, 0n)),
    limit: asNumber(wholeNumber('limit', values.limit, 1n)),
    dryRun: values['dry-run'],
  };
  const selections = [
    criteria.codes,
    criteria.sourceTopic,
    criteria.eventIds,
    criteria.eventSources,
    criteria.fromOffset,
    criteria.toOffset,
  ];
  if (selections.every((selection) => selection === undefined)) {
    throw RedriveException.invalidArguments(
      'say what to redrive: --code, --source-topic, --event-id, --event-source or an offset range',
    );
  }
  if (
    criteria.fromOffset !== undefined &&
    criteria.toOffset !== undefined &&
    criteria.fromOffset > criteria.toOffset
  ) {
    throw RedriveException.invalidArguments('--from-offset is after --to-offset');
  }
  return { help: false, criteria };
}

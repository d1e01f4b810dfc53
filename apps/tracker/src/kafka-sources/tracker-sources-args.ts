import { parseArgs } from 'node:util';
import { CodedError, DEVICE_EVENT_TYPES, DeviceEventType, normaliseText } from '@refurb/contracts';
import {
  isRelayedSource,
  KafkaSourceRegistration,
  REGISTERED_SOURCES_TTL_MS,
  RELAYED_SOURCE_PREFIX,
} from './kafka-source';

export const TRACKER_SOURCES_USAGE = `usage: npm run tracker:sources -- <command>
  add --source <source> --name <text> --types <type>[,<type>...]
      [--workshops <id>,...|*] [--sites <id>,...|*] [--channels <id>,...|*]
                 register a Kafka-native source, or replace the name and scope of a registered one
                 (a retired one becomes active again); a list left out names nothing, * names anything
  list           every registered source, retired ones included
  retire <source>
                 refuse the source's events from now on; its stored events stay
  seed-local     register the simulator's Kafka-native sources (local runs and the demo)
Changes reach a running tracker within ${REGISTERED_SOURCES_TTL_MS / 1000} seconds. Sources under ${RELAYED_SOURCE_PREFIX} belong to the gateway.
Event types: ${DEVICE_EVENT_TYPES.join(', ')}`;

export type TrackerSourcesCommand =
  | { command: 'help' }
  | { command: 'add'; registration: KafkaSourceRegistration }
  | { command: 'list' }
  | { command: 'retire'; source: string }
  | { command: 'seed-local' };

export class TrackerSourcesUsageError extends CodedError<'TRACKER_SOURCES.USAGE'> {
  constructor(message: string) {
    super('TRACKER_SOURCES.USAGE', message);
  }
}

/** The tracker's source commands, checked; nothing is looked up in the database. */
export function parseTrackerSourcesArgs(argv: readonly string[]): TrackerSourcesCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help') return { command: 'help' };
  const { values, positionals } = parseOptions(rest);
  switch (command) {
    case 'add':
      if (positionals.length > 0) throw new TrackerSourcesUsageError('add takes options only');
      return { command, registration: registrationOf(values) };
    case 'retire':
      if (positionals.length !== 1 || Object.keys(values).length > 0) {
        throw new TrackerSourcesUsageError('retire takes one source');
      }
      return { command, source: sourceOf(positionals[0]) };
    case 'list':
    case 'seed-local':
      if (positionals.length > 0 || Object.keys(values).length > 0) {
        throw new TrackerSourcesUsageError(`${command} takes no arguments`);
      }
      return { command };
    default:
      throw new TrackerSourcesUsageError(`unknown command ${command}`);
  }
}

type Values = ReturnType<typeof parseOptions>['values'];

function registrationOf(values: Values): KafkaSourceRegistration {
  const displayName = values.name?.trim();
  if (!displayName) throw new TrackerSourcesUsageError('--name is required');
  if (values.source === undefined) throw new TrackerSourcesUsageError('--source is required');
  return {
    source: sourceOf(values.source),
    displayName,
    eventTypes: eventTypesOf(values.types),
    workshopIds: scopeListOf('workshops', values.workshops),
    siteIds: scopeListOf('sites', values.sites),
    resaleChannels: scopeListOf('channels', values.channels),
  };
}

/** Compared with events' `source` as the contract normalises it, so stored the same way. */
function sourceOf(text: string): string {
  const source = normaliseText(text);
  if (source === '') throw new TrackerSourcesUsageError('the source must not be blank');
  if (isRelayedSource(source)) {
    throw new TrackerSourcesUsageError(
      `${RELAYED_SOURCE_PREFIX}... is the gateway's: its partners are managed with npm run gateway:partners`,
    );
  }
  return source;
}

function eventTypesOf(text: string | undefined): DeviceEventType[] {
  const types = listOf(text);
  if (types.length === 0) throw new TrackerSourcesUsageError('--types must list at least one event type');
  const unknown = types.filter((type) => !(DEVICE_EVENT_TYPES as readonly string[]).includes(type));
  if (unknown.length > 0) throw new TrackerSourcesUsageError(`unknown event type ${unknown.join(', ')}`);
  return [...new Set(types)] as DeviceEventType[];
}

/** `*` alone means any value; left out, nothing. */
function scopeListOf(option: string, text: string | undefined): string[] {
  const values = [...new Set(listOf(text))];
  if (values.includes('*') && values.length > 1) {
    throw new TrackerSourcesUsageError(`--${option}: * means any value and stands alone`);
  }
  return values;
}

function listOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((value) => normaliseText(value))
    .filter((value) => value.length > 0);
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        source: { type: 'string' },
        name: { type: 'string' },
        types: { type: 'string' },
        workshops: { type: 'string' },
        sites: { type: 'string' },
        channels: { type: 'string' },
      },
    });
  } catch (error) {
    // parseArgs reports unknown options and missing values as TypeErrors.
    throw new TrackerSourcesUsageError((error as Error).message);
  }
}

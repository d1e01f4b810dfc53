import { parseArgs } from 'node:util';
import { PartnerRole } from '../delivery/partner-role';
import { FunnelRates, SimulationOptions } from '../simulation-options';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';

export type Door = 'kafka' | 'gateway' | 'none';

export interface SimulateCommand {
  help: boolean;
  simulation: SimulationOptions;
  via: Door;
  ratePerSecond?: number;
  batchSize?: number;
  gatewayUrl?: string;
  /** Keys given on the command line; `--key` fills every role not given its own. */
  keys: Partial<Record<PartnerRole, string>>;
}

export const SIMULATE_USAGE = `Usage: npm run simulate -- [options]

Simulates a year of a refurbisher's device lifecycles and sends the events to the pipeline, then prints
a JSON summary (counts and the outcomes the pipeline should reach). Same seed and options, same events.

  --devices <n>            devices to simulate (default 3000)
  --seed <n>               seed, 0..4294967295 (default 42)
  --via kafka|gateway|none produce to Kafka (KAFKA_BROKERS), post to the gateway, or only print the
                           summary (default none)
  --days <n>               length of the window of occurrence times (default 365)
  --until <date>           end of the window, ISO-8601 (default: the start of the current UTC day)
  --rate <events/s>        target rate (default: as fast as the receiver takes them)
  --batch-size <n>         deliveries per Kafka batch or gateway request (default 500; gateway max 1000)

Gateway (--via gateway):
  --gateway-url <url>      default SIMULATOR_GATEWAY_URL or http://127.0.0.1:3000
  --collection-key <key>   API key of a partner allowed device.collected (or SIMULATOR_COLLECTION_KEY)
  --workshop-key <key>     ... allowed the workshop types (or SIMULATOR_WORKSHOP_KEY)
  --resale-key <key>       ... allowed device.resold and device.returned (or SIMULATOR_RESALE_KEY)
  --key <key>              one key for every role (a partner allowed every type)

Rates (probabilities in [0, 1]):
  --refurbishable <p>      diagnosed devices refurbished rather than recycled (default 0.7)
  --returns <p>            resales returned (default 0.04)
  --duplicates <p>         events delivered twice (default 0.01)
  --late <p>               events delivered days late, out of order (default 0.05)
  --malformed <p>          events also sent in a broken form (default 0.005)
  --conflicts <p>          resold cycles sold a second time (default 0.002)
  --second-life <p>        resold devices that come back for another cycle (default 0.02)

  --help                   this text`;

const RATE_FLAGS: Readonly<Record<string, keyof FunnelRates>> = {
  refurbishable: 'refurbishable',
  returns: 'returns',
  duplicates: 'duplicates',
  late: 'late',
  malformed: 'malformed',
  conflicts: 'conflictingResales',
  'second-life': 'secondLife',
};

const STRING_FLAGS = [
  'devices',
  'seed',
  'via',
  'days',
  'until',
  'rate',
  'batch-size',
  'gateway-url',
  'collection-key',
  'workshop-key',
  'resale-key',
  'key',
  ...Object.keys(RATE_FLAGS),
];

function usageError(message: string): SimulatorException {
  return new SimulatorException(SimulatorErrorCode.INVALID_ARGUMENTS, message);
}

function numberFlag(values: Record<string, string | undefined>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value))
    throw usageError(`--${name} must be a number, got ${raw}`);
  return value;
}

function integerFlag(values: Record<string, string | undefined>, name: string): number | undefined {
  const value = numberFlag(values, name);
  if (value !== undefined && !Number.isInteger(value)) throw usageError(`--${name} must be a whole number`);
  return value;
}

function parseDoor(raw: string | undefined): Door {
  if (raw === undefined) return 'none';
  if (raw === 'kafka' || raw === 'gateway' || raw === 'none') return raw;
  throw usageError(`--via must be kafka, gateway or none, got ${raw}`);
}

/** The command a `simulate` command line asks for; ranges are checked by the simulation and the sinks. */
export function parseSimulateArgs(argv: readonly string[]): SimulateCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        ...Object.fromEntries(STRING_FLAGS.map((name) => [name, { type: 'string' as const }])),
        help: { type: 'boolean' as const },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    // parseArgs reports unknown flags, missing values and stray arguments as TypeErrors.
    throw usageError((error as Error).message);
  }
  const strings = Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const rates: Partial<FunnelRates> = {};
  for (const [flag, rate] of Object.entries(RATE_FLAGS)) {
    const value = numberFlag(strings, flag);
    if (value !== undefined) rates[rate] = value;
  }
  const simulation: SimulationOptions = {
    seed: integerFlag(strings, 'seed') ?? 42,
    devices: integerFlag(strings, 'devices') ?? 3000,
    rates,
  };
  const days = integerFlag(strings, 'days');
  if (days !== undefined) simulation.days = days;
  if (strings.until !== undefined) simulation.until = strings.until;

  const keys: Partial<Record<PartnerRole, string>> = {};
  for (const role of ['collection', 'workshop', 'resale'] as const) {
    const key = strings[`${role}-key`] ?? strings.key;
    if (key !== undefined) keys[role] = key;
  }
  return {
    help: values.help === true,
    simulation,
    via: parseDoor(strings.via),
    ratePerSecond: numberFlag(strings, 'rate'),
    batchSize: integerFlag(strings, 'batch-size'),
    gatewayUrl: strings['gateway-url'],
    keys,
  };
}

import 'reflect-metadata';
import { loadConfig } from '@refurb/config';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { PARTNER_ROLES, PartnerRole } from '../delivery/partner-role';
import { ProgressBar } from '../progress/progress-bar';
import { sendToGateway } from '../sinks/gateway-sink';
import { sendToKafka } from '../sinks/kafka-sink';
import { Simulation } from '../simulation';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import { parseSimulateArgs, SimulateCommand, SIMULATE_USAGE } from './simulate-args';
import { SimulatorEnv } from './simulator.env';

const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:3000';

const LEVEL_NAMES: Readonly<Record<number, string>> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs logs go to stderr: stdout carries only the JSON summary, so it can be piped. */
function stderrLogger() {
  return ({ namespace, level, log }: LogEntry) =>
    process.stderr.write(`[kafkajs ${LEVEL_NAMES[level] ?? level}] ${namespace}: ${log.message}\n`);
}

function gatewayKeys(command: SimulateCommand, env: SimulatorEnv): Record<PartnerRole, string> {
  const fromEnv: Record<PartnerRole, string | undefined> = {
    collection: env.SIMULATOR_COLLECTION_KEY,
    workshop: env.SIMULATOR_WORKSHOP_KEY,
    resale: env.SIMULATOR_RESALE_KEY,
  };
  const keys = {} as Record<PartnerRole, string>;
  for (const role of PARTNER_ROLES) {
    const key = command.keys[role] ?? fromEnv[role];
    if (key === undefined || key.trim() === '') {
      throw new SimulatorException(
        SimulatorErrorCode.INVALID_ARGUMENTS,
        `--via gateway needs an API key for the ${role} role: --${role}-key, --key or SIMULATOR_${role.toUpperCase()}_KEY`,
      );
    }
    keys[role] = key.trim();
  }
  return keys;
}

type Sink = (simulation: Simulation, onProgress: (sent: number) => void) => Promise<unknown>;

/** The sink the command asks for, with every setting checked before anything is generated or sent. */
function sinkFor(command: SimulateCommand): Sink {
  const env = loadConfig(SimulatorEnv);
  const common = { batchSize: command.batchSize, ratePerSecond: command.ratePerSecond };
  if (command.via === 'gateway') {
    const url = command.gatewayUrl ?? env.SIMULATOR_GATEWAY_URL ?? DEFAULT_GATEWAY_URL;
    const keys = gatewayKeys(command, env);
    return (simulation, onProgress) =>
      sendToGateway(simulation.deliveries(), { ...common, onProgress, url, keys });
  }
  const kafka = new Kafka({
    // A Kafka-native partner: deployed against a secured cluster, it runs with the partner's principal.
    ...env.kafkaClient('simulator'),
    logLevel: logLevel.WARN,
    logCreator: stderrLogger,
  });
  const topicLayout = {
    partitions: env.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
  };
  return (simulation, onProgress) =>
    sendToKafka(simulation.deliveries(), { ...common, onProgress, kafka, topicLayout });
}

/** `npm run simulate -- --devices 3000 --seed 42 --via kafka|gateway|none [...]`; see SIMULATE_USAGE. */
async function main(argv: readonly string[]): Promise<void> {
  const command = parseSimulateArgs(argv);
  if (command.help) {
    console.log(SIMULATE_USAGE);
    return;
  }
  const sink = command.via === 'none' ? undefined : sinkFor(command);
  const simulation = new Simulation(command.simulation);
  const summary = simulation.summary();
  let delivery: unknown = null;
  if (sink) {
    const progress = new ProgressBar({ label: `simulate via ${command.via}`, total: summary.deliveries });
    try {
      delivery = await sink(simulation, (sent) => progress.update(sent));
    } finally {
      progress.finish();
    }
  }
  console.log(JSON.stringify({ summary, delivery }, null, 2));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof SimulatorException && error.code === SimulatorErrorCode.INVALID_ARGUMENTS;
  // A configuration error's message names every bad variable.
  console.error(`simulate: ${error instanceof Error ? error.message : String(error)}`);
  if (usage) console.error(`\n${SIMULATE_USAGE}`);
  process.exitCode = usage ? 2 : 1;
});

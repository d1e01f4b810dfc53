import { join, relative } from 'node:path';
import { localStackBroker } from './local-brokers';
import { createTrackerKey } from './operator-cli';
import { ServiceProcess, ServiceSpec } from './service-process';

export interface LocalStackOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Each service's output goes to `<logDir>/<service>.log`, and to the terminal only with `logsToConsole`. */
  logDir?: string;
  logsToConsole?: boolean;
}

const SERVICES: readonly ServiceSpec[] = [
  { name: 'gateway', port: 3000 },
  { name: 'tracker', port: 3001 },
  { name: 'issuance', port: 3002 },
];

const PORT_VARIABLE: Record<ServiceSpec['name'], string> = {
  gateway: 'GATEWAY_PORT',
  tracker: 'TRACKER_PORT',
  issuance: 'ISSUANCE_PORT',
};

/**
 * The whole pipeline on one machine: a local Kafka broker (unless KAFKA_BROKERS names a cluster),
 * then the three built services, each healthy before `start` resolves.
 */
export class LocalStack {
  readonly services: ServiceProcess[];
  private startedBroker = false;
  private readonly env: NodeJS.ProcessEnv;
  private readonly log: (line: string) => void;

  constructor(private readonly options: LocalStackOptions = {}) {
    this.env = { ...(options.env ?? process.env) };
    this.log = options.log ?? ((line) => console.log(line));
    const quiet = options.logDir !== undefined && !options.logsToConsole;
    this.services = SERVICES.map((spec) => {
      const port = Number(this.env[PORT_VARIABLE[spec.name]] ?? spec.port);
      const logFile = options.logDir === undefined ? undefined : join(options.logDir, `${spec.name}.log`);
      return new ServiceProcess({ ...spec, port }, this.env, quiet ? () => undefined : undefined, {
        logFile,
      });
    });
  }

  async start(): Promise<void> {
    if (!this.env.KAFKA_BROKERS) {
      const broker = localStackBroker();
      const outcome = await broker.start(this.log);
      this.startedBroker = outcome === 'started';
      this.log(
        `Kafka ${broker.bootstrapServer} ${outcome === 'started' ? 'started' : 'already running, reused'}`,
      );
      this.env.KAFKA_BROKERS = broker.bootstrapServer;
    }
    this.printLogFiles();
    await this.provideStationTrackerKey();
    await this.provideAuditorTrackerKey();
    // Started one after another: the first migrates and provisions topics, the others find them done.
    for (const service of this.services) {
      service.start();
      await service.waitUntilHealthy();
      this.log(`${service.spec.name.padEnd(9)} healthy  ${service.url}/health`);
    }
  }

  /**
   * The gateway's scan station reads devices from the tracker with a `station` key: made here (the
   * tracker's CLI migrates its schema first) unless one is configured, as an operator would with
   * `npm run tracker:keys -- create --role station`.
   */
  private async provideStationTrackerKey(): Promise<void> {
    if (this.env.GATEWAY_TRACKER_API_KEY || this.env.GATEWAY_TRACKER_API_KEY_FILE) return;
    this.env.GATEWAY_TRACKER_URL ??= this.service('tracker').url;
    this.env.GATEWAY_TRACKER_API_KEY = await createTrackerKey(this.env, 'station', 'local-stack');
  }

  /**
   * Issuance's verifier drill-down reads a line's device from the tracker with an `auditor` key, made
   * here unless one is configured (`npm run tracker:keys -- create --role auditor`).
   */
  private async provideAuditorTrackerKey(): Promise<void> {
    if (this.env.ISSUANCE_TRACKER_API_KEY || this.env.ISSUANCE_TRACKER_API_KEY_FILE) return;
    this.env.ISSUANCE_TRACKER_URL ??= this.service('tracker').url;
    this.env.ISSUANCE_TRACKER_API_KEY = await createTrackerKey(this.env, 'auditor', 'local-stack');
  }

  private printLogFiles(): void {
    const files = this.services.flatMap((service) => (service.logFile ? [shortPath(service.logFile)] : []));
    if (files.length === 0) return;
    const hint = this.options.logsToConsole ? '' : '  (--logs shows them here as well)';
    this.log(`Service logs (JSON lines): ${files.join('  ')}${hint}`);
  }

  /** The environment the services run with (KAFKA_BROKERS filled in once the broker is known). */
  get environment(): NodeJS.ProcessEnv {
    return this.env;
  }

  service(name: ServiceSpec['name']): ServiceProcess {
    const found = this.services.find((service) => service.spec.name === name);
    if (!found) throw new Error(`No service ${name}`);
    return found;
  }

  async stop(): Promise<void> {
    await Promise.all(this.services.map((service) => service.stop()));
    if (this.startedBroker) await localStackBroker().stop();
  }
}

/** Relative to the working directory when under it, as a person would type it. */
function shortPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') || fromHere === '' ? path : fromHere;
}

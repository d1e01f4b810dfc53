import { localStackBroker } from './local-brokers';
import { ServiceProcess, ServiceSpec } from './service-process';

export interface LocalStackOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
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

  constructor(options: LocalStackOptions = {}) {
    this.env = { ...(options.env ?? process.env) };
    this.log = options.log ?? ((line) => console.log(line));
    this.services = SERVICES.map((spec) => {
      const port = Number(this.env[PORT_VARIABLE[spec.name]] ?? spec.port);
      return new ServiceProcess({ ...spec, port }, this.env);
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
    // Started one after another: the first migrates and provisions topics, the others find them done.
    for (const service of this.services) {
      service.start();
      await service.waitUntilHealthy();
      this.log(`${service.spec.name.padEnd(9)} healthy  ${service.url}/health`);
    }
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

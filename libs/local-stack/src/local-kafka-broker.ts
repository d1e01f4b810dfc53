import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { KafkaClientSecurity } from '@refurb/config';
import {
  LocalBrokerPorts,
  LOG4J_PROPERTIES,
  SecuredListenerSettings,
  serverProperties,
} from './broker-config';
import { ensureKafkaDistribution } from './kafka-distribution';
import { isKafkaAnswering } from './kafka-probe';
import { runCommand } from './run-command';

export interface LocalBrokerOptions extends LocalBrokerPorts {
  /** Holds the broker's configuration, log, pid file and partitions. */
  dataDir: string;
  heapMb?: number;
  startTimeoutMs?: number;
  /** A SASL_SSL-only broker with ACLs instead of a PLAINTEXT one. */
  security?: LocalBrokerSecurity;
}

export interface LocalBrokerSecurity extends SecuredListenerSettings {
  /** The SCRAM users (SCRAM-SHA-256 and SCRAM-SHA-512 each) written into the metadata at format time. */
  users: { username: string; password: string }[];
}

const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

export type StartOutcome = 'started' | 'already-running';

/**
 * A real single-node Apache Kafka (KRaft) broker run from the jars Maven resolved: no Docker needed.
 * It runs detached, with its pid in the data directory, so a later command can stop it.
 */
export class LocalKafkaBroker {
  constructor(private readonly options: LocalBrokerOptions) {}

  get bootstrapServer(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  /** What a client of the super user needs to talk to a secured broker; nothing for a plaintext one. */
  get adminSecurity(): KafkaClientSecurity {
    const security = this.options.security;
    if (!security) return {};
    return {
      ssl: { ca: [readFileSync(security.tls.caFile, 'utf8')] },
      sasl: { mechanism: 'scram-sha-512', ...security.admin },
    };
  }

  private get pidFile(): string {
    return join(this.options.dataDir, 'broker.pid');
  }

  get logFile(): string {
    return join(this.options.dataDir, 'broker.log');
  }

  async start(log: (line: string) => void = () => undefined): Promise<StartOutcome> {
    if (await isKafkaAnswering(this.bootstrapServer, 3000, this.adminSecurity)) return 'already-running';
    const libDir = await ensureKafkaDistribution(log);
    const { dataDir } = this.options;
    mkdirSync(dataDir, { recursive: true });
    const configFile = join(dataDir, 'server.properties');
    const log4jFile = join(dataDir, 'log4j.properties');
    const partitionsDir = join(dataDir, 'partitions');
    writeFileSync(configFile, serverProperties(this.options, partitionsDir, this.options.security));
    writeFileSync(log4jFile, LOG4J_PROPERTIES);
    const classpath = `${libDir}/*`;
    if (!existsSync(join(partitionsDir, 'meta.properties'))) {
      const clusterId = randomBytes(16).toString('base64url');
      // `--cluster-id=` form: a base64url id may start with '-', which would read as an option.
      await runCommand('java', [
        `-Dlog4j.configuration=file:${log4jFile}`,
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        `--cluster-id=${clusterId}`,
        `--config=${configFile}`,
        ...this.scramArguments(),
      ]);
    }

    log(`Starting Kafka ${this.bootstrapServer} (log: ${this.logFile})`);
    const output = openSync(this.logFile, 'a');
    const broker = spawn(
      'java',
      [
        `-Xmx${this.options.heapMb ?? 768}m`,
        '-XX:+UseG1GC',
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=file:${log4jFile}`,
        '-cp',
        classpath,
        'kafka.Kafka',
        configFile,
      ],
      { detached: true, stdio: ['ignore', output, output] },
    );
    closeSync(output);
    broker.unref();
    writeFileSync(this.pidFile, String(broker.pid));
    let exitCode: number | null | undefined;
    broker.once('exit', (code) => (exitCode = code));

    const deadline = Date.now() + (this.options.startTimeoutMs ?? 90_000);
    while (Date.now() < deadline) {
      if (exitCode !== undefined)
        throw new Error(`Kafka exited with ${exitCode} while starting:\n${this.logTail()}`);
      if (await isKafkaAnswering(this.bootstrapServer, 1000, this.adminSecurity)) return 'started';
      await sleep(500);
    }
    await this.stop();
    throw new Error(`Kafka did not answer on ${this.bootstrapServer} in time:\n${this.logTail()}`);
  }

  /** Stops the broker this data directory started (SIGTERM, then SIGKILL after the grace period). */
  async stop(graceMs = 30_000): Promise<boolean> {
    if (!existsSync(this.pidFile)) return false;
    const pid = Number(readFileSync(this.pidFile, 'utf8'));
    rmSync(this.pidFile, { force: true });
    if (!isAlive(pid)) return false;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(200);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(100);
    return true;
  }

  /** Stops the broker and deletes every partition: the next start is a brand-new cluster. */
  async reset(): Promise<void> {
    await this.stop();
    rmSync(this.options.dataDir, { recursive: true, force: true });
  }

  /** SCRAM credentials live in the cluster metadata: a KRaft cluster gets its first ones when formatted. */
  private scramArguments(): string[] {
    const security = this.options.security;
    if (!security) return [];
    return [security.admin, ...security.users].flatMap(({ username, password }) =>
      SCRAM_MECHANISMS.flatMap((mechanism) => [
        '--add-scram',
        `${mechanism}=[name=${username},password=${password}]`,
      ]),
    );
  }

  private logTail(): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8').slice(-3000) : '(no log)';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: no such process.
    return false;
  }
}

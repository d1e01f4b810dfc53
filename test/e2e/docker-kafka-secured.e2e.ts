import { cacheDir, KafkaClientSecurity, KafkaEnv, loadConfig } from '@refurb/config';
import { TOPICS } from '@refurb/contracts';
import { createKafka } from '@refurb/kafka';
import {
  ensureKafkaDistribution,
  isKafkaAnswering,
  LOG4J_PROPERTIES,
  runCommand,
  testBrokerPort,
} from '@refurb/local-stack';
import { eventually } from '@refurb/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compose, environmentOf, namedVolumeOf, repositoryRoot } from '../support/compose-file';
import { kafkaErrorTypes } from '../support/kafka-error-types';

/**
 * The compose broker without Docker: docker/kafka's two scripts run here as compose runs them, with
 * stand-ins for the image's kafka-storage.sh and kafka-server-start.sh that run the same Kafka 3.9 classes
 * from the tests' Maven jars. Then the built kafka-access provisions it with compose's settings, and each
 * service connects with its compose settings: only paths and the address differ from the containers.
 */
describe('docker/kafka: the secured compose broker, its secrets, its ACLs', () => {
  const port = testBrokerPort() + 30;
  const dir = join(cacheDir(), 'kafka-data', `compose-${port}`);
  const secretsDir = join(dir, 'secrets');
  const kafkaHome = join(dir, 'kafka');
  let broker: ChildProcess | undefined;
  let libDir: string;

  /** The scripts' environment: compose's, plus where this machine keeps what the image keeps elsewhere. */
  function scriptEnv(service: string): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ...environmentOf(service),
      SECRETS_DIR: secretsDir,
      KAFKA_HOME: kafkaHome,
      DATA_DIR: join(dir, 'data'),
      ADVERTISED_HOST: 'localhost',
      INTERNAL_PORT: String(port),
      CONTROLLER_PORT: String(port + 1),
      HOST_PORT: String(port + 2),
    };
  }

  /** A compose service's environment with the secrets volume and the broker address of this machine. */
  function clientEnv(service: string): Record<string, string> {
    const mount = namedVolumeOf(service, 'kafka-secrets')!.target;
    return Object.fromEntries(
      Object.entries(environmentOf(service)).map(([name, value]) => [
        name,
        value.replace(mount, secretsDir).replace('kafka:9092', `localhost:${port}`),
      ]),
    );
  }

  function adminSecurity(): KafkaClientSecurity {
    return {
      ssl: { ca: [readFileSync(join(secretsDir, 'ca.pem'), 'utf8')] },
      sasl: {
        mechanism: 'scram-sha-512',
        username: 'admin',
        password: readFileSync(join(secretsDir, 'admin.password'), 'utf8'),
      },
    };
  }

  /** The compose health check, against this machine's address. */
  async function healthy(): Promise<boolean> {
    const [, check] = (compose.services.kafka as { healthcheck?: { test: string[] } }).healthcheck!.test;
    const commandConfig = /--command-config (\S+)/.exec(check)![1].replace('/opt/kafka', kafkaHome);
    return runCommand('java', [
      `-Dlog4j.configuration=file:${join(dir, 'log4j.properties')}`,
      '-cp',
      `${libDir}/*`,
      'kafka.admin.BrokerApiVersionsCommand',
      '--bootstrap-server',
      `localhost:${port}`,
      '--command-config',
      commandConfig,
    ]).then(
      () => true,
      () => false,
    );
  }

  beforeAll(async () => {
    libDir = await ensureKafkaDistribution();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(kafkaHome, 'bin'), { recursive: true });
    mkdirSync(secretsDir, { recursive: true });
    writeFileSync(join(dir, 'log4j.properties'), LOG4J_PROPERTIES);
    const java = `exec java -Xmx256m -Dlog4j.configuration=file:${join(dir, 'log4j.properties')} -cp '${libDir}/*'`;
    writeFileSync(join(kafkaHome, 'bin', 'kafka-storage.sh'), `${java} kafka.tools.StorageTool "$@"\n`, {
      mode: 0o755,
    });
    writeFileSync(join(kafkaHome, 'bin', 'kafka-server-start.sh'), `${java} kafka.Kafka "$@"\n`, {
      mode: 0o755,
    });

    const script = (name: string) => join(repositoryRoot, 'docker', 'kafka', name);
    await runCommand('bash', [script('make-secrets.sh')], { env: scriptEnv('kafka-secrets') });
    const logFile = join(dir, 'broker.log');
    const log = openSync(logFile, 'a');
    broker = spawn('bash', [script('secured-broker.sh')], {
      env: scriptEnv('kafka'),
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const exited = new Promise<never>((_resolve, reject) =>
      broker!.once('exit', (code) =>
        reject(new Error(`the broker exited with ${code}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`)),
      ),
    );
    exited.catch(() => undefined);
    await Promise.race([
      exited,
      // A kafkajs probe first: each run of the health check's command is a JVM that may wait a minute.
      eventually(() => isKafkaAnswering(`localhost:${port}`, 3000, adminSecurity()), Boolean, {
        timeoutMs: 180_000,
        intervalMs: 1000,
        what: 'the broker to answer the admin',
      }).catch((error: Error) => {
        throw new Error(`${error.message}; broker log:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
      }),
    ]);
    expect(await healthy()).toBe(true);

    await runCommand(
      'node',
      [join(repositoryRoot, 'dist', 'libs', 'local-stack', 'src', 'kafka-access.cli.js')],
      {
        env: { ...process.env, ...clientEnv('kafka-access') },
      },
    );
  }, 300_000);

  afterAll(async () => {
    // The script exec'd into the broker: this is the broker's own process.
    if (broker?.exitCode === null) {
      const exited = new Promise((resolve) => broker!.once('exit', resolve));
      broker.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it.each(['gateway', 'tracker', 'issuance'])(
    '%s connects with its compose settings and sees the topics it lists at start-up',
    async (service) => {
      const admin = createKafka(loadConfig(KafkaEnv, clientEnv(service)).kafkaClient(service)).admin();
      await admin.connect();
      try {
        const visible = await admin.listTopics();
        const expected = {
          gateway: TOPICS.collection,
          tracker: TOPICS.credited,
          issuance: TOPICS.batches,
        }[service]!;
        expect(visible).toContain(expected);
      } finally {
        await admin.disconnect();
      }
    },
  );

  it('lets the tracker write credit records and refuses the partner principal', async () => {
    const partnerPassword = join(secretsDir, 'partner.password');
    const asPrincipal = (service: string, overrides: Record<string, string> = {}) =>
      createKafka(loadConfig(KafkaEnv, { ...clientEnv(service), ...overrides }).kafkaClient(service), {
        retries: 1,
      }).producer();
    const tracker = asPrincipal('tracker');
    const partner = asPrincipal('tracker', {
      KAFKA_SASL_USERNAME: 'partner',
      KAFKA_SASL_PASSWORD_FILE: partnerPassword,
    });
    await Promise.all([tracker.connect(), partner.connect()]);
    try {
      const message = { topic: TOPICS.credited, acks: -1, messages: [{ value: 'compose-test' }] };
      await expect(tracker.send(message)).resolves.toHaveLength(1);
      const refusal = await partner.send(message).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(kafkaErrorTypes(refusal)).toContain('TOPIC_AUTHORIZATION_FAILED');
    } finally {
      await Promise.all([tracker.disconnect(), partner.disconnect()]);
    }
  });
});

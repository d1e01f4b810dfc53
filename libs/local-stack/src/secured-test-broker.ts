import { cacheDir } from '@refurb/config';
import { KAFKA_PRINCIPALS } from '@refurb/kafka';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { testBrokerPort } from './local-brokers';
import { LocalKafkaBroker } from './local-kafka-broker';
import { ensureLocalKafkaTls, LocalKafkaTlsFiles } from './local-kafka-tls';

/** The super user of the secured test broker: it creates the topics and the ACLs. */
export const SECURED_BROKER_ADMIN = 'admin';

/**
 * A broker that takes clients on SASL_SSL only, with ACLs and nothing allowed by default, and a SCRAM
 * user for every principal of the ACL table. Twenty ports above the shared test broker; the test owns its
 * whole life (`reset()` before and after). Passwords are made afresh for each instance: the broker is
 * formatted with them at its first start.
 */
export class SecuredTestBroker {
  readonly broker: LocalKafkaBroker;
  private readonly passwords = new Map<string, string>();

  private constructor(
    private readonly tls: LocalKafkaTlsFiles,
    env: NodeJS.ProcessEnv,
  ) {
    for (const name of [SECURED_BROKER_ADMIN, ...KAFKA_PRINCIPALS]) this.passwords.set(name, newPassword());
    const port = testBrokerPort(env) + 20;
    this.broker = new LocalKafkaBroker({
      port,
      controllerPort: port + 1,
      dataDir: join(cacheDir(env), 'kafka-data', `secured-${port}`),
      heapMb: 384,
      security: {
        tls,
        admin: { username: SECURED_BROKER_ADMIN, password: this.password(SECURED_BROKER_ADMIN) },
        controllerPassword: newPassword(),
        users: KAFKA_PRINCIPALS.map((username) => ({ username, password: this.password(username) })),
      },
    });
  }

  static async create(env: NodeJS.ProcessEnv = process.env): Promise<SecuredTestBroker> {
    return new SecuredTestBroker(await ensureLocalKafkaTls(env), env);
  }

  get bootstrapServer(): string {
    return this.broker.bootstrapServer;
  }

  get caFile(): string {
    return this.tls.caFile;
  }

  password(username: string): string {
    const password = this.passwords.get(username);
    if (password === undefined) throw new Error(`the secured test broker has no user ${username}`);
    return password;
  }

  /** The Kafka variables a service (or CLI) is deployed with to connect as `username`. */
  clientEnv(username: string, mechanism = 'scram-sha-512'): Record<string, string> {
    return {
      KAFKA_BROKERS: this.bootstrapServer,
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SSL_CA_FILE: this.tls.caFile,
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: username,
      KAFKA_SASL_PASSWORD: this.password(username),
    };
  }
}

function newPassword(): string {
  // base64url: nothing a JAAS line or a --add-scram argument would need quoted.
  return randomBytes(18).toString('base64url');
}

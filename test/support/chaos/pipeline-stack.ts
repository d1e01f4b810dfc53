import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import {
  createIssuanceKey,
  pipelineSettled,
  PipelineGroups,
  seedGatewayPartners,
  seedIssuanceProjects,
  ServiceProcess,
  ServiceSpec,
} from '@refurb/local-stack';
import { freePort, highWatermarks, PartitionOffset, provisionAllTopics, TestDatabase } from '@refurb/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { ISSUANCE_MIGRATIONS } from '../../../apps/issuance/src/migrations';
import { TRACKER_MIGRATIONS } from '../../../apps/tracker/src/migrations';
import { seedConsumerOffsets } from '../consumer-progress';
import { migrateService, TRACKER_OFFSETS } from '../tracker-database';
import { registerKafkaSources, testKafkaSources } from '../tracker-sources';

export type ServiceName = ServiceSpec['name'];
export const SERVICE_NAMES: readonly ServiceName[] = ['gateway', 'tracker', 'issuance'];

export interface PipelineStackOptions {
  label: string;
  brokers: string[];
  /** Every line the three services print, prefixed with the service's name. */
  output: (line: string) => void;
  /** Extra environment for the services. */
  env?: NodeJS.ProcessEnv;
}

/**
 * The three built services as processes on a database of their own, with consumer groups that start at
 * the topics' current ends (so whatever earlier tests left on a shared broker never enters its batches),
 * the demo partners and projects seeded, and a finance key.
 */
export class PipelineStack {
  private constructor(
    readonly label: string,
    readonly database: TestDatabase,
    readonly kafka: Kafka,
    readonly groups: PipelineGroups,
    readonly env: NodeJS.ProcessEnv,
    readonly services: Readonly<Record<ServiceName, ServiceProcess>>,
  ) {}

  partnerKeys = new Map<string, string>();
  financeKey = '';
  /** Where the consumer groups started: the topics' ends when the stack started. */
  startAt: PartitionOffset[] = [];

  /** Creates the database and the processes; `start()` runs them. Kept apart so a failed start still cleans up. */
  static async create(options: PipelineStackOptions): Promise<PipelineStack> {
    const kafka = new Kafka({
      brokers: options.brokers,
      clientId: `chaos-${options.label}`,
      logLevel: logLevel.NOTHING,
    });
    const database = await TestDatabase.create(`e2e_chaos_${options.label}`);
    const runId = randomUUID().slice(0, 8);
    const groups = {
      tracker: `chaos-${options.label}-tracker-${runId}`,
      issuance: `chaos-${options.label}-issuance-${runId}`,
    };
    const ports = { gateway: await freePort(), tracker: await freePort(), issuance: await freePort() };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      KAFKA_BROKERS: options.brokers.join(','),
      DATABASE_URL: database.url,
      GATEWAY_PORT: String(ports.gateway),
      TRACKER_PORT: String(ports.tracker),
      ISSUANCE_PORT: String(ports.issuance),
      TRACKER_CONSUMER_GROUP: groups.tracker,
      ISSUANCE_CONSUMER_GROUP: groups.issuance,
    };
    const service = (name: ServiceName) =>
      new ServiceProcess({ name, port: ports[name] }, env, (line) =>
        options.output(`${options.label} ${line}`),
      );
    return new PipelineStack(options.label, database, kafka, groups, env, {
      gateway: service('gateway'),
      tracker: service('tracker'),
      issuance: service('issuance'),
    });
  }

  async start(): Promise<void> {
    await provisionAllTopics(this.kafka);
    // Every topic, so a test can also read what the services published since.
    this.startAt = await this.withAdmin((admin) => highWatermarks(admin, Object.values(TOPICS)));
    await migrateService(this.database, 'tracker', TRACKER_MIGRATIONS);
    // The simulator's Kafka door sends under its Kafka-native sources.
    await registerKafkaSources(this.database, testKafkaSources());
    await migrateService(this.database, 'issuance', ISSUANCE_MIGRATIONS);
    const startOf = (topics: readonly string[]) => this.startAt.filter((o) => topics.includes(o.topic));
    await seedConsumerOffsets(this.database, TRACKER_OFFSETS, this.groups.tracker, startOf(INPUT_TOPICS));
    await seedConsumerOffsets(
      this.database,
      'issuance.consumer_offsets',
      this.groups.issuance,
      startOf([TOPICS.credited]),
    );
    for (const service of Object.values(this.services)) service.start();
    await Promise.all(Object.values(this.services).map((service) => service.waitUntilHealthy()));
    this.partnerKeys = await seedGatewayPartners(this.env);
    await seedIssuanceProjects(this.env);
    this.financeKey = await createIssuanceKey(this.env, 'finance', `chaos-${this.label}`);
  }

  partnerKey(partnerId: string): string {
    const key = this.partnerKeys.get(partnerId);
    if (!key) throw new Error(`seed-local issued no key for ${partnerId}`);
    return key;
  }

  get gatewayUrl(): string {
    return this.services.gateway.url;
  }

  /** Everything sent has gone all the way through (PostgreSQL offsets against the topics' ends, outboxes empty). */
  settled(): Promise<boolean> {
    return this.withAdmin((admin) => pipelineSettled(this.database.url, admin, this.groups));
  }

  /** Every service answers 200 on /health/ready. */
  async ready(): Promise<boolean> {
    const answers = await Promise.all(
      Object.values(this.services).map((service) =>
        fetch(`${service.url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
          (response) => response.ok,
          () => false,
        ),
      ),
    );
    return answers.every(Boolean);
  }

  /** Input messages on the topics that the tracker has not processed yet, and rows waiting in its outbox. */
  async trackerBacklog(): Promise<{ messages: number; outboxRows: number }> {
    const ends = await this.withAdmin((admin) => highWatermarks(admin, INPUT_TOPICS));
    const [{ consumed, outbox }] = await this.database.query<{ consumed: string | null; outbox: string }>(
      `SELECT (SELECT sum(next_offset) FROM ${TRACKER_OFFSETS} WHERE group_id = $1)::text AS consumed,
              (SELECT count(*) FROM tracker.outbox)::text AS outbox`,
      [this.groups.tracker],
    );
    const produced = ends.reduce((sum, o) => sum + BigInt(o.offset), 0n);
    return { messages: Number(produced - BigInt(consumed ?? '0')), outboxRows: Number(outbox) };
  }

  /** Closes every open batch as finance would (POST /v1/batches/{id}/close), in key order, so serials and carry-overs are reproducible. */
  async closeOpenBatches(): Promise<void> {
    const open = await this.database.query<{ id: string }>(
      `SELECT id FROM issuance.batches WHERE state = 'open' ORDER BY project_id, vintage, factor_set_version`,
    );
    for (const { id } of open) {
      const response = await fetch(
        `${this.services.issuance.url}/v1/batches/${encodeURIComponent(id)}/close`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${this.financeKey}` },
        },
      );
      if (!response.ok)
        throw new Error(`closing ${id} answered ${response.status}: ${await response.text()}`);
    }
  }

  /** Kills every process (the test may have left any of them in any state); never throws. */
  async dispose(): Promise<void> {
    await Promise.all(Object.values(this.services).map((service) => service.kill().catch(() => undefined)));
    await this.database
      .drop()
      .catch((error: unknown) => console.error(`dropping ${this.database.name}:`, error));
  }

  async withAdmin<T>(use: (admin: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> {
    // A fresh admin per call: one kept across a broker restart would keep its dead connections.
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return await use(admin);
    } finally {
      await admin.disconnect();
    }
  }
}

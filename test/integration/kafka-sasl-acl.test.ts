import { NestFactory } from '@nestjs/core';
import { KafkaEnv, loadConfig } from '@refurb/config';
import { TOPICS } from '@refurb/contracts';
import { validImei } from '@refurb/contracts/testing';
import { createKafka, KafkaPrincipal, provisionKafkaAccess } from '@refurb/kafka';
import { pipelineSettled, SecuredTestBroker } from '@refurb/local-stack';
import { eventually, TestDatabase } from '@refurb/testing';
import { Admin, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { RedriveDeadLettersHandler } from '../../apps/tracker/src/redrive/redrive-dead-letters.handler';
import { RedriveModule } from '../../apps/tracker/src/redrive/redrive.module';
import { InProcessGateway, startGateway } from '../support/in-process-gateway';
import { kafkaErrorTypes } from '../support/kafka-error-types';
import { InProcessService, startIssuance, startTracker } from '../support/in-process-service';

/**
 * Kafka with TLS, SASL/SCRAM and ACLs: a broker of this test's own takes clients on SASL_SSL only and
 * refuses whatever no ACL grants. Every service runs with its own principal; only the tracker may write
 * credit records and only issuance batch transitions, so a partner holding valid credentials can forge
 * neither.
 */
describe('secured Kafka: each service with its own principal, ACLs on the ledger topics', () => {
  const runId = randomUUID().slice(0, 8);
  const groups = { tracker: `sasl-tracker-${runId}`, issuance: `sasl-issuance-${runId}` };
  let secured: SecuredTestBroker;
  let admin: Admin;
  let database: TestDatabase;
  let gateway: InProcessGateway | undefined;
  let tracker: InProcessService | undefined;
  let issuance: InProcessService | undefined;

  /** A kafkajs client built from the variables a deployment of `principal` would set. */
  function clientOf(principal: string, overrides: Record<string, string> = {}): Kafka {
    const env = loadConfig(KafkaEnv, { ...secured.clientEnv(principal), ...overrides });
    return createKafka(env.kafkaClient(`test-${principal}`), { retries: 2 });
  }

  /** Waits until every service caught up and relayed its outbox: the ledger topics stop moving. */
  async function settled(): Promise<void> {
    await eventually(() => pipelineSettled(database.url, admin, groups), Boolean, {
      timeoutMs: 120_000,
      what: 'the pipeline to settle',
    });
  }

  async function topicEnd(topic: string): Promise<number> {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, offset) => sum + Number(offset.high), 0);
  }

  beforeAll(async () => {
    secured = await SecuredTestBroker.create();
    await secured.broker.reset();
    await secured.broker.start();
    admin = createKafka({
      brokers: [secured.bootstrapServer],
      clientId: 'test-admin',
      ...secured.broker.adminSecurity,
    }).admin();
    await admin.connect();
    await provisionKafkaAccess(admin, { partitions: 3, replicationFactor: 1 }, groups);
    database = await TestDatabase.create('kafka_sasl_acl');
  }, 180_000);

  afterAll(async () => {
    await Promise.all([gateway?.close(), tracker?.close(), issuance?.close()]);
    await admin?.disconnect();
    await secured?.broker.reset();
    await database?.drop();
  }, 60_000);

  it('gateway, tracker and issuance each connect as themselves and carry an event to a credit line', async () => {
    gateway = await startGateway(database, secured.clientEnv('gateway'));
    tracker = await startTracker(database, {
      ...secured.clientEnv('tracker'),
      TRACKER_CONSUMER_GROUP: groups.tracker,
    });
    issuance = await startIssuance(database, {
      ...secured.clientEnv('issuance'),
      ISSUANCE_CONSUMER_GROUP: groups.issuance,
      ISSUANCE_SEED_LOCAL: 'true',
    });
    await gateway.partners.seedDemoPartners();
    const { apiKey } = await gateway.partners.createKey('all-types', 'kafka-sasl-test');

    const deviceId = validImei(7_100_000);
    const response = await fetch(`${gateway.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(refurbishmentCycle(deviceId, runId)),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ accepted: 4, rejected: 0 });

    const lines = await eventually(
      () =>
        database.query<{ kind: string; workshop_id: string }>(
          `SELECT kind, workshop_id FROM issuance.credit_lines WHERE device_id = $1`,
          [deviceId],
        ),
      (rows) => rows.some((row) => row.kind === 'credit'),
      { timeoutMs: 120_000, what: 'the credit line of the device sent through the gateway' },
    );
    expect(lines[0].workshop_id).toBe('ws-paris-01');
  }, 240_000);

  it('a partner (SCRAM-SHA-256) may write an input topic', async () => {
    const producer = clientOf('partner', { KAFKA_SASL_MECHANISM: 'scram-sha-256' }).producer();
    await producer.connect();
    try {
      await expect(
        producer.send({ topic: TOPICS.collection, acks: -1, messages: [{ key: 'k', value: 'not json' }] }),
      ).resolves.toHaveLength(1);
    } finally {
      await producer.disconnect();
    }
  });

  it('the redrive command, as its own principal, reads the dead letters and writes them back', async () => {
    // The tracker dead-letters the partner's message above (not JSON).
    await settled();
    const redrive = await NestFactory.createApplicationContext(
      RedriveModule.forRoot(loadConfig(KafkaEnv, secured.clientEnv('redrive'))),
      { logger: ['error'] },
    );
    try {
      const summary = await redrive
        .get(RedriveDeadLettersHandler)
        .redrive({ sourceTopic: TOPICS.collection, dryRun: false });
      expect(summary).toMatchObject({ selected: 1, redriven: 1 });
    } finally {
      await redrive.close();
    }
  });

  it.each<[string, KafkaPrincipal]>([
    [TOPICS.credited, 'partner'],
    [TOPICS.credited, 'gateway'],
    [TOPICS.credited, 'issuance'],
    [TOPICS.batches, 'partner'],
    [TOPICS.batches, 'gateway'],
    [TOPICS.batches, 'tracker'],
  ])(
    '%s refuses a write by %s with TOPIC_AUTHORIZATION_FAILED, and nothing lands',
    async (topic, principal) => {
      await settled();
      const endBefore = await topicEnd(topic);
      const linesBefore = await database.query(
        `SELECT change_id FROM issuance.credit_lines ORDER BY change_id`,
      );
      const producer = clientOf(principal).producer();
      await producer.connect();
      try {
        const forged = { key: validImei(7_200_000), value: JSON.stringify({ forged: true, by: principal }) };
        const refusal = await producer.send({ topic, acks: -1, messages: [forged] }).then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(kafkaErrorTypes(refusal)).toContain('TOPIC_AUTHORIZATION_FAILED');
      } finally {
        await producer.disconnect();
      }
      expect(await topicEnd(topic)).toBe(endBefore);
      expect(await database.query(`SELECT change_id FROM issuance.credit_lines ORDER BY change_id`)).toEqual(
        linesBefore,
      );
    },
  );

  it('a service deployed with a principal not its own stops at start-up, naming the topics it may not see', async () => {
    await expect(
      startIssuance(database, {
        ...secured.clientEnv('partner'),
        ISSUANCE_CONSUMER_GROUP: groups.issuance,
      }),
    ).rejects.toMatchObject({
      code: 'KAFKA.TOPICS_NOT_PROVISIONED',
      topics: expect.arrayContaining([TOPICS.credited, TOPICS.batches]) as unknown,
    });
  });

  it('refuses a wrong password at authentication', async () => {
    const producer = clientOf('tracker', { KAFKA_SASL_PASSWORD: 'not-the-password' }).producer();
    const refusal = await producer.connect().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
    expect(String(refusal)).toMatch(/SASL SCRAM SHA512 authentication failed/);
    expect(String(refusal)).not.toContain('not-the-password');
  });

  it('no line of the forgeries reached a batch', async () => {
    const lines = await database.query<{ device_id: string }>(`SELECT device_id FROM issuance.credit_lines`);
    expect(lines.map((line) => line.device_id)).not.toContain(validImei(7_200_000));
    expect(new Set(lines.map((line) => line.device_id))).toEqual(new Set([validImei(7_100_000)]));
  });
});

/** The worked example of docs/methodology.md: a smartphone refurbished at ws-paris-01 (project FR-01). */
function refurbishmentCycle(deviceId: string, runId: string): unknown[] {
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const event = (step: string, type: string, minutes: number, data: Record<string, unknown>) => ({
    specversion: '1.0',
    id: `sasl-${runId}-${step}`,
    source: 'ignored-by-the-gateway',
    subject: deviceId,
    type,
    time: minutesAgo(minutes),
    data: { deviceId, ...data },
  });
  return [
    event('col', 'device.collected', 300, {
      category: 'smartphone',
      channel: 'rebox',
      siteId: 'fnac-paris-02',
    }),
    event('rep', 'device.repaired', 240, {
      workshopId: 'ws-paris-01',
      partsReplaced: ['battery'],
      transport: { distanceKm: 450, mode: 'road' },
    }),
    event('ref', 'device.refurbished', 200, {
      workshopId: 'ws-paris-01',
      grade: 'A',
      erasureCertificateId: `cert-${runId}`,
    }),
    event('sale', 'device.resold', 120, { orderId: `order-${runId}`, channel: 'backmarket', country: 'FR' }),
  ];
}

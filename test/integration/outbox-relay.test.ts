import { DEAD_LETTER_MAX_MESSAGE_BYTES, TOPICS } from '@refurb/contracts';
import { openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { createKafka, KafkaProducerService, OutboxMessage, OutboxRelay, OutboxWriter } from '@refurb/kafka';
import {
  highWatermarks,
  KafkaTestClient,
  PartitionOffset,
  provisionAllTopics,
  readRange,
  TestDatabase,
  testKafkaBrokers,
} from '@refurb/testing';
import { ConfigResourceTypes } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';

const OUTBOX = 'tracker.outbox';

describe('outbox relay: everything written is produced, whatever the size of what piled up', () => {
  const kafka = new KafkaTestClient();
  let database: TestDatabase;
  let dataSource: DataSource;
  let producer: KafkaProducerService;
  let topic: string;
  let largeRecordTopic: string;
  let start: PartitionOffset[];

  beforeAll(async () => {
    database = await TestDatabase.create('outbox_relay');
    dataSource = await openServiceDataSource(
      serviceDataSourceOptions(
        { url: database.url },
        { schema: 'tracker', entities: [], migrations: TRACKER_MIGRATIONS },
      ),
    );
    producer = new KafkaProducerService(
      createKafka({ brokers: testKafkaBrokers(), clientId: 'outbox-relay-test' }),
    );
    // One partition with the broker's default record limit (a replay's backlog), and one with room for
    // large records (a dead letter).
    topic = `outbox-relay-test-${randomUUID()}`;
    largeRecordTopic = `${topic}-large`;
    const admin = kafka.kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic, numPartitions: 1 },
        {
          topic: largeRecordTopic,
          numPartitions: 1,
          configEntries: [{ name: 'max.message.bytes', value: String(DEAD_LETTER_MAX_MESSAGE_BYTES) }],
        },
      ],
      waitForLeaders: true,
    });
    start = await highWatermarks(admin, [topic, largeRecordTopic]);
    await admin.disconnect();
  });

  afterAll(async () => {
    await producer?.onApplicationShutdown();
    await kafka.close();
    await dataSource?.destroy();
    await database?.drop();
  });

  it('splits a backlog bound for one partition into requests the broker accepts, in order', async () => {
    // 1,500 credit-sized records (3 MiB) for one partition, then one record larger than a request budget.
    const messages: OutboxMessage[] = Array.from({ length: 1500 }, (_, index) => ({
      topic,
      key: 'imei:356938035643809',
      value: Buffer.from(JSON.stringify({ index, padding: 'x'.repeat(2000) })),
      headers: { 'ce-id': `record-${index}` },
    }));
    const large: OutboxMessage = {
      topic: largeRecordTopic,
      key: null,
      value: Buffer.alloc(1_500_000, 'y'),
      headers: { 'ce-id': 'large' },
    };
    const more = messages.slice(0, 3).map((message) => ({ ...message, headers: { 'ce-id': 'after-large' } }));
    messages.push(large, ...more);
    await dataSource.transaction((manager) => new OutboxWriter(OUTBOX).append(manager, messages));

    const relay = new OutboxRelay(dataSource, producer, { table: OUTBOX });
    expect(await relay.drain()).toBe(messages.length);
    expect(await database.query(`SELECT id FROM ${OUTBOX}`)).toEqual([]);

    const admin = kafka.kafka.admin();
    await admin.connect();
    const end = await highWatermarks(admin, [topic, largeRecordTopic]);
    await admin.disconnect();
    const produced = await readRange(kafka.kafka, topic, start, end);
    expect(produced.map((message) => message.headers?.['ce-id']?.toString())).toEqual(
      messages.filter((message) => message !== large).map((message) => message.headers?.['ce-id']),
    );
    const [producedLarge] = await readRange(kafka.kafka, largeRecordTopic, start, end);
    expect(producedLarge.value?.equals(large.value)).toBe(true);
  });

  it('creates the dead-letter topic with room for a full-size refused message and its reasons', async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const { resources } = await admin.describeConfigs({
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: TOPICS.deadLetter, configNames: ['max.message.bytes'] },
      ],
      includeSynonyms: false,
    });
    await admin.disconnect();
    expect(Number(resources[0].configEntries[0].configValue)).toBe(DEAD_LETTER_MAX_MESSAGE_BYTES);
  });
});

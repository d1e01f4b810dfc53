import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaEnv, loadConfig } from '@refurb/config';
import {
  DEFAULT_MAX_CLOCK_SKEW_MS,
  INPUT_TOPICS,
  RejectionCode,
  STRUCTURED_HEADERS,
  TOPICS,
} from '@refurb/contracts';
import { migrateExclusively, openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { validDeviceEvent, validImei } from '@refurb/contracts/testing';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  PartitionOffset,
  produceEach,
  provisionAllTopics,
  readRange,
  SentMessage,
  testKafkaBrokers,
  TestDatabase,
} from '@refurb/testing';
import { KafkaMessage, Producer } from 'kafkajs';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { DeadLetterReader } from '../../apps/tracker/src/redrive/dead-letter.reader';
import { DeadLetterRecord } from '../../apps/tracker/src/redrive/dead-letter-record';
import { RedriveCriteria } from '../../apps/tracker/src/redrive/redrive-criteria';
import { RedriveDeadLettersHandler } from '../../apps/tracker/src/redrive/redrive-dead-letters.handler';
import { RedriveModule } from '../../apps/tracker/src/redrive/redrive.module';
import { seedConsumerOffsets } from '../support/consumer-progress';
import { InProcessTracker, startTracker } from '../support/in-process-service';

const ROOT = join(__dirname, '..', '..');

/** The redrive command as an operator runs it, from source (the built one is the same file compiled). */
function runRedriveCommand(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        'apps/tracker/src/redrive/redrive.cli.ts',
        ...args,
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          TS_NODE_PROJECT: 'tsconfig.json',
          KAFKA_BROKERS: testKafkaBrokers().join(','),
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();

describe('redrive: dead letters go back to their source topic once fixed, and the tracker takes them again', () => {
  const kafka = new KafkaTestClient();
  const runId = `redrive-${randomUUID().slice(0, 8)}`;
  // One device keys every message, so all dead letters of this test share one dead-letter partition
  // and a partition + offset selection isolates them from what earlier tests left on the topic.
  const device = validImei(900_000 + Math.floor(Math.random() * 1000));
  let database: TestDatabase;
  let producer: Producer;
  let tracker: InProcessTracker | undefined;
  let redrive: INestApplicationContext;
  let handler: RedriveDeadLettersHandler;
  let reader: DeadLetterReader;
  let deadLetterStart: PartitionOffset[];

  /** This test's dead letters of `sent`, read back with their partitions and offsets. */
  async function deadLettersOf(sent: SentMessage<string>): Promise<DeadLetterRecord[]> {
    const found: DeadLetterRecord[] = [];
    await reader.readAll(TOPICS.deadLetter, (record) => {
      const header = (name: string) => record.headers[name]?.toString();
      if (
        header('dlq-source-topic') === sent.topic &&
        header('dlq-source-partition') === String(sent.partition) &&
        header('dlq-source-offset') === sent.offset
      ) {
        found.push(record);
      }
    });
    return found;
  }

  async function eventuallyDeadLettered(sent: SentMessage<string>): Promise<DeadLetterRecord> {
    const [letter] = await eventually(
      () => deadLettersOf(sent),
      (letters) => letters.length === 1,
      { what: `the dead letter of ${sent.tag}` },
    );
    return letter;
  }

  /** Selection limited to this test's dead-letter partition, from where it stood when the test began. */
  function ours(
    letter: DeadLetterRecord,
    criteria: Omit<RedriveCriteria, 'partition' | 'fromOffset'>,
  ): RedriveCriteria {
    const start = deadLetterStart.find((p) => p.partition === letter.partition)!;
    return { ...criteria, partition: letter.partition, fromOffset: BigInt(start.offset) };
  }

  /** What arrived on `topic` while `action` ran. */
  async function newOn(topic: string, action: () => Promise<unknown>): Promise<KafkaMessage[]> {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const before = await highWatermarks(admin, [topic]);
      await action();
      return await readRange(kafka.kafka, topic, before, await highWatermarks(admin, [topic]));
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    database = await TestDatabase.create('redrive');
    const migrated = await openServiceDataSource(
      serviceDataSourceOptions(
        { url: database.url },
        { schema: 'tracker', entities: [], migrations: TRACKER_MIGRATIONS },
      ),
    );
    await migrateExclusively(migrated);
    await migrated.destroy();
    const admin = kafka.kafka.admin();
    await admin.connect();
    const groupId = `redrive-${randomUUID()}`;
    try {
      const inputStart = await eventually(
        () => highWatermarks(admin, INPUT_TOPICS),
        () => true,
        { what: 'offsets' },
      );
      await seedConsumerOffsets(database, 'tracker.consumer_offsets', groupId, inputStart);
      deadLetterStart = await highWatermarks(admin, [TOPICS.deadLetter]);
    } finally {
      await admin.disconnect();
    }
    tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    redrive = await NestFactory.createApplicationContext(
      RedriveModule.forRoot(loadConfig(KafkaEnv, { KAFKA_BROKERS: testKafkaBrokers().join(',') })),
      { logger: ['error'] },
    );
    handler = redrive.get(RedriveDeadLettersHandler);
    reader = redrive.get(DeadLetterReader);
    producer = kafka.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await redrive?.close();
    await tracker?.close();
    await kafka.close();
    await database?.drop();
  });

  it('a message refused for a time ahead of the clock is accepted once redriven after that time', async () => {
    const event = validDeviceEvent('device.collected', `${runId}-early`, device, new Date());
    // Ahead of the clock by a little more than the allowed skew: refused now, fine in ten seconds.
    const time = new Date(Date.now() + DEFAULT_MAX_CLOCK_SKEW_MS + 10_000);
    event.time = time.toISOString();
    const value = Buffer.from(JSON.stringify(event));
    const headers = { ...STRUCTURED_HEADERS, 'x-partner-trace': 'trace-42' };
    const [sent] = await produceEach(producer, [
      { topic: TOPICS.collection, message: { key: device, value, headers }, tag: 'the early event' },
    ]);
    const letter = await eventuallyDeadLettered(sent);
    expect(letter.reasonCode).toBe(RejectionCode.TIME_IN_FUTURE);

    const dryRun = await runRedriveCommand([
      '--code',
      RejectionCode.TIME_IN_FUTURE,
      '--partition',
      String(letter.partition),
      '--from-offset',
      ours(letter, { dryRun: true }).fromOffset!.toString(),
      '--dry-run',
    ]);
    expect({ code: dryRun.code, stderr: dryRun.stderr }).toEqual({ code: 0, stderr: '' });
    expect(dryRun.stdout).toContain(
      `would redrive ${letter.partition}:${letter.offset} ${RejectionCode.TIME_IN_FUTURE} ${String(event.source)} ${event.id} -> ${TOPICS.collection}`,
    );
    expect(dryRun.stdout).toMatch(/selected 1, redriven 0, superseded 0, skipped 0 \(dry run\)/);

    await eventually(
      () => Promise.resolve(Date.now()),
      (now) => now > time.getTime() - DEFAULT_MAX_CLOCK_SKEW_MS + 500,
      {
        what: 'the event time to come within the allowed skew',
        timeoutMs: 30_000,
      },
    );
    let summary;
    const redriven = await newOn(TOPICS.collection, async () => {
      summary = await handler.redrive(ours(letter, { codes: [RejectionCode.TIME_IN_FUTURE], dryRun: false }));
    });
    expect(summary).toMatchObject({ selected: 1, redriven: 1, superseded: 0, skipped: 0 });
    expect(redriven).toHaveLength(1);
    expect(redriven[0].key?.toString()).toBe(device);
    expect(redriven[0].value?.equals(value)).toBe(true);
    expect(
      Object.fromEntries(Object.entries(redriven[0].headers ?? {}).map(([name, v]) => [name, v?.toString()])),
    ).toEqual({ ...headers, 'dlq-redriven-from': `${letter.partition}:${letter.offset}` });

    const [row] = await eventually(
      () =>
        database.query<{ kafka_offset: string }>(
          'SELECT kafka_offset::text FROM tracker.device_events WHERE event_id = $1',
          [event.id],
        ),
      (rows) => rows.length === 1,
      { what: 'the redriven event in tracker.device_events' },
    );
    expect(row.kafka_offset).toBe(redriven[0].offset);
  });

  it('a still-bad message comes back byte for byte, is dead-lettered again, and that newer letter supersedes the old', async () => {
    const garbage = Buffer.from(`{"id":"${runId}-broken", "type": device.collected`);
    const invalidImei = validDeviceEvent('device.collected', `${runId}-imei`, device, new Date());
    invalidImei.data.deviceId = 'imei:353325091234562';
    const sent = await produceEach(producer, [
      {
        topic: TOPICS.repair,
        message: { key: device, value: garbage, headers: { 'x-partner-trace': Buffer.from([0xfe, 0x01]) } },
        tag: 'the malformed message',
      },
      {
        topic: TOPICS.collection,
        message: { key: device, value: JSON.stringify(invalidImei), headers: { ...STRUCTURED_HEADERS } },
        tag: 'the invalid IMEI',
      },
    ]);
    const [malformed, imei] = await Promise.all(sent.map((message) => eventuallyDeadLettered(message)));
    expect([malformed.reasonCode, imei.reasonCode]).toEqual([
      RejectionCode.MALFORMED_JSON,
      RejectionCode.INVALID_IMEI,
    ]);

    const selection = ours(malformed, { codes: [RejectionCode.MALFORMED_JSON], dryRun: false });
    const redriven = await newOn(TOPICS.repair, () => handler.redrive(selection));
    expect(redriven).toHaveLength(1);
    expect(redriven[0].value?.equals(garbage)).toBe(true);
    expect(redriven[0].headers?.['x-partner-trace']).toEqual(Buffer.from([0xfe, 0x01]));
    expect(header(redriven[0], 'dlq-redriven-from')).toBe(`${malformed.partition}:${malformed.offset}`);

    // Processed again: refused again, as a new dead letter of the redriven copy.
    const copy: SentMessage<string> = {
      topic: TOPICS.repair,
      partition: sent[0].partition,
      offset: redriven[0].offset,
      message: { value: garbage },
      tag: 'the redriven copy',
    };
    const again = await eventuallyDeadLettered(copy);
    expect(again.reasonCode).toBe(RejectionCode.MALFORMED_JSON);
    expect(again.value?.equals(garbage)).toBe(true);
    expect(again.redrivenFrom).toBe(`${malformed.partition}:${malformed.offset}`);

    const rerun = await handler.redrive({ ...selection, dryRun: true });
    expect(rerun).toMatchObject({ selected: 1, superseded: 1, redriven: 0 });
    expect(rerun.letters.map((letter) => letter.from)).toEqual([`${again.partition}:${again.offset}`]);

    // The IMEI letter was never chosen by a MALFORMED_JSON selection.
    expect(await deadLettersOf(sent[1])).toHaveLength(1);
  });
});

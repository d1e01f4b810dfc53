import {
  INPUT_TOPICS,
  STRUCTURED_CONTENT_TYPE,
  TOPIC_BY_EVENT_TYPE,
  validateDeviceEvent,
} from '@refurb/contracts';
import { migrateExclusively, openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { KafkaCodec } from '@refurb/kafka';
import { RawDeviceEvent, validDeviceEvent, validDeviceEvents, validImei } from '@refurb/contracts/testing';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  provisionAllTopics,
  testKafkaBrokers,
  TestDatabase,
} from '@refurb/testing';
import { CompressionCodecs, CompressionTypes, Partitioners } from 'kafkajs';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { seedConsumerOffsets } from '../support/consumer-progress';
import { InProcessTracker, startTracker } from '../support/in-process-service';

const CODECS = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
} as const;
type Codec = keyof typeof CODECS;
const COMPRESSED: Exclude<Codec, 'none'>[] = ['gzip', 'snappy', 'lz4', 'zstd'];

/** Runs kcat with `input` on stdin; resolves with its stdout, rejects with its stderr. */
function kcat(args: string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', testKafkaBrokers().join(','), ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`kcat ${args.join(' ')}: ${stderr}`)),
    );
    child.stdin.end(input);
  });
}

/** Binary mode as the CloudEvents Kafka binding has it: attributes in ce_* headers, data as the body. */
function produceBinary(event: RawDeviceEvent, codec: Codec): Promise<string> {
  const attributes = ['specversion', 'id', 'type', 'source', 'time', 'subject'].filter(
    (name) => event[name] !== undefined,
  );
  const headers = attributes.flatMap((name) => ['-H', `ce_${name}=${String(event[name])}`]);
  return kcat(
    [
      '-P',
      '-t',
      TOPIC_BY_EVENT_TYPE[event.type],
      '-z',
      codec,
      '-k',
      String(event.data.deviceId),
      ...headers,
      '-H',
      'content-type=application/json',
    ],
    `${JSON.stringify(event.data)}\n`,
  );
}

/** Structured mode, many events in one kcat run (one compressed batch), key and value split by a tab. */
function produceStructured(events: RawDeviceEvent[], codec: Codec): Promise<string> {
  const lines = events.map((event) => `${String(event.data.deviceId)}\t${JSON.stringify(event)}\n`).join('');
  return kcat(
    [
      '-P',
      '-t',
      TOPIC_BY_EVENT_TYPE[events[0].type],
      '-z',
      codec,
      '-K',
      '\t',
      '-H',
      `content-type=${STRUCTURED_CONTENT_TYPE}`,
    ],
    lines,
  );
}

/** Keeps what each codec decompresses in this process (the in-process tracker's consumer). */
function recordDecompressions(): Map<CompressionTypes, Buffer[]> {
  const outputs = new Map<CompressionTypes, Buffer[]>();
  const table = CompressionCodecs as Record<CompressionTypes, () => KafkaCodec>;
  for (const codec of COMPRESSED) {
    const type = CODECS[codec];
    const inner = table[type]();
    table[type] = () => ({
      compress: (encoder) => inner.compress(encoder),
      decompress: async (buffer) => {
        const records = await inner.decompress(buffer);
        outputs.set(type, [...(outputs.get(type) ?? []), records]);
        return records;
      },
    });
  }
  return outputs;
}

describe('Kafka door: what librdkafka producers (kcat) send, compressed, in binary and structured mode', () => {
  const kafka = new KafkaTestClient();
  const runId = `kcat-${randomUUID().slice(0, 8)}`;
  const now = new Date();
  const decompressed = recordDecompressions();
  let database: TestDatabase;
  let tracker: InProcessTracker | undefined;
  const expected = new Map<string, RawDeviceEvent>();
  const sentWith = new Map<Codec, string[]>();

  /** A collection whose labels compress well, so that librdkafka keeps even a lone message compressed. */
  function binaryEvent(codec: Codec): RawDeviceEvent {
    const event = validDeviceEvent(
      'device.collected',
      `${runId}-binary-${codec}`,
      validImei(700_000 + expected.size),
      now,
    );
    event.time = new Date(now.getTime() - 60_000).toISOString().replace('Z', '+00:00');
    event.data.model = 'Refurbished Grade A '.repeat(6).trim();
    event.data.retailer = 'Refurbished Grade A '.repeat(6).trim();
    return event;
  }

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    database = await TestDatabase.create('kafka_door_kcat');
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
    const groupId = `kcat-${randomUUID()}`;
    try {
      const start = await eventually(
        () => highWatermarks(admin, INPUT_TOPICS),
        () => true,
        { what: 'input offsets' },
      );
      await seedConsumerOffsets(database, 'tracker.consumer_offsets', groupId, start);
    } finally {
      await admin.disconnect();
    }
    tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });

    for (const codec of Object.keys(CODECS) as Codec[]) {
      const binary = binaryEvent(codec);
      const structured = validDeviceEvents(14, { runId: `${runId}-${codec}`, now }).filter(
        (e) => e.type === 'device.resold',
      );
      for (const event of [binary, ...structured]) expected.set(event.id, event);
      sentWith.set(codec, [binary.id, ...structured.map((event) => event.id)]);
      await produceBinary(binary, codec);
      await produceStructured(structured, codec);
    }
  });

  afterAll(async () => {
    await tracker?.close();
    await kafka.close();
    await database?.drop();
  });

  it('stores every event, binary and structured, under every codec, normalised like any other', async () => {
    const rows = await eventually(
      () =>
        database.query<{ event_id: string; event: Record<string, unknown> }>(
          'SELECT event_id, event FROM tracker.device_events WHERE event_id = ANY($1::text[])',
          [[...expected.keys()]],
        ),
      (found) => found.length === expected.size,
      { what: `${expected.size} events in tracker.device_events` },
    );
    const stored = new Map(rows.map((row) => [row.event_id, row.event]));
    for (const [id, raw] of expected) {
      const validation = validateDeviceEvent(raw, { now: new Date() });
      expect({ id, stored: stored.get(id) }).toEqual({
        id,
        stored: validation.ok ? validation.event : validation,
      });
    }
    expect(await database.query('SELECT 1 FROM tracker.outbox')).toEqual([]);
  });

  it.each(COMPRESSED)('every message kcat compressed with %s went through the registered codec', (codec) => {
    // Records keep header values and bodies verbatim, so each event id shows in its decompressed batch.
    const batches = decompressed.get(CODECS[codec]) ?? [];
    const ids = sentWith.get(codec) ?? [];
    expect(ids.filter((id) => !batches.some((records) => records.includes(id)))).toEqual([]);
    expect(ids.length).toBeGreaterThan(1);
  });

  it.each(COMPRESSED)('librdkafka (kcat -C) reads what kafkajs compresses with %s', async (codec) => {
    const topic = `kcat-interop-${codec}-${runId}`;
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    const events = validDeviceEvents(30, { runId: `${runId}-interop-${codec}`, now });
    const producer = kafka.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      await producer.send({
        topic,
        compression: CODECS[codec],
        messages: events.map((event) => ({ key: event.id, value: JSON.stringify(event) })),
      });
    } finally {
      await producer.disconnect();
    }
    const output = await kcat(['-C', '-t', topic, '-e', '-q', '-f', '%k\t%s\n']);
    expect(output.split('\n').filter(Boolean)).toEqual(
      events.map((event) => `${event.id}\t${JSON.stringify(event)}`),
    );
  });
});

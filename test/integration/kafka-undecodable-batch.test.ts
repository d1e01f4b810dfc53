import { DEAD_LETTER_HEADERS, INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { ConsumerState } from '@refurb/kafka';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import { eventually, highWatermarks, KafkaTestClient, provisionAllTopics, readRange } from '@refurb/testing';
import { CompressionTypes } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { byTopic, toTopicMessage } from '../support/device-event-messages';
import { startTracker } from '../support/in-process-service';
import { trackerCaughtUp, trackerDatabase } from '../support/tracker-database';

const run = randomUUID().slice(0, 8).toUpperCase();
const DEVICE = `serial:acme:BOMBED-${run}`;
const OTHER = `serial:acme:BYSTANDER-${run}`;
/** Each value inflates to 17 MiB: two of them pass the 32 MiB a batch may decompress to. */
const INFLATED_VALUE_BYTES = 17 * 1024 * 1024;

/**
 * A record batch that cannot be decompressed (here a decompression bomb: 34 MiB of zeros gzipped to a
 * few dozen kilobytes, which the broker accepts) used to fail every fetch of its partitions, so the
 * consumer crashed and restarted at the same offset for ever. It must instead become one dead letter
 * (the compressed bytes, KAFKA.UNDECODABLE_BATCH, the codec error, its offsets) while the messages
 * after it, and every other partition, are processed.
 */
describe('batch consumer: an undecodable record batch is dead-lettered, not a crash loop', () => {
  const kafka = new KafkaTestClient();

  afterAll(() => kafka.close());

  it('dead-letters the bomb with its offsets and processes the good messages behind it', async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.deadLetter]);
    const groupId = `undecodable-${randomUUID()}`;
    const database = await trackerDatabase('undecodable', groupId, startAt);

    const producer = kafka.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const [bomb] = await producer.send({
      topic: TOPICS.collection,
      compression: CompressionTypes.GZIP,
      acks: -1,
      messages: [
        { key: DEVICE, value: Buffer.alloc(INFLATED_VALUE_BYTES) },
        { key: DEVICE, value: Buffer.alloc(INFLATED_VALUE_BYTES) },
      ],
    });
    await producer.disconnect();
    const device = eventsFor(DEVICE);
    const other = eventsFor(OTHER);
    const good = [
      device.collected(`good-c-${run}`, on(1)),
      device.collected(`good-c2-${run}`, on(2)),
      other.collected(`other-c-${run}`, on(1)),
      other.refurbished(`other-r-${run}`, on(2)),
    ];
    await kafka.produceBatch(byTopic(good.map(toTopicMessage)));
    const end = await highWatermarks(admin, INPUT_TOPICS);

    const tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    try {
      await eventually(() => trackerCaughtUp(database, groupId, end), Boolean, {
        timeoutMs: 120_000,
        what: 'the tracker past the undecodable batch',
      });
      expect(tracker.app.get(ConsumerState).status).toBe('running');
    } finally {
      await tracker.close();
    }

    const stored = await database.query<{ event_id: string }>(
      'SELECT event_id FROM tracker.device_events WHERE device_id = ANY($1) ORDER BY event_id',
      [[DEVICE, OTHER]],
    );
    expect(stored.map((row) => row.event_id)).toEqual(good.map((event) => event.id).sort());

    const letters = (
      await readRange(
        kafka.kafka,
        TOPICS.deadLetter,
        startAt.filter((offset) => offset.topic === TOPICS.deadLetter),
        await highWatermarks(admin, [TOPICS.deadLetter]),
      )
    ).filter(
      (letter) =>
        letter.headers?.[DEAD_LETTER_HEADERS.code]?.toString() === 'KAFKA.UNDECODABLE_BATCH' &&
        letter.headers?.[DEAD_LETTER_HEADERS.sourcePartition]?.toString() === String(bomb.partition) &&
        letter.headers?.[DEAD_LETTER_HEADERS.sourceTopic]?.toString() === TOPICS.collection,
    );
    await admin.disconnect();
    const firstOffset = BigInt(bomb.baseOffset!);
    expect(letters).toHaveLength(1);
    const [letter] = letters;
    const header = (name: string) => letter.headers?.[name]?.toString();
    expect(header(DEAD_LETTER_HEADERS.sourceOffset)).toBe(String(firstOffset));
    expect(header(DEAD_LETTER_HEADERS.detail)).toBe(
      `gzip batch of 2 records at offsets ${firstOffset}-${firstOffset + 1n} cannot be decompressed ` +
        `(${header('undecodable-error')})`,
    );
    expect(header('undecodable-error')).toMatch(/^KAFKA\.DECOMPRESSED_BATCH_TOO_LARGE: gzip: /);
    // The value is the batch's compressed records, byte for byte: small, and the two values once inflated.
    expect(letter.value!.length).toBeLessThan(256 * 1024);
    expect(gunzipSync(letter.value!).length).toBeGreaterThan(2 * INFLATED_VALUE_BYTES);
    await database.drop();
  }, 300_000);
});

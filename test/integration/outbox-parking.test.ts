import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { eventually, highWatermarks, KafkaTestClient, provisionAllTopics, readRange } from '@refurb/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { startTracker } from '../support/in-process-service';
import { trackerDatabase } from '../support/tracker-database';

/** Larger than the broker's record limit (message.max.bytes, about 1 MiB) on devices.credited.v1. */
const TOO_LARGE_BYTES = 2 * 1024 * 1024;

describe('outbox relay: a row Kafka refuses for good is parked, and the rows behind it go out', () => {
  const kafka = new KafkaTestClient();

  afterAll(() => kafka.close());

  it('parks an oversized record with its refusal and produces the next row', async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.deadLetter]);
    const groupId = `parking-${randomUUID()}`;
    const database = await trackerDatabase('parking', groupId, startAt);
    const key = `parking-${randomUUID()}`;
    await database.query(
      `INSERT INTO tracker.outbox (topic, message_key, message_value) VALUES ($1, $2, $3), ($4, $2, $5)`,
      [
        TOPICS.credited,
        Buffer.from(key),
        randomBytes(TOO_LARGE_BYTES),
        TOPICS.deadLetter,
        Buffer.from('behind'),
      ],
    );

    const tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    try {
      await eventually(
        () => database.query<{ n: string }>('SELECT count(*) AS n FROM tracker.outbox'),
        ([{ n }]) => n === '0',
        { timeoutMs: 60_000, what: 'the outbox emptied' },
      );
    } finally {
      await tracker.close();
    }

    const parked = await database.query<{ topic: string; error_code: string; size: number }>(
      `SELECT topic, error_code, octet_length(message_value) AS size FROM tracker.outbox_failed`,
    );
    expect(parked).toEqual([
      { topic: TOPICS.credited, error_code: 'MESSAGE_TOO_LARGE', size: TOO_LARGE_BYTES },
    ]);
    const end = await highWatermarks(admin, [TOPICS.deadLetter]);
    await admin.disconnect();
    const behind = (await readRange(kafka.kafka, TOPICS.deadLetter, startAt, end)).filter(
      (message) => message.key?.toString() === key,
    );
    expect(behind.map((message) => message.value?.toString())).toEqual(['behind']);
    await database.drop();
  }, 180_000);
});

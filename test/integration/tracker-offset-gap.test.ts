import { AnyDeviceEvent, INPUT_TOPICS } from '@refurb/contracts';
import { randomDeviceHistory } from '@refurb/lifecycle/testing/random-device-history';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  PartitionOffset,
  provisionAllTopics,
} from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { byTopic, toTopicMessage } from '../support/device-event-messages';
import { startTracker } from '../support/in-process-service';
import { TRACKER_OFFSETS, trackerCaughtUp, trackerDatabase } from '../support/tracker-database';

const DEVICES = 100;

/**
 * PostgreSQL holds the truth about what a group processed; the consumer's position in Kafka can be
 * ahead of it (a database restored under a running group, a fetch that ran before the seek to the
 * stored offsets). A batch that starts past the stored next offset must not skip what lies between.
 */
describe('tracker: a fetch that starts past the stored offsets skips nothing', () => {
  const kafka = new KafkaTestClient();

  afterAll(() => kafka.close());

  it('seeks back to the stored offsets and processes what lay between', async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const startAt = await highWatermarks(admin, INPUT_TOPICS);
    const random = new SeededRandom(5);
    const events: AnyDeviceEvent[] = [];
    for (let device = 0; device < DEVICES; device++) events.push(...randomDeviceHistory(random, device));
    const messages = events.map(toTopicMessage);
    await kafka.produceBatch(byTopic(messages));
    const firstEnd = await highWatermarks(admin, INPUT_TOPICS);

    const groupId = `gap-${randomUUID()}`;
    const database = await trackerDatabase('gap', groupId, startAt);
    const tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    try {
      await eventually(() => trackerCaughtUp(database, groupId, firstEnd), Boolean, {
        timeoutMs: 120_000,
        what: 'the first pass',
      });
      // A restore under the running consumer: its events and offsets back to the start. The events are
      // append-only (decision 37), so the stand-in for the restore lifts the guard for its one statement.
      await database.query(`
        ALTER TABLE tracker.device_events DISABLE TRIGGER device_events_append_only;
        DELETE FROM tracker.device_events;
        ALTER TABLE tracker.device_events ENABLE TRIGGER device_events_append_only`);
      await seedOffsets(database, groupId, startAt);
      // The same messages again: every partition that had events gets a fetch past its stored offset.
      await kafka.produceBatch(byTopic(messages));
      const secondEnd = await highWatermarks(admin, INPUT_TOPICS);
      await eventually(() => trackerCaughtUp(database, groupId, secondEnd), Boolean, {
        timeoutMs: 120_000,
        what: 'the second pass',
      });
    } finally {
      await tracker.close();
      await admin.disconnect();
    }

    // Each event stored from its first copy: the consumer went back to the restored offsets instead of
    // going on from where it was, which would have stored the second copies.
    const firstEndOf = new Map(firstEnd.map((o) => [`${o.topic}/${o.partition}`, BigInt(o.offset)]));
    const stored = await database.query<{ topic: string; partition: number; kafka_offset: string }>(
      'SELECT topic, partition, kafka_offset FROM tracker.device_events',
    );
    expect(stored.length).toBeGreaterThan(0);
    const secondCopies = stored.filter(
      (row) => BigInt(row.kafka_offset) >= firstEndOf.get(`${row.topic}/${row.partition}`)!,
    );
    expect(secondCopies).toEqual([]);
    await database.drop();
  }, 300_000);
});

async function seedOffsets(
  database: Awaited<ReturnType<typeof trackerDatabase>>,
  groupId: string,
  offsets: readonly PartitionOffset[],
): Promise<void> {
  await database.query(
    `UPDATE ${TRACKER_OFFSETS} o SET next_offset = p.next_offset
     FROM unnest($2::text[], $3::int[], $4::bigint[]) AS p(topic, partition, next_offset)
     WHERE o.group_id = $1 AND o.topic = p.topic AND o.partition = p.partition`,
    [groupId, offsets.map((o) => o.topic), offsets.map((o) => o.partition), offsets.map((o) => o.offset)],
  );
}

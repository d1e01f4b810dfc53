import { AnyDeviceEvent, INPUT_TOPICS, TOPICS, validateDeviceEvent } from '@refurb/contracts';
import { migrateExclusively, openServiceDataSource, serviceDataSourceOptions } from '@refurb/database';
import { randomDeviceHistory } from '@refurb/lifecycle/testing/random-device-history';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  provisionAllTopics,
  readRange,
  TestDatabase,
} from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { hasConsumedUpTo, seedConsumerOffsets } from '../support/consumer-progress';
import { byTopic, TopicMessage, toTopicMessage } from '../support/device-event-messages';
import { startTracker } from '../support/in-process-service';
import {
  deduplicateById,
  netCredits,
  parseCreditRecords,
  sumSignedAvoidedG,
  expectedCycles,
  projectedCycles,
  trackerSnapshot,
  TrackerSnapshot,
} from '../support/tracker-snapshot';

const DEVICES = 500;
const ORDERS = 20;
const DUPLICATE_RATE = 0.05;

interface RunResult {
  snapshot: TrackerSnapshot;
  net: ReturnType<typeof netCredits>;
  signedTotalG: number;
  deadLetters: number;
}

describe('tracker: the same events in any arrival order give the same cycles, conflicts and credits', () => {
  const kafka = new KafkaTestClient();
  const random = new SeededRandom(20261125);
  const events: AnyDeviceEvent[] = [];
  for (let device = 0; device < DEVICES; device++) events.push(...randomDeviceHistory(random, device));
  const messages = events.map(toTopicMessage);

  beforeAll(() => provisionAllTopics(kafka.kafka));
  afterAll(() => kafka.close());

  /** Feeds one arrival order through real Kafka into a tracker on a fresh database. */
  async function run(order: TopicMessage[]): Promise<RunResult> {
    const database = await TestDatabase.create('order');
    const groupId = `order-${randomUUID()}`;
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const migrated = await openServiceDataSource(
        serviceDataSourceOptions(
          { url: database.url },
          { schema: 'tracker', entities: [], migrations: TRACKER_MIGRATIONS },
        ),
      );
      await migrateExclusively(migrated);
      await migrated.destroy();
      await seedConsumerOffsets(
        database,
        'tracker.consumer_offsets',
        groupId,
        await highWatermarks(admin, INPUT_TOPICS),
      );
      const creditedBefore = await highWatermarks(admin, [TOPICS.credited, TOPICS.deadLetter]);
      const tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
      try {
        for (let i = 0; i < order.length; i += 500)
          await kafka.produceBatch(byTopic(order.slice(i, i + 500)));
        const inputEnd = await highWatermarks(admin, INPUT_TOPICS);
        await eventually(
          () => hasConsumedUpTo(database, 'tracker.consumer_offsets', groupId, inputEnd),
          (done) => done,
          { timeoutMs: 180_000, what: 'the tracker to consume the run' },
        );
        await eventually(
          () => database.query<{ n: string }>('SELECT count(*) AS n FROM tracker.outbox'),
          ([{ n }]) => n === '0',
          { what: 'the outbox to drain' },
        );
      } finally {
        await tracker.close();
      }
      const outputEnd = await highWatermarks(admin, [TOPICS.credited, TOPICS.deadLetter]);
      const records = deduplicateById(
        parseCreditRecords(await readRange(kafka.kafka, TOPICS.credited, creditedBefore, outputEnd)),
      );
      const deadLetters = await readRange(kafka.kafka, TOPICS.deadLetter, creditedBefore, outputEnd);
      return {
        snapshot: await trackerSnapshot(database),
        net: netCredits(records),
        signedTotalG: sumSignedAvoidedG(records),
        deadLetters: deadLetters.length,
      };
    } finally {
      await admin.disconnect();
      await database.drop();
    }
  }

  function shuffledWithDuplicates(seed: number): TopicMessage[] {
    const orderRandom = new SeededRandom(seed);
    const withDuplicates = messages.flatMap((message) =>
      orderRandom.chance(DUPLICATE_RATE) ? [message, message] : [message],
    );
    return orderRandom.shuffled(withDuplicates);
  }

  it(`gives identical results for ${ORDERS} random arrival orders of ${DEVICES} devices`, async () => {
    // What the tracker stores is the validated, normalised form of each event.
    const accepted = events.flatMap((event) => {
      const validated = validateDeviceEvent(event, { now: new Date() });
      return validated.ok ? [validated.event] : [];
    });
    const reference = await run(messages);

    // The tracker stored exactly the accepted events, and its cycles are the pure derivation over them.
    expect(reference.snapshot.events.map((event) => event.eventId)).toEqual(
      [...new Set(accepted.map((event) => event.id))].sort(),
    );
    const cycles = expectedCycles(accepted);
    expect(reference.snapshot.cycles).toEqual(projectedCycles(cycles));
    expect(reference.deadLetters).toBe(events.length - accepted.length);

    // The scenario really exercises every rule.
    const states = new Set(cycles.map((cycle) => cycle.state));
    expect([...states].sort()).toEqual(
      [
        'collected',
        'eligible',
        'in-workshop',
        'pending-evidence',
        'recycled',
        'refurbished',
        'blocked',
      ].sort(),
    );
    const conflictCodes = new Set(cycles.flatMap((cycle) => cycle.conflicts.map((c) => c.code)));
    expect(conflictCodes).toEqual(new Set(['CYCLE.CONFLICTING_RESALE', 'CYCLE.RESALE_IN_RECYCLED_CYCLE']));
    expect(reference.net.length).toBe(cycles.filter((cycle) => cycle.state === 'eligible').length);
    expect(reference.signedTotalG).toBe(
      reference.net.reduce((sum, credit) => sum + credit.signedAvoidedG, 0),
    );

    for (let order = 1; order <= ORDERS; order++) {
      const result = await run(shuffledWithDuplicates(order));
      expect(result.snapshot).toEqual(reference.snapshot);
      expect(result.net).toEqual(reference.net);
      expect(result.signedTotalG).toBe(reference.signedTotalG);
      expect(result.deadLetters).toBeGreaterThanOrEqual(reference.deadLetters);
    }
  }, 1_800_000);
});

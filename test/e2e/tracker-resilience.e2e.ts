import { AnyDeviceEvent, INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { randomDeviceHistory } from '@refurb/lifecycle/testing/random-device-history';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { ServiceProcess } from '@refurb/local-stack';
import {
  eventually,
  freePort,
  highWatermarks,
  KafkaTestClient,
  PartitionOffset,
  provisionAllTopics,
  readRange,
  TestDatabase,
  testKafkaBrokers,
} from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { byTopic, toTopicMessage } from '../support/device-event-messages';
import { startTracker } from '../support/in-process-service';
import { processedSince, trackerCaughtUp, trackerDatabase } from '../support/tracker-database';
import {
  assertConsistentCreditHistory,
  deduplicateById,
  netCredits,
  parseCreditRecords,
  trackerSnapshot,
  TrackerSnapshot,
} from '../support/tracker-snapshot';

const DEVICES = 2500;
const REPLAY_TIMEOUT_MS = 600_000;

describe('tracker resilience: crashes and rebalances during a replay lose and double nothing', () => {
  const kafka = new KafkaTestClient();
  const databases: TestDatabase[] = [];
  const processes: ServiceProcess[] = [];
  let startAt: PartitionOffset[];
  let end: PartitionOffset[];
  let total: number;
  let reference: TrackerSnapshot;

  async function trackerProcess(database: TestDatabase, groupId: string): Promise<ServiceProcess> {
    const port = await freePort();
    const service = new ServiceProcess(
      { name: 'tracker', port },
      {
        ...process.env,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        DATABASE_URL: database.url,
        TRACKER_PORT: String(port),
        TRACKER_CONSUMER_GROUP: groupId,
        KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '10000',
      },
      () => undefined,
    );
    processes.push(service);
    return service;
  }

  /** Credit records the run published, checked as a downstream consumer would see them. */
  async function creditedDuring(from: PartitionOffset[]) {
    const admin = kafka.kafka.admin();
    await admin.connect();
    const to = await highWatermarks(admin, [TOPICS.credited]);
    await admin.disconnect();
    const records = deduplicateById(
      parseCreditRecords(await readRange(kafka.kafka, TOPICS.credited, from, to)),
    );
    assertConsistentCreditHistory(records);
    return { records, next: to };
  }

  function expectSameCreditsAsReference(records: Parameters<typeof netCredits>[0]) {
    expect(
      netCredits(records).map((credit) => ({
        cycleId: credit.cycleId,
        fingerprint: credit.fingerprint,
        avoidedG: credit.emissions.avoidedG,
      })),
    ).toEqual(reference.standingCredits);
  }

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    startAt = await highWatermarks(admin, INPUT_TOPICS);
    const random = new SeededRandom(424242);
    const events: AnyDeviceEvent[] = [];
    for (let device = 0; device < DEVICES; device++) events.push(...randomDeviceHistory(random, device));
    const messages = random.shuffled(events.map(toTopicMessage));
    for (let i = 0; i < messages.length; i += 1000)
      await kafka.produceBatch(byTopic(messages.slice(i, i + 1000)));
    end = await highWatermarks(admin, INPUT_TOPICS);
    await admin.disconnect();
    total =
      end.reduce((sum, o) => sum + Number(o.offset), 0) -
      startAt.reduce((sum, o) => sum + Number(o.offset), 0);

    // The reference: the same replay, uninterrupted.
    const groupId = `reference-${randomUUID()}`;
    const database = await trackerDatabase('reference', groupId, startAt);
    databases.push(database);
    const tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    try {
      await eventually(() => trackerCaughtUp(database, groupId, end), Boolean, {
        timeoutMs: REPLAY_TIMEOUT_MS,
        what: 'the reference replay',
      });
    } finally {
      await tracker.close();
    }
    reference = await trackerSnapshot(database);
    expect(reference.standingCredits.length).toBeGreaterThan(100);
  }, REPLAY_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(processes.map((service) => service.kill().catch(() => undefined)));
    await kafka.close();
    await Promise.all(databases.map((database) => database.drop()));
  });

  it(
    'SIGKILLed three times mid-replay and restarted, it ends exactly where an uninterrupted run ends',
    async () => {
      const admin = kafka.kafka.admin();
      await admin.connect();
      const creditedFrom = await highWatermarks(admin, [TOPICS.credited]);
      await admin.disconnect();
      const groupId = `crash-${randomUUID()}`;
      const database = await trackerDatabase('crash', groupId, startAt);
      databases.push(database);
      const tracker = await trackerProcess(database, groupId);

      tracker.start();
      for (const fraction of [0.2, 0.45, 0.7]) {
        const progress = await eventually(
          () => processedSince(database, groupId, startAt),
          (processed) => processed >= total * fraction,
          { timeoutMs: REPLAY_TIMEOUT_MS, intervalMs: 50, what: `${fraction * 100}% of the replay` },
        );
        expect(progress).toBeLessThan(total);
        await tracker.kill();
        tracker.start();
      }
      await eventually(() => trackerCaughtUp(database, groupId, end), Boolean, {
        timeoutMs: REPLAY_TIMEOUT_MS,
        what: 'the replay after the crashes',
      });
      await tracker.stop();

      expect(await trackerSnapshot(database)).toEqual(reference);
      const { records } = await creditedDuring(creditedFrom);
      expectSameCreditsAsReference(records);
    },
    REPLAY_TIMEOUT_MS,
  );

  it(
    'two instances share the group; one stops mid-replay and the other takes over its partitions',
    async () => {
      const admin = kafka.kafka.admin();
      await admin.connect();
      const creditedFrom = await highWatermarks(admin, [TOPICS.credited]);
      await admin.disconnect();
      const groupId = `rebalance-${randomUUID()}`;
      const database = await trackerDatabase('rebalance', groupId, startAt);
      databases.push(database);
      const first = await trackerProcess(database, groupId);
      const second = await trackerProcess(database, groupId);
      first.start();
      second.start();
      await Promise.all([first.waitUntilHealthy(), second.waitUntilHealthy()]);

      await eventually(
        () => processedSince(database, groupId, startAt),
        (processed) => processed >= total * 0.3,
        { timeoutMs: REPLAY_TIMEOUT_MS, intervalMs: 50, what: '30% of the replay' },
      );
      await first.stop();
      await eventually(() => trackerCaughtUp(database, groupId, end), Boolean, {
        timeoutMs: REPLAY_TIMEOUT_MS,
        what: 'the replay after the rebalance',
      });
      await second.stop();

      expect(await trackerSnapshot(database)).toEqual(reference);
      const { records } = await creditedDuring(creditedFrom);
      expectSameCreditsAsReference(records);
    },
    REPLAY_TIMEOUT_MS,
  );
});

import { AnyDeviceEvent, INPUT_TOPICS, TOPICS, validateDeviceEvent } from '@refurb/contracts';
import { randomDeviceHistory } from '@refurb/lifecycle/testing/random-device-history';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { testBroker } from '@refurb/local-stack';
import { eventually, highWatermarks, KafkaTestClient, provisionAllTopics, readRange } from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { byTopic, toTopicMessage } from '../support/device-event-messages';
import { startTracker } from '../support/in-process-service';
import { processedSince, trackerCaughtUp, trackerDatabase } from '../support/tracker-database';
import {
  assertConsistentCreditHistory,
  deduplicateById,
  netCredits,
  parseCreditRecords,
  expectedCycles,
  projectedCycles,
  trackerSnapshot,
} from '../support/tracker-snapshot';

const DEVICES = 2000;
const TIMEOUT_MS = 600_000;

describe('tracker: a database outage and a broker restart mid-replay lose and double nothing', () => {
  const kafka = new KafkaTestClient();

  afterAll(() => kafka.close());

  it(
    'ends with exactly the cycles and credits the events imply',
    async () => {
      await provisionAllTopics(kafka.kafka);
      const admin = kafka.kafka.admin();
      await admin.connect();
      const startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.credited]);
      const random = new SeededRandom(7);
      const events: AnyDeviceEvent[] = [];
      for (let device = 0; device < DEVICES; device++) events.push(...randomDeviceHistory(random, device));
      const messages = events.map(toTopicMessage);
      for (let i = 0; i < messages.length; i += 2000)
        await kafka.produceBatch(byTopic(messages.slice(i, i + 2000)));
      const end = await highWatermarks(admin, INPUT_TOPICS);
      await admin.disconnect();

      const groupId = `outages-${randomUUID()}`;
      const database = await trackerDatabase('outages', groupId, startAt);
      const tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
      try {
        await eventually(
          () => processedSince(database, groupId, startAt),
          (n) => n >= messages.length * 0.15,
          {
            timeoutMs: TIMEOUT_MS,
            intervalMs: 50,
          },
        );
        // What a database restart looks like from the service: every connection dropped, for a while.
        const outageEnds = Date.now() + 3000;
        while (Date.now() < outageEnds) {
          await database.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
            [database.name],
          );
          await sleep(100);
        }
        // The broker can only be restarted when the tests started it themselves.
        if (process.env.REFURB_TEST_BROKER_STARTED === '1') {
          await eventually(
            () => processedSince(database, groupId, startAt),
            (n) => n >= messages.length * 0.4,
            {
              timeoutMs: TIMEOUT_MS,
              intervalMs: 50,
            },
          );
          const broker = testBroker();
          await broker.stop();
          await sleep(5000);
          await broker.start();
        }
        await eventually(() => trackerCaughtUp(database, groupId, end), Boolean, {
          timeoutMs: TIMEOUT_MS,
          what: 'the replay after the outages',
        });
      } finally {
        await tracker.close();
      }

      const accepted = events.flatMap((event) => {
        const validated = validateDeviceEvent(event, { now: new Date() });
        return validated.ok ? [validated.event] : [];
      });
      const snapshot = await trackerSnapshot(database);
      const cycles = expectedCycles(accepted);
      expect(snapshot.cycles).toEqual(projectedCycles(cycles));

      const probe = kafka.kafka.admin();
      await probe.connect();
      const creditedEnd = await highWatermarks(probe, [TOPICS.credited]);
      await probe.disconnect();
      const records = deduplicateById(
        parseCreditRecords(await readRange(kafka.kafka, TOPICS.credited, startAt, creditedEnd)),
      );
      assertConsistentCreditHistory(records);
      expect(
        netCredits(records).map((credit) => ({
          cycleId: credit.cycleId,
          fingerprint: credit.fingerprint,
          avoidedG: credit.emissions.avoidedG,
        })),
      ).toEqual(snapshot.standingCredits);
      expect(snapshot.standingCredits).toHaveLength(
        cycles.filter((cycle) => cycle.state === 'eligible').length,
      );
      await database.drop();
    },
    TIMEOUT_MS,
  );
});

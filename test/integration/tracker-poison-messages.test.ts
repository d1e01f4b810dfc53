import {
  AnyDeviceEvent,
  DEAD_LETTER_HEADERS,
  INPUT_TOPICS,
  TOPICS,
  validateDeviceEvent,
} from '@refurb/contracts';
import { ConsumerState } from '@refurb/kafka';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import { randomDeviceHistory } from '@refurb/lifecycle/testing/random-device-history';
import { SeededRandom } from '@refurb/lifecycle/testing/seeded-random';
import { eventually, highWatermarks, KafkaTestClient, provisionAllTopics, readRange } from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { byTopic, toTopicMessage } from '../support/device-event-messages';
import { startTracker } from '../support/in-process-service';
import { trackerCaughtUp, trackerDatabase } from '../support/tracker-database';
import { expectedCycles, projectedCycles, trackerSnapshot } from '../support/tracker-snapshot';

const DEVICES = 200;
const POISONED_DEVICE = 'serial:acme:POISON-1';

/**
 * A message whose processing fails every time (here: PostgreSQL refuses to store one device's events,
 * as a bug or a corrupt row would) must not stall the partitions it shares a fetch with: the tracker
 * isolates it, dead-letters it with TRACKER.PROCESSING_FAILED and the error, and processes the rest.
 */
describe('tracker: a poison message is dead-lettered and the rest of its fetch goes through', () => {
  const kafka = new KafkaTestClient();

  afterAll(() => kafka.close());

  it('dead-letters exactly the poisoned device events and derives every other device as usual', async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.deadLetter]);
    const random = new SeededRandom(11);
    const healthy: AnyDeviceEvent[] = [];
    for (let device = 0; device < DEVICES; device++) healthy.push(...randomDeviceHistory(random, device));
    const poison = eventsFor(POISONED_DEVICE);
    const poisoned = [
      poison.collected(`poison-c-${randomUUID()}`, on(1)),
      poison.refurbished(`poison-r-${randomUUID()}`, on(2)),
      poison.resold(`poison-s-${randomUUID()}`, on(3), 'o-poison'),
    ];
    // The poisoned events sit in the middle of the stream, so they share fetches with healthy ones.
    const middle = Math.floor(healthy.length / 2);
    const events = [...healthy.slice(0, middle), ...poisoned, ...healthy.slice(middle)];
    await kafka.produceBatch(byTopic(events.map(toTopicMessage)));
    const end = await highWatermarks(admin, INPUT_TOPICS);

    const groupId = `poison-${randomUUID()}`;
    const database = await trackerDatabase('poison', groupId, startAt);
    await database.query(`
      CREATE FUNCTION tracker.refuse_poisoned_device() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.device_id = '${POISONED_DEVICE}' THEN RAISE EXCEPTION 'poisoned device %', NEW.device_id; END IF;
        RETURN NEW;
      END $$`);
    await database.query(`
      CREATE TRIGGER refuse_poisoned_device BEFORE INSERT ON tracker.device_events
      FOR EACH ROW EXECUTE FUNCTION tracker.refuse_poisoned_device()`);

    const tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    try {
      await eventually(() => trackerCaughtUp(database, groupId, end), Boolean, {
        timeoutMs: 300_000,
        what: 'the tracker past the poison',
      });
      expect(tracker.app.get(ConsumerState).status).toBe('running');
    } finally {
      await tracker.close();
    }

    const deadLettersEnd = await highWatermarks(admin, [TOPICS.deadLetter]);
    await admin.disconnect();
    const letters = (await readRange(kafka.kafka, TOPICS.deadLetter, startAt, deadLettersEnd)).filter(
      (message) => message.key?.toString() === POISONED_DEVICE,
    );
    const header = (message: (typeof letters)[number], name: string) => message.headers?.[name]?.toString();
    expect(letters.map((letter) => header(letter, DEAD_LETTER_HEADERS.code))).toEqual([
      'TRACKER.PROCESSING_FAILED',
      'TRACKER.PROCESSING_FAILED',
      'TRACKER.PROCESSING_FAILED',
    ]);
    for (const letter of letters) {
      expect(header(letter, DEAD_LETTER_HEADERS.detail)).toContain('poisoned device');
    }
    expect(
      letters.map((letter) => (JSON.parse(letter.value!.toString()) as { id: string }).id).sort(),
    ).toEqual(poisoned.map((event) => event.id).sort());

    const accepted = healthy.flatMap((event) => {
      const validated = validateDeviceEvent(event, { now: new Date() });
      return validated.ok ? [validated.event] : [];
    });
    const snapshot = await trackerSnapshot(database);
    expect(snapshot.cycles).toEqual(projectedCycles(expectedCycles(accepted)));
    await database.drop();
  }, 600_000);
});

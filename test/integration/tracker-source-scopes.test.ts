import { generateKeyPairSync, randomUUID } from 'node:crypto';
import {
  AnyDeviceEvent,
  canonicalJson,
  INPUT_TOPICS,
  RecordSigner,
  STRUCTURED_HEADERS,
  TOPIC_BY_EVENT_TYPE,
  TOPICS,
} from '@refurb/contracts';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  localRecordSigner,
  PartitionOffset,
  provisionAllTopics,
  TestDatabase,
} from '@refurb/testing';
import { Admin } from 'kafkajs';
import { TopicMessage, toTopicMessage } from '../support/device-event-messages';
import { InProcessTracker, startTracker } from '../support/in-process-service';
import { parseSamples, scrape, seriesOf } from '../support/prometheus-text';
import { trackerDatabase } from '../support/tracker-database';
import { deadLetteredEventsSince, produceAndDrain } from '../support/tracker-drain';
import { registerKafkaSources, unrestrictedSource, withTrackerSources } from '../support/tracker-sources';

const run = randomUUID().slice(0, 8).toUpperCase();
const PARTNER_A = `urn:scopes-test:partner-a:${run}`;
const PARTNER_B = `urn:scopes-test:partner-b:${run}`;
const STRANGER = `urn:scopes-test:stranger:${run}`;
const RELAYED = `partners/scopes-test-${run.toLowerCase()}`;
const DEVICE_X = `serial:acme:SCOPE-X-${run}`;
const DEVICE_Y = `serial:acme:SCOPE-Y-${run}`;
const DEVICE_Z = `serial:acme:SCOPE-Z-${run}`;

const from = (source: string, event: AnyDeviceEvent): AnyDeviceEvent => ({ ...event, source });
const idOf = (name: string) => `${name}-${run}`;
const x = eventsFor(DEVICE_X);
const y = eventsFor(DEVICE_Y);
const z = eventsFor(DEVICE_Z);

/** As the gateway relays an event: structured, with the signature attributes of `signer`. */
function signedBy(signer: RecordSigner, event: AnyDeviceEvent): TopicMessage {
  return {
    topic: TOPIC_BY_EVENT_TYPE[event.type],
    message: {
      key: event.subject,
      value: Buffer.from(canonicalJson(signer.sign(event)), 'utf8'),
      headers: { ...STRUCTURED_HEADERS },
    },
  };
}

/**
 * Who may write to the input topics (docs/decisions.md, "Kafka-native sources are registered"): a
 * registered source within its scope, or the gateway with its signature. Everything else is
 * dead-lettered with its own code, and a partner's events are never touched by another's.
 */
describe('tracker: Kafka-native sources, scopes and ids per (source, id)', () => {
  const kafka = new KafkaTestClient();
  let admin: Admin;
  let database: TestDatabase;
  let tracker: InProcessTracker;
  let startAt: PartitionOffset[];

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    admin = kafka.kafka.admin();
    await admin.connect();
    startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.deadLetter]);
    const groupId = `source-scopes-${randomUUID()}`;
    database = await trackerDatabase('source_scopes', groupId, startAt);
    await registerKafkaSources(database, [
      {
        source: PARTNER_A,
        displayName: 'Partner A (collects, diagnoses at ws-a only)',
        eventTypes: ['device.collected', 'device.diagnosed'],
        workshopIds: ['ws-a'],
        siteIds: ['*'],
        resaleChannels: [],
      },
      unrestrictedSource(PARTNER_B),
    ]);
    tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId }, { registerSources: false });
  });

  afterAll(async () => {
    await tracker?.close();
    await admin?.disconnect();
    await kafka.close();
    await database?.drop();
  });

  const drain = (messages: TopicMessage[]) =>
    produceAndDrain(kafka, admin, { database, groupId: tracker.groupId }, messages);

  /** Each dead letter's code, by `<source> <id>` of the event it holds. */
  async function deadLetterCodes(): Promise<Record<string, string>> {
    const letters = await deadLetteredEventsSince(kafka, admin, startAt);
    return Object.fromEntries(letters.map(({ source, id, code }) => [`${source} ${id}`, code]));
  }

  async function stored(source: string): Promise<{ device_id: string; event_id: string; event: unknown }[]> {
    return database.query(
      'SELECT device_id, event_id, event FROM tracker.device_events WHERE source = $1 ORDER BY event_id',
      [source],
    );
  }

  const aCollected = from(PARTNER_A, x.collected(idOf('c1'), on(1)));
  const aDiagnosed = from(PARTNER_A, x.diagnosed(idOf('d1'), on(2), { workshopId: 'ws-a' }));
  const aElsewhere = from(PARTNER_A, x.diagnosed(idOf('d2'), on(3), { workshopId: 'ws-b' }));
  const strangers = from(STRANGER, y.collected(idOf('s1'), on(1)));
  const relayedUnsigned = from(RELAYED, z.collected(idOf('r1'), on(1)));
  const relayedByStranger = from(RELAYED, z.diagnosed(idOf('r2'), on(2)));
  const relayedSigned = from(RELAYED, z.refurbished(idOf('r3'), on(3)));
  // B reuses A's ids: c1 on another device (its own event), d1 on A's device (a clash).
  const bOtherDevice = from(PARTNER_B, y.collected(idOf('c1'), on(1)));
  const bSameDevice = from(PARTNER_B, x.repaired(idOf('d1'), on(4)));

  it('stores what registered and signed senders may send, and dead-letters the rest with its code', async () => {
    const unknownKey = new RecordSigner(generateKeyPairSync('ed25519').privateKey);
    await drain([
      ...[aCollected, aDiagnosed, aElsewhere, strangers, relayedUnsigned].map(toTopicMessage),
      signedBy(unknownKey, relayedByStranger),
      signedBy(localRecordSigner('gateway'), relayedSigned),
    ]);
    const aBefore = await stored(PARTNER_A);
    // The second partner comes later, so its reuses meet A's events stored rather than in the same batch.
    await drain([bOtherDevice, bSameDevice].map(toTopicMessage));

    expect(await deadLetterCodes()).toEqual({
      [`${PARTNER_A} ${aElsewhere.id}`]: 'TRACKER.WORKSHOP_NOT_ALLOWED',
      [`${STRANGER} ${strangers.id}`]: 'TRACKER.UNREGISTERED_SOURCE',
      [`${RELAYED} ${relayedUnsigned.id}`]: 'TRACKER.UNSIGNED_RELAYED_EVENT',
      [`${RELAYED} ${relayedByStranger.id}`]: 'TRACKER.UNKNOWN_SIGNING_KEY',
      [`${PARTNER_B} ${bSameDevice.id}`]: 'TRACKER.EVENT_ID_TAKEN_ON_DEVICE',
    });
    // A's events are exactly as stored before B came; B's reuse on another device is an event of its own.
    expect(await stored(PARTNER_A)).toEqual(aBefore);
    expect(aBefore.map((row) => [row.device_id, row.event_id, row.event])).toEqual([
      [DEVICE_X, aCollected.id, aCollected],
      [DEVICE_X, aDiagnosed.id, aDiagnosed],
    ]);
    expect((await stored(PARTNER_B)).map((row) => [row.device_id, row.event_id])).toEqual([
      [DEVICE_Y, bOtherDevice.id],
    ]);
    expect((await stored(RELAYED)).map((row) => row.event_id)).toEqual([relayedSigned.id]);

    const samples = parseSamples(await scrape(tracker.url));
    expect(seriesOf(samples, 'refurb_dead_letters_total', ['reason'])).toEqual({
      'TRACKER.WORKSHOP_NOT_ALLOWED': 1,
      'TRACKER.UNREGISTERED_SOURCE': 1,
      'TRACKER.UNSIGNED_RELAYED_EVENT': 1,
      'TRACKER.UNKNOWN_SIGNING_KEY': 1,
      'TRACKER.EVENT_ID_TAKEN_ON_DEVICE': 1,
    });
  });

  it('accepts a source registered while the tracker runs, within seconds, as a redrive would find it', async () => {
    await registerKafkaSources(database, [unrestrictedSource(STRANGER)]);
    // Re-produced byte for byte, as `npm run redrive` does, until the registration reached the consumer.
    await eventually(
      async () => {
        await drain([toTopicMessage(strangers)]);
        return (await stored(STRANGER)).map((row) => row.event_id);
      },
      (ids) => ids.length === 1,
      { timeoutMs: 30_000, intervalMs: 1_000, what: "the stranger's event accepted once registered" },
    );
  });

  it('refuses a retired source’s new events within seconds, and keeps its stored ones', async () => {
    await withTrackerSources(database, (sources, manager) => sources.retire(manager, STRANGER));
    let n = 0;
    await eventually(
      async () => {
        const late = from(STRANGER, y.diagnosed(idOf(`after-retirement-${++n}`), on(5)));
        await drain([toTopicMessage(late)]);
        return (await deadLetterCodes())[`${STRANGER} ${late.id}`];
      },
      (code) => code === 'TRACKER.UNREGISTERED_SOURCE',
      { timeoutMs: 30_000, intervalMs: 1_000, what: "the retired source's events refused" },
    );
    expect((await stored(STRANGER)).map((row) => row.event_id)).toContain(strangers.id);
  });
});

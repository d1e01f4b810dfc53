import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import {
  highWatermarks,
  KafkaTestClient,
  PartitionOffset,
  provisionAllTopics,
  TestDatabase,
} from '@refurb/testing';
import { Admin } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { toTopicMessage } from '../support/device-event-messages';
import { InProcessTracker, startTracker } from '../support/in-process-service';
import { trackerDatabase } from '../support/tracker-database';
import { deadLetteredEventsSince, produceAndDrain as drain } from '../support/tracker-drain';

const run = randomUUID().slice(0, 8).toUpperCase();
const CHATTY = `serial:acme:CHATTY-${run}`;
const RESOLD = `serial:acme:RESOLD-${run}`;

interface DevicePageBody {
  events: { eventId: string }[];
  cycles: { state: string; eventCount: number; events: { eventId: string }[] }[];
  page: { limit: number; totalEvents: number; nextCursor?: string; next?: string };
}

/**
 * A device whose history grows without bound must not grow the tracker's work with it: with small limits
 * set by env, events past a device's or an order's limit are dead-lettered with their own code and never
 * stored, duplicates of stored events take no room, everything else is derived as usual, and the device
 * view pages through what is stored.
 */
describe('tracker: hostile histories are capped and the device view pages', () => {
  const kafka = new KafkaTestClient();
  let admin: Admin;
  let database: TestDatabase;
  let tracker: InProcessTracker;
  let startAt: PartitionOffset[];
  const idOf = (name: string) => `${name}-${run}`;

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    admin = kafka.kafka.admin();
    await admin.connect();
    startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.deadLetter]);
    const groupId = `hostile-${randomUUID()}`;
    database = await trackerDatabase('hostile', groupId, startAt);
    tracker = await startTracker(database, {
      TRACKER_CONSUMER_GROUP: groupId,
      TRACKER_MAX_EVENTS_PER_DEVICE: '10',
      TRACKER_MAX_EVENTS_PER_ORDER: '4',
    });
  });

  afterAll(async () => {
    await tracker?.close();
    await admin?.disconnect();
    await kafka.close();
    await database?.drop();
  });

  async function produceAndDrain(events: Parameters<typeof toTopicMessage>[0][]): Promise<void> {
    await drain(kafka, admin, { database, groupId: tracker.groupId }, events.map(toTopicMessage));
  }

  async function deadLetterCodes(): Promise<Map<string, string>> {
    const letters = await deadLetteredEventsSince(kafka, admin, startAt);
    return new Map(letters.map(({ id, code }) => [id, code]));
  }

  async function storedIds(deviceId: string): Promise<string[]> {
    const rows = await database.query<{ event_id: string }>(
      'SELECT event_id FROM tracker.device_events WHERE device_id = $1 ORDER BY event_id',
      [deviceId],
    );
    return rows.map((row) => row.event_id);
  }

  it('dead-letters the events past the limits, stores and derives the rest', async () => {
    const chatty = eventsFor(CHATTY);
    const resold = eventsFor(RESOLD);
    // CHATTY: 13 diagnoses on one topic and partition, so in this order; limit 10 -> d1..d10 stored.
    const diagnoses = Array.from({ length: 13 }, (_, i) =>
      chatty.diagnosed(idOf(`d${String(i + 1).padStart(2, '0')}`), on(1, 0, i)),
    );
    // RESOLD: order o1 takes 4 (s1, x1, s2, x2); s3 is its fifth -> refused. s4 is another order.
    const sales = [
      resold.resold(idOf('s1'), on(10), 'o1'),
      resold.returned(idOf('x1'), on(11), 'o1'),
      resold.resold(idOf('s2'), on(12), 'o1'),
      resold.returned(idOf('x2'), on(13), 'o1'),
      resold.resold(idOf('s3'), on(14), 'o1'),
      resold.resold(idOf('s4'), on(15), 'o2'),
    ];
    await produceAndDrain([
      resold.collected(idOf('c'), on(1)),
      resold.refurbished(idOf('r'), on(5)),
      ...diagnoses,
      ...sales,
    ]);
    // Re-delivered copies of stored events are acknowledged and take no room; a new event still cannot fit.
    await produceAndDrain([diagnoses[0], diagnoses[1], chatty.diagnosed(idOf('d14'), on(2))]);

    const codes = await deadLetterCodes();
    expect(Object.fromEntries(codes)).toEqual({
      [idOf('d11')]: 'TRACKER.DEVICE_HISTORY_LIMIT',
      [idOf('d12')]: 'TRACKER.DEVICE_HISTORY_LIMIT',
      [idOf('d13')]: 'TRACKER.DEVICE_HISTORY_LIMIT',
      [idOf('d14')]: 'TRACKER.DEVICE_HISTORY_LIMIT',
      [idOf('s3')]: 'TRACKER.ORDER_HISTORY_LIMIT',
    });
    expect(await storedIds(CHATTY)).toEqual(diagnoses.slice(0, 10).map((event) => event.id));
    expect(await storedIds(RESOLD)).toEqual(['c', 'r', 's1', 's2', 's4', 'x1', 'x2'].map(idOf).sort());

    // o1 is returned, so s4 (order o2) is the credited resale of the one cycle.
    const [cycle] = await database.query<{ state: string }>(
      'SELECT state FROM tracker.device_cycles WHERE device_id = $1',
      [RESOLD],
    );
    expect(cycle.state).toBe('eligible');
  });

  it('pages the device view with a next link until every stored event was shown once', async () => {
    const shown: string[] = [];
    const pages: DevicePageBody[] = [];
    let path: string | undefined = `/v1/devices/${CHATTY}?limit=4`;
    while (path !== undefined) {
      const response = await fetch(`${tracker.url}${path}`, { headers: tracker.operator });
      expect(response.status).toBe(200);
      const body = (await response.json()) as DevicePageBody;
      pages.push(body);
      shown.push(...body.events.map((event) => event.eventId));
      path = body.page.next;
    }

    // 10 stored events at 4 per page: 4 + 4 + 2.
    expect(pages.map((page) => page.events.length)).toEqual([4, 4, 2]);
    expect(shown).toEqual(Array.from({ length: 10 }, (_, i) => idOf(`d${String(i + 1).padStart(2, '0')}`)));
    for (const page of pages) {
      expect(page.page.totalEvents).toBe(10);
      // The uncollected cycle holds all 10; each page lists only its own.
      expect(page.cycles).toHaveLength(1);
      expect(page.cycles[0].eventCount).toBe(10);
      expect(page.cycles[0].events.map((e) => e.eventId)).toEqual(page.events.map((e) => e.eventId));
    }

    const tooMany = await fetch(`${tracker.url}/v1/devices/${CHATTY}?limit=1001`, {
      headers: tracker.operator,
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ code: 'QUERY.INVALID_LIMIT' });
    const badCursor = await fetch(`${tracker.url}/v1/devices/${CHATTY}?cursor=bm9wZQ`, {
      headers: tracker.operator,
    });
    expect(badCursor.status).toBe(400);
    expect(await badCursor.json()).toMatchObject({ code: 'QUERY.INVALID_CURSOR' });
  });
});

import { CycleCreditRecord, INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { eventsFor } from '@refurb/lifecycle/testing/device-event-factory';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  provisionAllTopics,
  readRange,
  TestDatabase,
} from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { hasConsumedUpTo } from '../support/consumer-progress';
import { trackerDatabase } from '../support/tracker-database';
import { byTopic, toTopicMessage } from '../support/device-event-messages';
import { InProcessTracker, startTracker } from '../support/in-process-service';
import { assertConsistentCreditHistory, netCredits, parseCreditRecords } from '../support/tracker-snapshot';

const IMEI = '490154203237518';
const DEVICE = `imei:${IMEI}`;
const at = (day: number) => new Date(Date.UTC(2025, 2, day, 10)).toISOString();

describe('tracker device API and credit records', () => {
  const kafka = new KafkaTestClient();
  let database: TestDatabase;
  let tracker: InProcessTracker;
  let records: CycleCreditRecord[];

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    // Start at the end of the shared topics: only this test's events count.
    const startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.credited]);
    const creditedBefore = startAt.filter((offset) => offset.topic === TOPICS.credited);
    const groupId = `device-api-${randomUUID()}`;
    database = await trackerDatabase('device_api', groupId, startAt);
    tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    const device = eventsFor(DEVICE);
    // The worked example of docs/methodology.md: smartphone, battery replaced, one 450 km road leg ->
    // 46,362 g avoided.
    const events = [
      device.collected('api-col-1', at(1), { category: 'smartphone' }),
      device.repaired('api-rep-1', at(2), {
        partsReplaced: ['battery'],
        transport: { distanceKm: 450, mode: 'road' },
      }),
      device.refurbished('api-ref-1', at(3)),
      device.resold('api-sale-1', at(4), 'order-1'),
      device.resold('api-sale-2', at(5), 'order-2'),
    ];
    await kafka.produceBatch(byTopic(events.map(toTopicMessage)));
    const inputEnd = await highWatermarks(admin, INPUT_TOPICS);
    await eventually(
      () => hasConsumedUpTo(database, 'tracker.consumer_offsets', tracker.groupId, inputEnd),
      Boolean,
    );
    await eventually(
      () => database.query<{ n: string }>('SELECT count(*) AS n FROM tracker.outbox'),
      ([{ n }]) => n === '0',
    );
    records = parseCreditRecords(
      await readRange(
        kafka.kafka,
        TOPICS.credited,
        creditedBefore,
        await highWatermarks(admin, [TOPICS.credited]),
      ),
    );
    await admin.disconnect();
  });

  afterAll(async () => {
    await tracker?.close();
    await kafka.close();
    await database?.drop();
  });

  it('credits the cycle once, with the RL-REFURB-1 figure and its components', () => {
    // The four topics are consumed in parallel: if the repair is processed after the rest, the cycle is
    // first credited without it, then reversed and credited again. Either way one credit stands.
    assertConsistentCreditHistory(records);
    const standing = netCredits(records);
    expect(standing).toHaveLength(1);
    const [record] = standing.map((credit) => ({ data: credit }));
    expect(records.at(-1)?.type).toBe('cycle.credited');
    expect(record.data.emissions).toEqual({
      methodology: 'RL-REFURB-1',
      factorSetVersion: '2025-defaults',
      baselineG: 51180,
      newDeviceG: 56000,
      refurbishedShareBp: 1000,
      eolG: 500,
      lightRefurbishmentG: 2800,
      partsG: 2000,
      transportG: 18,
      projectG: 4818,
      avoidedG: 46362,
    });
    expect(record.data.signedAvoidedG).toBe(46362);
    expect(record.data.evidence).toMatchObject({
      deviceId: DEVICE,
      category: 'smartphone',
      collectionEventId: 'api-col-1',
      refurbishmentEventId: 'api-ref-1',
      creditedResaleEventId: 'api-sale-1',
      vintage: 2025,
    });
  });

  it('marks the factor set used, after which it can no longer change', async () => {
    await expect(
      database.query(`UPDATE tracker.factor_sets SET factors = '{}' WHERE version = '2025-defaults'`),
    ).rejects.toThrow(/immutable/);
  });

  it('GET /v1/devices/{deviceId} returns the cycle with events, state, conflict and credit status', async () => {
    // A bare IMEI is accepted and normalised, as partners send it.
    const response = await fetch(`${tracker.url}/v1/devices/${IMEI}`, { headers: tracker.operator });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      deviceId: string;
      events: { eventId: string }[];
      cycles: { state: string; conflicts: unknown[]; creditStatus: unknown; events: unknown[] }[];
    };
    expect(body.deviceId).toBe(DEVICE);
    expect(body.events.map((e) => e.eventId)).toEqual([
      'api-col-1',
      'api-rep-1',
      'api-ref-1',
      'api-sale-1',
      'api-sale-2',
    ]);
    expect(body.cycles).toHaveLength(1);
    expect(body.cycles[0].state).toBe('eligible');
    expect(body.cycles[0].events).toHaveLength(5);
    expect(body.cycles[0].conflicts).toEqual([
      { code: 'CYCLE.CONFLICTING_RESALE', creditedEventId: 'api-sale-1', conflictingEventId: 'api-sale-2' },
    ]);
    expect(body.cycles[0].creditStatus).toEqual({
      status: 'credited',
      changes: expect.any(Number) as number,
      changeId: expect.stringMatching(new RegExp(`^${DEVICE}/api-col-1/credit/\\d+$`)) as string,
      avoidedG: 46362,
      factorSetVersion: '2025-defaults',
    });
  });

  it('GET /v1/conflicts lists the open conflict', async () => {
    const response = await fetch(`${tracker.url}/v1/conflicts`, { headers: tracker.operator });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      conflicts: [
        {
          deviceId: DEVICE,
          cycleId: `${DEVICE}/api-col-1`,
          conflict: {
            code: 'CYCLE.CONFLICTING_RESALE',
            creditedEventId: 'api-sale-1',
            conflictingEventId: 'api-sale-2',
          },
        },
      ],
    });
  });

  it('answers 400 with a reason code for an invalid device id and 404 for an unknown one', async () => {
    const invalid = await fetch(`${tracker.url}/v1/devices/imei:490154203237519`, {
      headers: tracker.operator,
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ code: 'EVENT.INVALID_IMEI' });
    const unknown = await fetch(`${tracker.url}/v1/devices/serial:acme:NEVER-SEEN`, {
      headers: tracker.operator,
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'DEVICE.NOT_FOUND' });
  });

  it('lets a workshop key read the devices its workshop touched and nothing else, unknown ones alike', async () => {
    const keyOf = async (workshopId: string) => ({
      authorization: `Bearer ${(await tracker.keys.create('workshop', workshopId, 'test')).apiKey}`,
    });
    const own = await keyOf('ws-1');
    const other = await keyOf('ws-elsewhere');
    const read = async (path: string, headers: { authorization: string }) => {
      const response = await fetch(`${tracker.url}${path}`, { headers });
      return { status: response.status, body: (await response.json()) as { deviceId?: string } };
    };

    expect(await read(`/v1/devices/${IMEI}`, own)).toMatchObject({ status: 200, body: { deviceId: DEVICE } });
    // The events' content is for auditing readers (operator, auditor): a workshop sees their metadata only.
    const contentOf = async (headers: { authorization: string }) => {
      const response = await fetch(`${tracker.url}/v1/devices/${IMEI}`, { headers });
      const body = (await response.json()) as { events: { data?: { deviceId?: string } }[] };
      return body.events.map((event) => event.data?.deviceId);
    };
    expect(new Set(await contentOf(own))).toEqual(new Set([undefined]));
    const auditor = {
      authorization: `Bearer ${(await tracker.keys.create('auditor', undefined, 'test')).apiKey}`,
    };
    expect(new Set(await contentOf(auditor))).toEqual(new Set([DEVICE]));
    // Outside its scope a device answers exactly as one never seen: the key learns nothing of it.
    const outside = await read(`/v1/devices/${IMEI}`, other);
    expect(outside).toEqual({
      status: 404,
      body: { code: 'DEVICE.NOT_FOUND', message: `No event recorded for ${DEVICE}` },
    });
    expect((await read('/v1/conflicts', own)).status).toBe(403);

    const revoked = await tracker.keys.create('workshop', 'ws-1', 'revoked');
    await tracker.keys.revoke(revoked.keyId);
    expect((await read(`/v1/devices/${IMEI}`, { authorization: `Bearer ${revoked.apiKey}` })).status).toBe(
      401,
    );
  });
});

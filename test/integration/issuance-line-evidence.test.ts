import { appendLuhnCheckDigit, INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  provisionAllTopics,
  TestDatabase,
} from '@refurb/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { ISSUANCE_MIGRATIONS } from '../../apps/issuance/src/migrations';
import { runIssuanceCommand } from '../../apps/issuance/src/issuance-commands';
import { seedConsumerOffsets } from '../support/consumer-progress';
import { byTopic, toTopicMessage } from '../support/device-event-messages';
import {
  InProcessService,
  InProcessTracker,
  startIssuance,
  startTracker,
} from '../support/in-process-service';
import { migrateService, trackerDatabase } from '../support/tracker-database';

interface LineEvidence {
  line: {
    changeId: string;
    deviceId: string;
    evidenceEvents: { eventId: string; type: string; time: string }[];
    partsReplaced: { eventId: string; part: string }[];
    legs: unknown[];
  };
  events: { eventId: string; type: string; time: string; payload: Record<string, unknown> }[];
  missing: string[];
}

/**
 * The verifier's drill-down end to end: device events through the tracker, its credit record into an
 * issuance batch, and issuance reading the line's events back from the tracker with an `auditor` key.
 */
describe("issuance: a line's evidence, read from the real tracker", () => {
  const kafka = new KafkaTestClient();
  let database: TestDatabase;
  let tracker: InProcessTracker;
  let issuance: InProcessService;
  let verifierKey: string;
  const deviceId = `imei:${appendLuhnCheckDigit(`35${Array.from({ length: 12 }, () => randomInt(10)).join('')}`)}`;
  const device = eventsFor(deviceId);
  const suffix = randomUUID();
  const lifecycle = [
    device.collected(`le-c-${suffix}`, on(1), { category: 'laptop' }),
    device.repaired(`le-p-${suffix}`, on(2), { workshopId: 'ws-line-evidence', partsReplaced: ['battery'] }),
    device.refurbished(`le-r-${suffix}`, on(3), { workshopId: 'ws-line-evidence' }),
    device.resold(`le-s-${suffix}`, on(4), `order-${suffix}`),
  ];

  const cli = async (...argv: string[]) => (await runIssuanceCommand(issuance.app, argv)).output;
  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${issuance.url}${path}`, {
      headers: { authorization: `Bearer ${verifierKey}` },
    });
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.credited]);
    await admin.disconnect();
    const trackerGroup = `line-evidence-tracker-${randomUUID()}`;
    const issuanceGroup = `line-evidence-issuance-${randomUUID()}`;
    // Tracker and issuance share one database (their own schemas), as they do by default.
    database = await trackerDatabase('line_evidence', trackerGroup, startAt);
    await migrateService(database, 'issuance', ISSUANCE_MIGRATIONS);
    await seedConsumerOffsets(
      database,
      'issuance.consumer_offsets',
      issuanceGroup,
      startAt.filter((o) => o.topic === TOPICS.credited),
    );
    tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: trackerGroup });
    const auditor = await tracker.keys.create('auditor', undefined, 'issuance');
    issuance = await startIssuance(database, {
      ISSUANCE_CONSUMER_GROUP: issuanceGroup,
      ISSUANCE_TRACKER_URL: tracker.url,
      ISSUANCE_TRACKER_API_KEY: auditor.apiKey,
    });
    await cli('project', 'upsert', 'LE-FR', '--company', 'Line Evidence', '--country', 'FR');
    await cli('workshop', 'upsert', 'ws-line-evidence', '--name', 'Line Evidence', '--project', 'LE-FR');
    verifierKey = ((await cli('key-create', '--role', 'verifier', '--label', 'test')) as { apiKey: string })
      .apiKey;
    await kafka.produceBatch(byTopic(lifecycle.map(toTopicMessage)));
  });

  afterAll(async () => {
    await Promise.all([tracker?.close(), issuance?.close()]);
    await kafka.close();
    await database?.drop();
  });

  it('returns the line, the events it names with their stored payloads, and nothing missing', async () => {
    const [line] = await eventually(
      () =>
        database.query<{ batch_id: string; change_id: string }>(
          `SELECT batch_id, change_id FROM issuance.credit_lines WHERE evidence->>'deviceId' = $1`,
          [deviceId],
        ),
      (rows) => rows.length === 1,
      { timeoutMs: 120_000, what: "the device's credit line in issuance" },
    );
    const { status, body } = await get<LineEvidence>(
      `/v1/batches/${line.batch_id}/lines/${encodeURIComponent(line.change_id)}/evidence`,
    );
    expect(status).toBe(200);
    expect(body.line).toMatchObject({
      changeId: line.change_id,
      deviceId,
      kind: 'credit',
      workshopId: 'ws-line-evidence',
    });
    expect(body.line.partsReplaced).toEqual([{ eventId: lifecycle[1].id, part: 'battery' }]);
    expect(body.missing).toEqual([]);
    const named = body.line.evidenceEvents.map((event) => event.eventId);
    expect(named).toEqual(expect.arrayContaining(lifecycle.map((event) => event.id)));
    expect(body.events.map((event) => event.eventId)).toEqual(named);
    for (const event of body.events) {
      const sent = lifecycle.find((e) => e.id === event.eventId)!;
      expect(event).toMatchObject({ type: sent.type, time: sent.time });
      expect(event.payload).toMatchObject({ eventId: sent.id, type: sent.type, source: sent.source });
      // The content the figure rests on (the CloudEvent's data), not only its metadata.
      expect(event.payload.data).toMatchObject({ deviceId });
    }

    // The auditor key reads devices and nothing else.
    const conflicts = await fetch(`${tracker.url}/v1/conflicts`, {
      headers: { authorization: `Bearer ${(await tracker.keys.create('auditor', undefined, 'x')).apiKey}` },
    });
    expect(conflicts.status).toBe(403);
  });
});

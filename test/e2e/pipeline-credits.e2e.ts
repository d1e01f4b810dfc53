import { INPUT_TOPICS, TOPICS } from '@refurb/contracts';
import { ISSUANCE_MIGRATIONS } from '../../apps/issuance/src/migrations';
import { TRACKER_MIGRATIONS } from '../../apps/tracker/src/migrations';
import { seedConsumerOffsets } from '../support/consumer-progress';
import { migrateService, TRACKER_OFFSETS } from '../support/tracker-database';
import {
  createIssuanceKey,
  pipelineSettled,
  seedGatewayPartners,
  seedIssuanceProjects,
  ServiceProcess,
  ServiceSpec,
} from '@refurb/local-stack';
import { validImei } from '@refurb/contracts/testing';
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

/**
 * The whole pipeline as deployed: partners post to the gateway, the tracker derives cycles, issuance
 * batches the credits, finance closes batches over HTTP and reads the finance topic. Every expected
 * figure below is worked out by hand from docs/methodology.md, not by the code under test.
 *
 * Each device is the worked example of docs/methodology.md: a smartphone with a replaced battery and a
 * 450 km road leg, avoiding 46,362 g. All are refurbished at ws-paris-01 (project FR-01) and resold this
 * year.
 */
const WORKED_EXAMPLE_G = 46_362;

interface BatchView {
  id: string;
  state: string;
  projectId: string;
  vintage: number;
  lines: { lineCount: number; grossG: number };
  totals: Record<string, number> | null;
  serials: { first: number; last: number; block: string } | null;
}

describe('pipeline: gateway → tracker → issuance → finance', () => {
  const kafka = new KafkaTestClient();
  const services: ServiceProcess[] = [];
  const runId = randomUUID().slice(0, 8);
  const vintage = new Date().getUTCFullYear();
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let gatewayUrl: string;
  let issuanceUrl: string;
  let partnerKeys: Map<string, string>;
  let financeKey: string;
  let financeFrom: PartitionOffset[];

  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  /** One device's full refurbishment cycle, each event posted by the partner that would send it. */
  function deviceCycle(n: number) {
    const deviceId = validImei(9_000_000 + n);
    const id = (step: string) => `${runId}-${n}-${step}`;
    const base = { specversion: '1.0', source: 'ignored-by-the-gateway', subject: deviceId };
    return {
      deviceId,
      orderId: `order-${runId}-${n}`,
      collection: [
        {
          ...base,
          id: id('col'),
          type: 'device.collected',
          time: minutesAgo(300),
          data: { deviceId, category: 'smartphone', channel: 'rebox', siteId: 'fnac-paris-02' },
        },
      ],
      workshop: [
        {
          ...base,
          id: id('rep'),
          type: 'device.repaired',
          time: minutesAgo(240),
          data: {
            deviceId,
            workshopId: 'ws-paris-01',
            partsReplaced: ['battery'],
            transport: { distanceKm: 450, mode: 'road' },
          },
        },
        {
          ...base,
          id: id('ref'),
          type: 'device.refurbished',
          time: minutesAgo(200),
          data: {
            deviceId,
            workshopId: 'ws-paris-01',
            grade: 'A',
            erasureCertificateId: `cert-${runId}-${n}`,
          },
        },
      ],
      resale: [
        {
          ...base,
          id: id('sale'),
          type: 'device.resold',
          time: minutesAgo(120),
          data: { deviceId, orderId: `order-${runId}-${n}`, channel: 'backmarket', country: 'FR' },
        },
      ],
    };
  }

  async function post(partner: string, events: unknown[]): Promise<void> {
    const response = await fetch(`${gatewayUrl}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${partnerKeys.get(partner)}` },
      body: JSON.stringify(events),
    });
    const body = (await response.json()) as { accepted: number; rejected: number };
    expect(response.status).toBe(202);
    expect(body).toMatchObject({ accepted: events.length, rejected: 0 });
  }

  async function sendCycles(devices: ReturnType<typeof deviceCycle>[]): Promise<void> {
    // Sent role by role, resales first: arrival order must not matter.
    await post(
      'backmarket-fr',
      devices.flatMap((d) => d.resale),
    );
    await post(
      'atelier-lyon',
      devices.flatMap((d) => d.workshop),
    );
    await post(
      'rebox-fr',
      devices.flatMap((d) => d.collection),
    );
  }

  async function finance<T>(method: string, path: string): Promise<T> {
    const response = await fetch(`${issuanceUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${financeKey}` },
    });
    expect(response.status).toBeLessThan(300);
    return (await response.json()) as T;
  }

  /**
   * The open batch once the pipeline has settled. Its line count is not asserted: depending on which
   * topic's batch the tracker happens to process first, a cycle may be credited before its repair
   * arrives and then reversed and credited again, which adds lines but never changes the sum.
   */
  async function settledOpenBatch(): Promise<BatchView> {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      await eventually(
        () =>
          pipelineSettled(database.url, admin, {
            tracker: env.TRACKER_CONSUMER_GROUP!,
            issuance: env.ISSUANCE_CONSUMER_GROUP!,
          }),
        Boolean,
        { timeoutMs: 400_000, what: 'the pipeline to settle' },
      );
    } finally {
      await admin.disconnect();
    }
    const batches = await finance<BatchView[]>('GET', `/v1/batches?project=FR-01&state=open`);
    const open = batches.filter((batch) => batch.vintage === vintage);
    expect(open).toHaveLength(1);
    return open[0];
  }

  async function close(batchId: string): Promise<BatchView> {
    const closed = await finance<{ batch: BatchView }>('POST', `/v1/batches/${batchId}/close`);
    return closed.batch;
  }

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    financeFrom = await highWatermarks(admin, [TOPICS.batches]);
    // Earlier e2e files (the demo above all) leave a year of events on the shared topics: the pipeline's
    // consumer groups start at the topics' current ends, so its batches hold exactly this test's devices.
    const startAt = await highWatermarks(admin, [...INPUT_TOPICS, TOPICS.credited]);
    await admin.disconnect();

    database = await TestDatabase.create('e2e_pipeline');
    await migrateService(database, 'tracker', TRACKER_MIGRATIONS);
    await migrateService(database, 'issuance', ISSUANCE_MIGRATIONS);
    const trackerGroup = `e2e-pipeline-tracker-${runId}`;
    const issuanceGroup = `e2e-pipeline-issuance-${runId}`;
    await seedConsumerOffsets(
      database,
      TRACKER_OFFSETS,
      trackerGroup,
      startAt.filter((o) => o.topic !== TOPICS.credited),
    );
    await seedConsumerOffsets(
      database,
      'issuance.consumer_offsets',
      issuanceGroup,
      startAt.filter((o) => o.topic === TOPICS.credited),
    );
    const ports = { gateway: await freePort(), tracker: await freePort(), issuance: await freePort() };
    env = {
      ...process.env,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      DATABASE_URL: database.url,
      GATEWAY_PORT: String(ports.gateway),
      TRACKER_PORT: String(ports.tracker),
      ISSUANCE_PORT: String(ports.issuance),
      TRACKER_CONSUMER_GROUP: trackerGroup,
      ISSUANCE_CONSUMER_GROUP: issuanceGroup,
    };
    for (const name of ['gateway', 'tracker', 'issuance'] as ServiceSpec['name'][]) {
      const service = new ServiceProcess({ name, port: ports[name] }, env, () => undefined);
      services.push(service);
      service.start();
      await service.waitUntilHealthy();
    }
    gatewayUrl = services[0].url;
    issuanceUrl = services[2].url;
    partnerKeys = await seedGatewayPartners(env);
    await seedIssuanceProjects(env);
    financeKey = await createIssuanceKey(env, 'finance', 'e2e');
  }, 300_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await kafka.close();
    await database?.drop();
  });

  it('closes batches with the discount, carry-over and serial blocks worked out by hand', async () => {
    // Batch 1: 25 devices.
    const first = Array.from({ length: 25 }, (_, n) => deviceCycle(n));
    await sendCycles(first);
    const open1 = await settledOpenBatch();
    expect(open1.lines.grossG).toBe(25 * WORKED_EXAMPLE_G);
    const closed1 = await close(open1.id);
    // gross = 25 × 46,362 = 1,159,050; discount = ceil(1,159,050 × 500 / 10,000) = ceil(57,952.5) = 57,953
    // net = 1,159,050 − 57,953 + 0 = 1,101,097; credits = 1; carried out = 101,097
    expect(closed1.totals).toMatchObject({
      discountBp: 500,
      grossG: 1_159_050,
      discountG: 57_953,
      carriedInG: 0,
      netG: 1_101_097,
      credits: 1,
      carriedOutG: 101_097,
    });
    expect(closed1.serials?.block).toBe(`RL-FR-01-${vintage}-000001-000001`);

    // Batch 2: 22 new devices, and device 0 of batch 1 is returned after its batch closed.
    const second = Array.from({ length: 22 }, (_, n) => deviceCycle(100 + n));
    await sendCycles(second);
    await post('backmarket-fr', [
      {
        specversion: '1.0',
        id: `${runId}-0-return`,
        source: 'x',
        type: 'device.returned',
        time: minutesAgo(1),
        data: { deviceId: first[0].deviceId, orderId: first[0].orderId, reason: 'faulty screen' },
      },
    ]);
    const open2 = await settledOpenBatch();
    expect(open2.lines.grossG).toBe(21 * WORKED_EXAMPLE_G);
    const closed2 = await close(open2.id);
    // gross = 22 × 46,362 − 46,362 (the reversal) = 973,602; discount = ceil(48,680.1) = 48,681
    // net = 973,602 − 48,681 + 101,097 = 1,026,018; credits = 1; carried out = 26,018
    expect(closed2.totals).toMatchObject({
      discountBp: 500,
      grossG: 21 * WORKED_EXAMPLE_G,
      discountG: 48_681,
      carriedInG: 101_097,
      netG: 1_026_018,
      credits: 1,
      carriedOutG: 26_018,
    });
    expect(closed2.serials?.block).toBe(`RL-FR-01-${vintage}-000002-000002`);

    // The returned device's negative line is in batch 2, traced to its cycle.
    const csv = await (
      await fetch(`${issuanceUrl}/v1/batches/${open2.id}/evidence.csv`, {
        headers: { authorization: `Bearer ${financeKey}` },
      })
    ).text();
    const returnedRows = csv.split('\n').filter((row) => row.includes(first[0].deviceId));
    expect(returnedRows.some((row) => row.includes(`,-${WORKED_EXAMPLE_G},`))).toBe(true);

    // Finance reads both closes, with their full totals, on credits.batches.v1.
    const admin = kafka.kafka.admin();
    await admin.connect();
    const financeTo = await eventually(
      () => highWatermarks(admin, [TOPICS.batches]),
      (to) =>
        to.reduce((s, o) => s + Number(o.offset), 0) >=
        financeFrom.reduce((s, o) => s + Number(o.offset), 0) + 2,
      { what: 'two finance events' },
    );
    await admin.disconnect();
    const announcements = (await readRange(kafka.kafka, TOPICS.batches, financeFrom, financeTo)).map(
      (message) =>
        JSON.parse(message.value!.toString()) as {
          type: string;
          data: { batchId?: string; id?: string } & Record<string, unknown>;
        },
    );
    const text = JSON.stringify(announcements);
    expect(text).toContain(open1.id);
    expect(text).toContain(open2.id);
    expect(text).toContain(`RL-FR-01-${vintage}-000001-000001`);
    expect(text).toContain(`RL-FR-01-${vintage}-000002-000002`);
    expect(text).toContain('1101097');
    expect(text).toContain('1026018');
  }, 900_000);
});

import { INPUT_TOPICS } from '@refurb/contracts';
import { PartnerRole, sendToGateway, Simulation, SimulatorException } from '@refurb/simulator';
import {
  freePort,
  highWatermarks,
  KafkaTestClient,
  provisionAllTopics,
  readRange,
  TestDatabase,
} from '@refurb/testing';
import { Admin } from 'kafkajs';
import { InProcessGateway, startGateway } from '../support/in-process-gateway';

/** A fixed window keeps the scenario the same on every run (it is in the past whenever the test runs). */
const UNTIL = '2026-11-01T00:00:00Z';

interface Gateway extends InProcessGateway {
  keys: Record<PartnerRole, string>;
}

/** The demo partners of each role, as seeded for local runs, each with a fresh key. */
async function startSeededGateway(database: TestDatabase, env: Record<string, string>): Promise<Gateway> {
  const gateway = await startGateway(database, env);
  await gateway.partners.seedDemoPartners();
  const keys = {
    collection: (await gateway.partners.createKey('rebox-fr', 'simulator-test')).apiKey,
    workshop: (await gateway.partners.createKey('atelier-lyon', 'simulator-test')).apiKey,
    resale: (await gateway.partners.createKey('backmarket-fr', 'simulator-test')).apiKey,
  };
  return { ...gateway, keys };
}

describe('simulator gateway sink against the gateway on real Kafka and PostgreSQL', () => {
  const kafka = new KafkaTestClient();
  let admin: Admin;
  let database: TestDatabase;
  let gateway: Gateway;

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    admin = kafka.kafka.admin();
    await admin.connect();
    database = await TestDatabase.create('simulator_gateway');
    // A small bucket, so that the run meets 429s and has to honour Retry-After.
    gateway = await startSeededGateway(database, {
      GATEWAY_RATE_LIMIT_EVENTS_PER_SECOND: '40',
      GATEWAY_RATE_LIMIT_BURST: '120',
    });
  });

  afterAll(async () => {
    await gateway?.app.close();
    await admin?.disconnect();
    await kafka.close();
    await database?.drop();
  });

  it('posts every delivery with its role key and counts the answers the summary expects', async () => {
    const simulation = new Simulation({
      seed: 616,
      devices: 120,
      until: UNTIL,
      rates: { duplicates: 0.04, malformed: 0.08 },
    });
    const summary = simulation.summary();
    const from = await highWatermarks(admin, INPUT_TOPICS);

    const result = await sendToGateway(simulation.deliveries(), {
      url: gateway.url,
      keys: gateway.keys,
      batchSize: 100,
    });

    const expected = summary.expected.viaGateway;
    expect(result).toMatchObject({
      via: 'gateway',
      sent: summary.deliveries,
      accepted: expected.accepted,
      rejected: expected.rejected,
      rejectedByCode: expected.rejectedByCode,
    });
    expect(result.accepted + result.rejected).toBe(summary.deliveries);
    expect(result.rejectedByCode['GATEWAY.MALFORMED_JSON']).toBeGreaterThan(0);
    expect(result.retries).toBeGreaterThan(0);

    // Kafka holds every well-formed event (a duplicate inside one request is produced once), under the
    // sender's partner as source, and nothing else.
    const to = await highWatermarks(admin, INPUT_TOPICS);
    const produced = (await Promise.all(INPUT_TOPICS.map((topic) => readRange(kafka.kafka, topic, from, to))))
      .flat()
      .map((message) => JSON.parse(message.value!.toString()) as { id: string; source: string });
    const eventIds = [...simulation.deliveries()].flatMap((d) => (d.kind === 'event' ? [d.event.id] : []));
    expect(new Set(produced.map((event) => event.id))).toEqual(new Set(eventIds));
    expect(produced.length).toBeGreaterThanOrEqual(summary.events);
    expect(produced.length).toBeLessThanOrEqual(summary.events + summary.duplicates);
    expect(new Set(produced.map((event) => event.source))).toEqual(
      new Set(['partners/rebox-fr', 'partners/atelier-lyon', 'partners/backmarket-fr']),
    );
  });

  it('stops with SIMULATOR.GATEWAY_REFUSED when the gateway refuses a key', async () => {
    const simulation = new Simulation({ seed: 617, devices: 5, until: UNTIL });
    const keys = { ...gateway.keys, collection: 'not-a-real-key' };
    const error = await sendToGateway(simulation.deliveries(), { url: gateway.url, keys }).catch(
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(SimulatorException);
    expect(error).toMatchObject({ code: 'SIMULATOR.GATEWAY_REFUSED' });
    expect((error as Error).message).toMatch(/answered 401 \(GATEWAY\.(MISSING|INVALID)_API_KEY/);
  });

  it('gives up with SIMULATOR.GATEWAY_UNAVAILABLE when nothing answers', async () => {
    const simulation = new Simulation({ seed: 618, devices: 5, until: UNTIL });
    const url = `http://127.0.0.1:${await freePort()}`;
    const error = await sendToGateway(simulation.deliveries(), {
      url,
      keys: gateway.keys,
      maxAttempts: 3,
      retryDelayMs: 10,
    }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(SimulatorException);
    expect(error).toMatchObject({ code: 'SIMULATOR.GATEWAY_UNAVAILABLE' });
  });
});

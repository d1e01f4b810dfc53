import { randomUUID } from 'node:crypto';
import { TOPICS } from '@refurb/contracts';
import { ServiceProcess, ServiceSpec } from '@refurb/local-stack';
import { eventually, freePort, KafkaTestClient, TestDatabase, testKafkaBrokers } from '@refurb/testing';
import { KafkaMessage } from 'kafkajs';
import { registerKafkaSources, unrestrictedSource } from '../support/tracker-sources';

const SERVICE_NAMES: ServiceSpec['name'][] = ['gateway', 'tracker', 'issuance'];

describe('foundation: the built services on real Kafka and PostgreSQL', () => {
  let database: TestDatabase;
  let kafka: KafkaTestClient;
  const services = new Map<ServiceSpec['name'], ServiceProcess>();
  const output: string[] = [];
  const runId = randomUUID().slice(0, 8);
  const trackerGroup = `e2e-tracker-${runId}`;

  beforeAll(async () => {
    database = await TestDatabase.create('e2e_foundation');
    // The Kafka-native partner of the test below, registered before the tracker consumes anything.
    await registerKafkaSources(database, [unrestrictedSource('rebox/store-042')]);
    kafka = new KafkaTestClient();
    const ports = { gateway: await freePort(), tracker: await freePort(), issuance: await freePort() };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      DATABASE_URL: database.url,
      GATEWAY_PORT: String(ports.gateway),
      TRACKER_PORT: String(ports.tracker),
      ISSUANCE_PORT: String(ports.issuance),
      TRACKER_CONSUMER_GROUP: trackerGroup,
      ISSUANCE_CONSUMER_GROUP: `e2e-issuance-${runId}`,
    };
    for (const name of SERVICE_NAMES) {
      const service = new ServiceProcess({ name, port: ports[name] }, env, (line) => void output.push(line));
      services.set(name, service);
      service.start();
      await service.waitUntilHealthy();
    }
  });

  afterAll(async () => {
    await Promise.all([...services.values()].map((service) => service.stop()));
    await kafka?.close();
    await database?.drop();
  });

  const CONSUMER_CHECKS = { consumer: { status: 'up', state: 'running' }, outbox: { status: 'up' } };
  const EXPECTED_CHECKS: Record<ServiceSpec['name'], object> = {
    gateway: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    tracker: { postgres: { status: 'up' }, kafka: { status: 'up' }, ...CONSUMER_CHECKS },
    issuance: { postgres: { status: 'up' }, kafka: { status: 'up' }, ...CONSUMER_CHECKS },
  };

  it.each(SERVICE_NAMES)('%s is live, and ready with every dependency up', async (name) => {
    const live = await fetch(`${services.get(name)!.url}/health/live`);
    expect(live.status).toBe(200);
    for (const path of ['/health/ready', '/health']) {
      const response = await fetch(`${services.get(name)!.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', checks: EXPECTED_CHECKS[name] });
    }
  });

  it('creates every topic of the design with the configured partition count', async () => {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: Object.values(TOPICS) });
      expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
        Object.values(TOPICS)
          .map((topic) => [topic, 12])
          .sort(),
      );
    } finally {
      await admin.disconnect();
    }
  });

  it('a CloudEvent produced to devices.collection.v1 lands as a row in PostgreSQL', async () => {
    const eventId = `e2e-${randomUUID()}`;
    const event = {
      specversion: '1.0',
      id: eventId,
      source: 'rebox/store-042',
      type: 'device.collected',
      subject: 'imei:490154203237518',
      time: new Date(Date.now() - 60_000).toISOString(),
      datacontenttype: 'application/json',
      data: {
        deviceId: 'imei:490154203237518',
        category: 'smartphone',
        channel: 'rebox',
        siteId: 'store-042',
      },
    };
    await kafka.produce(TOPICS.collection, [
      {
        key: event.subject,
        value: JSON.stringify(event),
        headers: { 'content-type': 'application/cloudevents+json' },
      },
    ]);

    const rows = await eventually(
      () =>
        database.query<{ device_id: string; type: string }>(
          'SELECT device_id, type FROM tracker.device_events WHERE event_id = $1',
          [eventId],
        ),
      (found) => found.length === 1,
      { timeoutMs: 300_000, what: `event ${eventId} in tracker.device_events` },
    );
    expect(rows[0]).toEqual({ device_id: 'imei:490154203237518', type: 'device.collected' });
  });

  it('a message that is not an event goes to the dead-letter topic with its reason', async () => {
    const deadLetters = await kafka.collect(TOPICS.deadLetter);
    const garbage = `not json ${randomUUID()}`;
    await kafka.produce(TOPICS.repair, [{ key: 'imei:490154203237518', value: garbage }]);

    const isOurs = (message: KafkaMessage) => message.value?.toString() === garbage;
    await eventually(
      () => Promise.resolve(deadLetters.filter(isOurs)),
      (found) => found.length === 1,
      { timeoutMs: 300_000, what: 'the dead letter' },
    );
    const headers = deadLetters.find(isOurs)!.headers!;
    expect(headers['dlq-reason-code']?.toString()).toBe('EVENT.MALFORMED_JSON');
    expect(headers['dlq-source-topic']?.toString()).toBe(TOPICS.repair);
  });

  it('on SIGTERM the tracker finishes, leaves its consumer group at once and exits', async () => {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const members = async () => (await admin.describeGroups([trackerGroup])).groups[0].members.length;
      expect(await members()).toBe(1);
      await services.get('tracker')!.stop();
      // Without a clean leave the member would linger until the 30 s session timeout.
      expect(await members()).toBe(0);
    } finally {
      await admin.disconnect();
    }
  });
});

import { INestApplication } from '@nestjs/common';
import { AnyDeviceEvent, INPUT_TOPICS, STRUCTURED_HEADERS, TOPIC_BY_EVENT_TYPE } from '@refurb/contracts';
import { loadConfig } from '@refurb/config';
import { eventsFor } from '@refurb/lifecycle/testing/device-event-factory';
import { eventually, freePort, KafkaTestClient, provisionAllTopics, TestDatabase } from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { consumerLag, totalLag } from '../../libs/bench/src/consumer-lag';
import { startNaiveTracker } from '../../libs/bench/src/naive/naive-tracker.app';
import { NaiveTrackerEnv } from '../../libs/bench/src/naive/naive-tracker.env';

const deviceId = 'imei:356938035643809';
const device = eventsFor(deviceId);
const day = (n: number) => new Date(Date.UTC(2025, 0, n, 10)).toISOString();

function record(event: AnyDeviceEvent) {
  return {
    topic: TOPIC_BY_EVENT_TYPE[event.type],
    messages: [{ key: deviceId, value: JSON.stringify(event), headers: { ...STRUCTURED_HEADERS } }],
  };
}

/**
 * The benchmark's naive tracker through the stock Nest Kafka transport: it reads its own group, skips
 * exact re-deliveries, and a restart in the same group takes up the records that came after. The
 * input topics are shared with other tests, so the group is set to start at their current end.
 */
describe('naive tracker on the stock Nest Kafka transport', () => {
  const kafka = new KafkaTestClient();
  const groupId = `naive-test-${randomUUID()}`;
  let database: TestDatabase;
  let env: NaiveTrackerEnv;
  let app: INestApplication | undefined;

  const groupDone = async () => {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId, topics: [...INPUT_TOPICS] });
      const lags = await Promise.all(
        committed.map(async ({ topic, partitions }) =>
          consumerLag(await admin.fetchTopicOffsets(topic), partitions),
        ),
      );
      return totalLag(lags).remaining === 0;
    } finally {
      await admin.disconnect();
    }
  };
  const credits = () => database.query<{ avoided_g: number }>('SELECT avoided_g FROM naive.cycle_credits');
  const count = async (table: string) =>
    Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    database = await TestDatabase.create('naive_kafka');
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    for (const topic of INPUT_TOPICS) {
      // Freshly created topics answer once their partitions have leaders.
      const ends = await eventually(
        () => admin.fetchTopicOffsets(topic),
        () => true,
        { what: `${topic} offsets` },
      );
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }
    await admin.disconnect();
    env = loadConfig(NaiveTrackerEnv, {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      DATABASE_URL: database.url,
      NAIVE_TRACKER_PORT: String(await freePort()),
      NAIVE_TRACKER_CONSUMER_GROUP: groupId,
    });
  });

  afterAll(async () => {
    await app?.close();
    await kafka.close();
    await database?.drop();
  });

  it('credits a cycle once from records delivered twice, and a restart in the same group takes up what came after', async () => {
    const resale = device.resold('s1', day(4), 'o1');
    await kafka.produceBatch([
      record(device.collected('c1', day(1))),
      record(device.refurbished('f1', day(3))),
      record(resale),
      record(resale),
      {
        topic: INPUT_TOPICS[0],
        messages: [{ key: deviceId, value: '{"id":', headers: { ...STRUCTURED_HEADERS } }],
      },
    ]);
    app = await startNaiveTracker(env, false);
    await eventually(groupDone, Boolean, { what: 'the naive group to commit every record' });
    // Smartphone, no part, no leg: BE 51,180 - PE 2,800.
    expect(await credits()).toEqual([{ avoided_g: 48_380 }]);
    expect(await count('naive.device_events')).toBe(3);
    expect(await count('naive.refused_events')).toBe(1);
    await app.close();

    await kafka.produceBatch([record(device.returned('x1', day(5), 'o1'))]);
    app = await startNaiveTracker(env, false);
    await eventually(groupDone, Boolean, { what: 'the restarted group to commit the return' });
    expect(await credits()).toEqual([]);
    expect(await count('naive.device_events')).toBe(4);
    expect(await count('naive.refused_events')).toBe(1);
  });
});

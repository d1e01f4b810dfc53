import {
  decodeCloudEvent,
  INPUT_TOPICS,
  STRUCTURED_CONTENT_TYPE,
  TOPICS,
  validateDeviceEvent,
} from '@refurb/contracts';
import { AcknowledgedBatch, Delivery, deliveryBody, sendToKafka, Simulation } from '@refurb/simulator';
import {
  eventually,
  highWatermarks,
  KafkaTestClient,
  PartitionOffset,
  provisionAllTopics,
  readRange,
} from '@refurb/testing';
import { Admin, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { startTracker } from '../support/in-process-service';
import { trackerCaughtUp, trackerDatabase } from '../support/tracker-database';

/** Deliveries and messages as `key -> bodies in order`: one key stays on one partition, in order. */
function sequencesByKey(items: readonly { key: string; body: string }[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const { key, body } of items) byKey.set(key, [...(byKey.get(key) ?? []), body]);
  return byKey;
}

function countBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const key = keyOf(item);
    if (key !== undefined) counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** A fixed window keeps the scenarios the same on every run (it is in the past whenever the test runs). */
const UNTIL = '2026-11-01T00:00:00Z';

describe('simulator Kafka sink on a real broker', () => {
  const kafka = new KafkaTestClient();
  let admin: Admin;

  beforeAll(async () => {
    await provisionAllTopics(kafka.kafka);
    admin = kafka.kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await kafka.close();
  });

  /** Every message the sink wrote on each input topic. */
  async function written(from: PartitionOffset[]): Promise<Record<string, KafkaMessage[]>> {
    const to = await highWatermarks(admin, INPUT_TOPICS);
    const messages: Record<string, KafkaMessage[]> = {};
    for (const topic of INPUT_TOPICS) messages[topic] = await readRange(kafka.kafka, topic, from, to);
    return messages;
  }

  it('produces every delivery to its input topic, keyed by device id, structured, in order per device', async () => {
    const simulation = new Simulation({
      seed: 515,
      devices: 150,
      until: UNTIL,
      rates: { duplicates: 0.05, malformed: 0.05 },
    });
    const summary = simulation.summary();
    const deliveries: Delivery[] = [...simulation.deliveries()];
    const from = await highWatermarks(admin, INPUT_TOPICS);

    const batches: AcknowledgedBatch[] = [];
    const result = await sendToKafka(simulation.deliveries(), {
      kafka: kafka.kafka,
      batchSize: 100,
      onBatch: (batch) => batches.push(batch),
    });

    expect(result).toMatchObject({
      via: 'kafka',
      sent: summary.deliveries,
      sentByTopic: summary.deliveriesByTopic,
      sentByKind: { event: summary.events, duplicate: summary.duplicates, malformed: summary.malformed },
      batches: Math.ceil(summary.deliveries / 100),
    });
    expect(batches.flatMap((batch) => batch.deliveries.map((d) => d.seq))).toEqual(
      deliveries.map((d) => d.seq),
    );

    const messages = await written(from);
    let accepted = 0;
    const refusedCodes: string[] = [];
    for (const topic of INPUT_TOPICS) {
      expect(messages[topic]).toHaveLength(summary.deliveriesByTopic[topic]);
      const sent = deliveries
        .filter((d) => d.topic === topic)
        .map((d) => ({ key: d.key, body: deliveryBody(d).toString('utf8') }));
      const received = messages[topic].map((m) => ({
        key: m.key!.toString(),
        body: m.value!.toString('utf8'),
      }));
      expect(sequencesByKey(received)).toEqual(sequencesByKey(sent));
      for (const message of messages[topic]) {
        expect(message.headers?.['content-type']?.toString()).toBe(STRUCTURED_CONTENT_TYPE);
        // What the tracker does with each message at the Kafka door.
        const decoded = decodeCloudEvent(message);
        const validated = decoded.ok ? validateDeviceEvent(decoded.envelope, { now: new Date() }) : decoded;
        if (validated.ok) accepted++;
        else refusedCodes.push(validated.rejection.code);
      }
    }
    expect(accepted).toBe(summary.events + summary.duplicates);
    expect(countBy(refusedCodes, (code) => code)).toEqual(summary.malformedByCode);
  });

  it('paces sends to a target rate in smaller batches', async () => {
    const simulation = new Simulation({ seed: 516, devices: 60, until: UNTIL });
    const { deliveries } = simulation.summary();
    const startedAt = Date.now();
    const batches: AcknowledgedBatch[] = [];
    const result = await sendToKafka(simulation.deliveries(), {
      kafka: kafka.kafka,
      ratePerSecond: 500,
      onBatch: (batch) => batches.push(batch),
    });
    expect(result.sent).toBe(deliveries);
    // 500 events/s in 20 sends per second: 25 per batch, the first batch at once, then one every 50 ms.
    expect(Math.max(...batches.map((batch) => batch.deliveries.length))).toBe(25);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(((deliveries - 25) / 500) * 1000);
  });

  it('leads the tracker to exactly the outcomes the summary expects', async () => {
    const simulation = new Simulation({
      seed: 517,
      devices: 400,
      until: UNTIL,
      rates: {
        duplicates: 0.03,
        late: 0.1,
        malformed: 0.03,
        returns: 0.2,
        conflictingResales: 0.05,
        secondLife: 0.3,
      },
    });
    const summary = simulation.summary();
    const groupId = `simulator-${randomUUID()}`;
    const inputStart = await highWatermarks(admin, INPUT_TOPICS);
    const database = await trackerDatabase('simulator_kafka', groupId, inputStart);
    const deadLettersFrom = await highWatermarks(admin, [TOPICS.deadLetter]);
    const tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    try {
      await sendToKafka(simulation.deliveries(), { kafka: kafka.kafka });
      const inputEnd = await highWatermarks(admin, INPUT_TOPICS);
      await eventually(() => trackerCaughtUp(database, groupId, inputEnd), Boolean, {
        timeoutMs: 180_000,
        what: 'the tracker to consume the simulation',
      });

      const [{ stored }] = await database.query<{ stored: string }>(
        'SELECT count(*) AS stored FROM tracker.device_events',
      );
      expect(Number(stored)).toBe(summary.expected.viaKafka.storedEvents);
      const cycles = await database.query<{ state: string; conflicts: number; workshop: string | null }>(
        `SELECT c.state, c.conflicts, credit.credit->'evidence'->>'workshopId' AS workshop
         FROM tracker.device_cycles c LEFT JOIN tracker.cycle_credits credit USING (cycle_id)`,
      );
      expect(cycles).toHaveLength(summary.cycles.total);
      expect(cycles.filter((cycle) => cycle.state === 'eligible')).toHaveLength(
        summary.cycles.creditEligible,
      );
      expect(countBy(cycles, (cycle) => cycle.workshop ?? undefined)).toEqual(
        summary.cycles.creditEligibleByWorkshop,
      );
      expect(cycles.reduce((sum, cycle) => sum + cycle.conflicts, 0)).toBe(summary.cycles.conflictingResales);
      expect(summary.cycles.secondLife).toBeGreaterThan(0);

      const deadLetters = await readRange(
        kafka.kafka,
        TOPICS.deadLetter,
        deadLettersFrom,
        await highWatermarks(admin, [TOPICS.deadLetter]),
      );
      expect(countBy(deadLetters, (m) => m.headers?.['dlq-reason-code']?.toString())).toEqual(
        summary.expected.viaKafka.deadLetteredByCode,
      );
    } finally {
      await tracker.close();
      await database.drop();
    }
  });
});

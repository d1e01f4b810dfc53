import { INPUT_TOPICS } from '@refurb/contracts';
import { ConsumerState } from '@refurb/kafka';
import { eventsFor, on } from '@refurb/lifecycle/testing/device-event-factory';
import { eventually, highWatermarks, KafkaTestClient, provisionAllTopics } from '@refurb/testing';
import { randomUUID } from 'node:crypto';
import { byTopic, toTopicMessage } from '../support/device-event-messages';
import { startTracker } from '../support/in-process-service';
import { processedSince, trackerDatabase } from '../support/tracker-database';

interface ReadinessAnswer {
  status: number;
  body: { status: string; checks: Record<string, { status: string; reason?: string; state?: string }> };
}

async function readiness(url: string): Promise<ReadinessAnswer> {
  const response = await fetch(`${url}/health/ready`);
  return { status: response.status, body: (await response.json()) as ReadinessAnswer['body'] };
}

/**
 * A fault in the deployment (here the events table is missing, as after a botched manual migration)
 * would fail every message, so the consumer halts rather than dead-letter the whole topic. It must then
 * say so: readiness 503 naming the consumer as failed, for good, while the database and broker are up,
 * and nothing is consumed past the fault.
 */
describe('tracker: a consumer halted by a deployment fault makes the service unready', () => {
  const kafka = new KafkaTestClient();

  afterAll(() => kafka.close());

  it('answers 503 with the consumer failed, and stores no offset past the fault', async () => {
    await provisionAllTopics(kafka.kafka);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const startAt = await highWatermarks(admin, INPUT_TOPICS);
    await admin.disconnect();
    const groupId = `halts-${randomUUID()}`;
    const database = await trackerDatabase('halts', groupId, startAt);
    const tracker = await startTracker(database, { TRACKER_CONSUMER_GROUP: groupId });
    try {
      await eventually(
        () => readiness(tracker.url),
        (answer) => answer.status === 200,
        { timeoutMs: 60_000, what: 'the tracker ready' },
      );
      await database.query('ALTER TABLE tracker.device_events RENAME TO device_events_moved');
      const device = eventsFor(`serial:acme:HALT-${randomUUID().slice(0, 8)}`);
      await kafka.produceBatch(byTopic([toTopicMessage(device.collected(`halt-${randomUUID()}`, on(1)))]));

      const halted = await eventually(
        () => readiness(tracker.url),
        (answer) => answer.status === 503,
        { timeoutMs: 120_000, intervalMs: 250, what: 'the tracker unready after the halt' },
      );
      expect(tracker.app.get(ConsumerState).status).toBe('failed');
      expect(halted.body.status).toBe('unavailable');
      expect(halted.body.checks.consumer).toEqual({ status: 'down', reason: 'NOT_RUNNING', state: 'failed' });
      expect(halted.body.checks.postgres).toEqual({ status: 'up' });
      expect(halted.body.checks.kafka).toEqual({ status: 'up' });
      // Failed for good: the consumer is not restarted, and the event waits for the fixed deployment.
      expect(await processedSince(database, groupId, startAt)).toBe(0);
      expect(tracker.app.get(ConsumerState).status).toBe('failed');
      expect((await fetch(`${tracker.url}/health/live`)).status).toBe(200);
    } finally {
      await tracker.close();
      await database.drop();
    }
  }, 300_000);
});

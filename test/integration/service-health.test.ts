import { disposableTestBroker } from '@refurb/local-stack';
import { eventually, TestDatabase } from '@refurb/testing';
import { startTracker } from '../support/in-process-service';

interface HealthAnswer {
  status: number;
  body: { status: string; checks?: Record<string, { status: string; reason?: string; state?: string }> };
  text: string;
}

async function get(url: string): Promise<HealthAnswer> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as HealthAnswer['body'], text };
}

/** The tracker's liveness and readiness against a broker of the test's own, which it kills. */
describe('service health: liveness is the process, readiness is every dependency', () => {
  const broker = disposableTestBroker();
  let database: TestDatabase;

  beforeAll(async () => {
    await broker.reset();
    await broker.start();
    database = await TestDatabase.create('service-health');
  }, 180_000);

  afterAll(async () => {
    await broker.reset();
    await database?.drop();
  }, 60_000);

  it('is ready with its database, broker, consumer and outbox up, and unready naming the broker and consumer when the broker dies', async () => {
    const tracker = await startTracker(database, {
      KAFKA_BROKERS: broker.bootstrapServer,
      KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
    });
    try {
      expect(await get(`${tracker.url}/health/live`)).toMatchObject({ status: 200, body: { status: 'ok' } });
      const ready = await eventually(
        () => get(`${tracker.url}/health/ready`),
        (answer) => answer.status === 200,
        { timeoutMs: 60_000, what: 'the tracker ready' },
      );
      expect(ready.body).toEqual({
        status: 'ok',
        checks: {
          postgres: { status: 'up' },
          kafka: { status: 'up' },
          consumer: { status: 'up', state: 'running' },
          outbox: { status: 'up' },
        },
      });
      expect((await get(`${tracker.url}/health`)).status).toBe(200);

      await broker.stop(0);
      const unready = await eventually(
        () => get(`${tracker.url}/health/ready`),
        (answer) => answer.status === 503 && answer.body.checks?.consumer.status === 'down',
        { timeoutMs: 120_000, intervalMs: 500, what: 'the tracker unready' },
      );
      expect(unready.body.status).toBe('unavailable');
      expect(unready.body.checks?.postgres).toEqual({ status: 'up' });
      expect(unready.body.checks?.kafka).toEqual({
        status: 'down',
        reason: expect.stringMatching(/^(UNREACHABLE|TIMEOUT)$/) as unknown,
      });
      expect(unready.body.checks?.consumer).toMatchObject({ status: 'down', reason: 'NOT_RUNNING' });
      // A readiness answer is read by load balancers and dashboards: no raw error text, no addresses.
      expect(unready.text).not.toMatch(/ECONN|127\.0\.0\.1|Error|connect/i);
      expect(await get(`${tracker.url}/health/live`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    } finally {
      await tracker.close();
    }
  }, 300_000);
});

import { ConsumerState, ConsumerStatus } from '@refurb/kafka';
import { disposableTestBroker, ServiceProcess, ServiceSpec } from '@refurb/local-stack';
import { eventually, freePort, TestDatabase } from '@refurb/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTracker } from '../support/in-process-service';

/**
 * A service asked to stop stops, whatever state its broker is in. Every case runs against a broker of
 * its own, which it kills under the running service: the shared test broker is never disturbed.
 */
const STOP_DEADLINE_MS = 10_000;
/** The broker's smallest session timeout: a member that died with the broker is dropped after it. */
const SESSION_TIMEOUT_MS = 6_000;
/**
 * Long enough for the restarted broker to drop the member the dead broker still lists, and longer than
 * any restart back-off these tests reach: a consumer that outlived its close would have rejoined by then.
 */
const ZOMBIE_WINDOW_MS = SESSION_TIMEOUT_MS + 12_000;

describe('a service asked to stop while its broker is down stops', () => {
  const broker = disposableTestBroker();
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    await broker.reset();
    await broker.start();
  }, 180_000);

  afterAll(async () => {
    await broker.reset();
    for (const database of databases) await database.drop();
  }, 60_000);

  beforeEach(async () => {
    await broker.start();
  }, 180_000);

  async function database(label: string): Promise<TestDatabase> {
    const created = await TestDatabase.create(label);
    databases.push(created);
    return created;
  }

  /** Members the group has once the broker is back; a consumer that survived its close would be one. */
  async function membersAfterRestart(groupId: string): Promise<number> {
    await broker.start();
    await sleep(ZOMBIE_WINDOW_MS);
    const admin = new Kafka({
      brokers: [broker.bootstrapServer],
      clientId: 'shutdown-test',
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([groupId]);
      return groups[0]?.members.length ?? 0;
    } finally {
      await admin.disconnect();
    }
  }

  async function timed(action: () => Promise<unknown>): Promise<number> {
    const started = Date.now();
    await action();
    return Date.now() - started;
  }

  it.each<[string, ConsumerStatus]>([
    ['consuming when the broker dies', 'running'],
    ['restarting after the crash the dead broker caused', 'restarting'],
  ])(
    'close() while the consumer is %s returns within seconds and leaves no consumer behind',
    async (_case, statusAtClose) => {
      const tracker = await startTracker(await database('shutdown-close'), {
        KAFKA_BROKERS: broker.bootstrapServer,
        KAFKA_CONSUMER_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      });
      const state = tracker.app.get(ConsumerState);
      await eventually(
        () => Promise.resolve(state.status),
        (status) => status === 'running',
        {
          timeoutMs: 60_000,
          what: 'the consumer joined its group',
        },
      );

      await broker.stop(0);
      await eventually(
        () => Promise.resolve(state.status),
        (status) => status === statusAtClose,
        {
          timeoutMs: 120_000,
          what: `the consumer ${statusAtClose}`,
        },
      );
      const tookMs = await timed(() => tracker.close());
      console.log(`close() with the broker down, consumer ${statusAtClose}: ${tookMs} ms`);

      expect(tookMs).toBeLessThan(STOP_DEADLINE_MS);
      expect(state.status).toBe('closed');
      expect(await membersAfterRestart(tracker.groupId)).toBe(0);
    },
    300_000,
  );

  async function serviceEnv(name: ServiceSpec['name'], port: number): Promise<NodeJS.ProcessEnv> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_BROKERS: broker.bootstrapServer,
      DATABASE_URL: (await database(`shutdown-${name}`)).url,
      [`${name.toUpperCase()}_PORT`]: String(port),
    };
    if (name !== 'gateway') env[`${name.toUpperCase()}_CONSUMER_GROUP`] = `shutdown-${name}-${randomUUID()}`;
    return env;
  }

  it.each<[ServiceSpec['name']]>([['gateway'], ['tracker'], ['issuance']])(
    'the %s process exits within seconds of SIGTERM while its broker is down',
    async (name) => {
      const port = await freePort();
      const service = new ServiceProcess({ name, port }, await serviceEnv(name, port), () => undefined);
      service.start();
      try {
        await service.waitUntilHealthy();
        await broker.stop(0);
        // Long enough for the consumers to crash and the producers to find the broker gone.
        await sleep(5_000);
        const tookMs = await timed(() => service.stop(60_000));
        console.log(`${name}: exited ${tookMs} ms after SIGTERM with the broker down`);

        expect(tookMs).toBeLessThan(STOP_DEADLINE_MS);
      } finally {
        await service.kill();
      }
    },
    300_000,
  );
});

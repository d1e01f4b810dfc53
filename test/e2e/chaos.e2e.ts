import { TOPICS } from '@refurb/contracts';
import { disposableTestBroker, repoRoot } from '@refurb/local-stack';
import { Delivery, Simulation } from '@refurb/simulator';
import { eventually, highWatermarks, readRange, testKafkaBrokers } from '@refurb/testing';
import { KafkaMessage } from 'kafkajs';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ClosedBatches, closedBatches } from '../support/chaos/closed-batches';
import { DatabaseOutage } from '../support/chaos/database-outage';
import { OutboxDeleteStall } from '../support/chaos/outbox-delete-stall';
import { PipelineStack } from '../support/chaos/pipeline-stack';
import { FaultRecovery, formatRecoveryTable, writeReport } from '../support/chaos/recovery-report';
import { BOTH_DOORS, Door, doorOf, sendThroughDoors } from '../support/chaos/two-doors';

/**
 * Chaos, measured. A simulated year goes through both doors (gateway and Kafka) of a pipeline while, in
 * turn, its broker restarts, its database drops every connection for 10 s, the tracker and then
 * issuance are SIGKILLed, and the tracker's outbox relay dies between Kafka's acknowledgement and the
 * delete of what it produced. The batches finance then closes must be those of the same events sent
 * undisturbed, and no cycle may be credited twice. Each fault's recovery time is printed and written to
 * test-artifacts/chaos-report.md; none is asserted (speed is the benchmark's business).
 *
 * Choices:
 * - Reference: the same deliveries, in the same order, through the same doors, into a second pipeline
 *   (its own database and consumer groups) on the shared test broker, undisturbed. Comparing against a
 *   run of the real services, rather than recomputing batches with the domain libraries, keeps every
 *   stage (gateway validation, the tracker, placement, the close) on both sides.
 * - The disturbed pipeline runs on `disposableTestBroker()`, a broker of this test's own that it may
 *   stop; the shared broker is never touched.
 * - PostgreSQL: the test's database is cut off (ALLOW_CONNECTIONS false, every backend terminated) for
 *   10 s rather than the machine-wide cluster restarted, which would break every other test run sharing
 *   it. To the services it looks the same: every connection dies and none can be opened.
 * - The relay's death between produce and delete needs no hook in production code: a statement trigger
 *   on DELETE from tracker.outbox sleeps, and the test SIGKILLs the tracker while a relay sits in it
 *   (see OutboxDeleteStall). The restarted relay produces those rows again; issuance must ignore them.
 * - Each fault has a phase of its own: a fifth of the deliveries, half sent before the fault (so the
 *   fault lands mid-stream: the backlog at that moment is reported), half while it holds through the
 *   doors it leaves open, the rest as soon as it clears (partners holding back, then re-sending).
 * - Recovery time: from the fault's clearing (broker answering, connections allowed, process respawned)
 *   to every service ready, and to the pipeline caught up (the PostgreSQL offsets of both consumers at
 *   the topics' ends, both outboxes empty), polled every 100 ms.
 * - Compared per batch, named by its key: state, close sequence and predecessor, discount, gross,
 *   carry-in, net, credits, carry-out, serial block, and the exact cycles it credits (cycle, fingerprint,
 *   grams). The raw line count is reported but not compared: when a batch of repairs is processed after
 *   the resale of the same device, the tracker credits the cycle, then reverses and credits it again,
 *   which adds two lines without changing the sum (as in pipeline-credits.e2e.ts); the order in which
 *   partitions' batches are processed differs from run to run even without faults. The number of lines
 *   no reversal took back (the cycles credited) is compared instead.
 */
const DEVICES = 1500;
const SEED = 20261207;
const PHASE_TIMEOUT_MS = 180_000;
/** The broker is asked to stop (SIGTERM) and killed if its controlled shutdown takes longer. */
const RESTART_GRACE_MS = 10_000;
/** Short sessions: a SIGKILLed member leaves the group after this, not after the 30 s default. */
const SERVICE_ENV = { KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '10000' };

interface Fault {
  name: string;
  /** Doors partners can still use while the fault holds; deliveries for the others wait until it clears. */
  openDoors: readonly Door[];
  /** Before the phase's first delivery. */
  arm?(): Promise<void>;
  begin(): Promise<void>;
  /** How long the fault lasts at least, from the end of begin(). */
  holdMs: number;
  clear(): Promise<void>;
}

describe('chaos: faults across the pipeline change no closed batch', () => {
  const broker = disposableTestBroker();
  const stacks: PipelineStack[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  mkdirSync(join(repoRoot(), 'test-artifacts'), { recursive: true });
  const serviceLog = createWriteStream(join(repoRoot(), 'test-artifacts', 'chaos-services.log'));
  let deliveries: Delivery[];
  let reference: ClosedBatches;

  async function startStack(label: string, brokers: string[]): Promise<PipelineStack> {
    const stack = await PipelineStack.create({
      label,
      brokers,
      env: SERVICE_ENV,
      output: (line) => void serviceLog.write(line),
    });
    stacks.push(stack);
    await stack.start();
    return stack;
  }

  async function settled(stack: PipelineStack, what: string): Promise<void> {
    // Two readings in a row: the first may see a relay between its produce and its delete.
    for (let readings = 0; readings < 2;) {
      await eventually(() => stack.settled(), Boolean, {
        timeoutMs: PHASE_TIMEOUT_MS,
        intervalMs: 100,
        what,
      });
      readings++;
      await sleep(300);
    }
  }

  /** When the probe first answers true (errors while the fault's effects last count as not yet). */
  async function firstTrue(probe: () => Promise<boolean>, what: string): Promise<number> {
    await eventually(probe, Boolean, { timeoutMs: PHASE_TIMEOUT_MS, intervalMs: 100, what });
    return Date.now();
  }

  async function runPhase(
    stack: PipelineStack,
    fault: Fault,
    phase: readonly Delivery[],
  ): Promise<FaultRecovery> {
    const half = Math.floor(phase.length / 2);
    const held = phase.slice(half);
    const open = (delivery: Delivery) => fault.openDoors.includes(doorOf(delivery));
    await fault.arm?.();
    await sendThroughDoors(stack, phase.slice(0, half));
    const inFlight = await stack.trackerBacklog();
    const began = Date.now();
    await fault.begin();
    await Promise.all([sendThroughDoors(stack, held.filter(open)), sleep(fault.holdMs)]);
    await fault.clear();
    const cleared = Date.now();
    const ready = firstTrue(() => stack.ready(), `every service ready after: ${fault.name}`);
    // Awaited below; until then a timeout must not count as an unhandled rejection.
    ready.catch(() => undefined);
    await sendThroughDoors(
      stack,
      held.filter((delivery) => !open(delivery)),
    );
    const caughtUp = await firstTrue(() => stack.settled(), `the pipeline caught up after: ${fault.name}`);
    return {
      fault: fault.name,
      inFlight,
      heldMs: cleared - began,
      readyAfterMs: (await ready) - cleared,
      caughtUpAfterMs: caughtUp - cleared,
    };
  }

  function faultsOn(stack: PipelineStack): Fault[] {
    const { tracker, issuance } = stack.services;
    const outage = new DatabaseOutage(stack.database);
    const stall = new OutboxDeleteStall(stack.database, 'tracker.outbox');
    cleanups.push(
      () => outage.end(),
      () => stall.release(),
    );
    return [
      {
        name: 'broker restart',
        openDoors: [],
        begin: () => broker.stop(RESTART_GRACE_MS).then(() => undefined),
        holdMs: 3_000,
        clear: () => broker.start().then(() => undefined),
      },
      {
        name: 'database connections dropped 10 s',
        // The gateway looks every API key up in PostgreSQL.
        openDoors: ['kafka'],
        begin: () => outage.begin(),
        holdMs: 10_000,
        clear: () => outage.end(),
      },
      {
        name: 'tracker SIGKILL',
        openDoors: BOTH_DOORS,
        begin: () => tracker.kill(),
        holdMs: 2_000,
        clear: () => Promise.resolve(tracker.start()),
      },
      {
        name: 'issuance SIGKILL',
        openDoors: BOTH_DOORS,
        begin: () => issuance.kill(),
        holdMs: 2_000,
        clear: () => Promise.resolve(issuance.start()),
      },
      {
        name: 'relay killed between produce and delete',
        openDoors: BOTH_DOORS,
        arm: () => stall.arm(),
        async begin() {
          const backend = await stall.stalledBackend();
          await tracker.kill();
          await stall.release(backend);
        },
        holdMs: 2_000,
        clear: () => Promise.resolve(tracker.start()),
      },
    ];
  }

  /**
   * Messages the tracker's relay published more than once since the stack started: credit records by
   * id, dead letters by the message they stand for. A relay killed between produce and delete makes some.
   */
  async function republishedByTracker(stack: PipelineStack): Promise<number> {
    const to = await stack.withAdmin((admin) => highWatermarks(admin, [TOPICS.credited, TOPICS.deadLetter]));
    const credits = await readRange(stack.kafka, TOPICS.credited, stack.startAt, to);
    const deadLetters = await readRange(stack.kafka, TOPICS.deadLetter, stack.startAt, to);
    const header = (message: KafkaMessage, name: string) => message.headers?.[name]?.toString();
    const ids = [
      ...credits.map((message) => (JSON.parse(message.value!.toString()) as { id: string }).id),
      ...deadLetters.map((message) =>
        ['dlq-source-topic', 'dlq-source-partition', 'dlq-source-offset']
          .map((name) => header(message, name))
          .join('/'),
      ),
    ];
    return ids.length - new Set(ids).size;
  }

  beforeAll(async () => {
    deliveries = [...new Simulation({ seed: SEED, devices: DEVICES }).deliveries()];
    const disposableBroker = broker.reset().then(() => broker.start());
    const undisturbed = await startStack('reference', testKafkaBrokers());
    await sendThroughDoors(undisturbed, deliveries);
    await settled(undisturbed, 'the reference run');
    await undisturbed.closeOpenBatches();
    reference = await closedBatches(undisturbed.database);
    await undisturbed.dispose();
    await disposableBroker;
  }, 400_000);

  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error(error));
    await Promise.all(stacks.map((stack) => stack.dispose()));
    await broker.reset();
    await new Promise((done) => serviceLog.end(done));
  }, 120_000);

  it('closes exactly the batches of the undisturbed run, and says how long each fault took to recover from', async () => {
    expect(reference.batches.length).toBeGreaterThanOrEqual(2);
    expect(reference.batches.reduce((sum, batch) => sum + batch.credits, 0)).toBeGreaterThan(0);

    const chaos = await startStack('chaos', [broker.bootstrapServer]);
    const faults = faultsOn(chaos);
    const phaseSize = Math.ceil(deliveries.length / faults.length);
    const recoveries: FaultRecovery[] = [];
    for (const [i, fault] of faults.entries()) {
      recoveries.push(await runPhase(chaos, fault, deliveries.slice(i * phaseSize, (i + 1) * phaseSize)));
    }
    await settled(chaos, 'the disturbed run');
    await chaos.closeOpenBatches();
    const disturbed = await closedBatches(chaos.database);
    const republished = await republishedByTracker(chaos);

    const table = formatRecoveryTable(recoveries);
    const lines = reference.batches.map(
      ({ key }) => `| ${key} | ${reference.rawLineCounts[key]} | ${disturbed.rawLineCounts[key] ?? '-'} |`,
    );
    const report = [
      `# Chaos report`,
      '',
      `${DEVICES} devices (seed ${SEED}), ${deliveries.length} deliveries through both doors.`,
      '',
      table,
      '',
      `Tracker outputs published again by the restarted relay (credits de-duplicated by issuance): ${republished}.`,
      '',
      '| batch | raw lines, undisturbed | raw lines, disturbed |',
      '|---|---|---|',
      ...lines,
      '',
    ].join('\n');
    console.log(`${report}\nWritten to ${writeReport('chaos-report.md', report)}`);

    expect(disturbed.batches).toEqual(reference.batches);
    expect(disturbed.doubleCounted).toEqual([]);
    expect(reference.doubleCounted).toEqual([]);
    expect(disturbed.unplacedLines).toBe(reference.unplacedLines);
    expect(republished).toBeGreaterThan(0);
  }, 900_000);
});

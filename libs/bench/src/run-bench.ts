import 'reflect-metadata';
import { KafkaEnv, loadConfig } from '@refurb/config';
import { INPUT_TOPICS } from '@refurb/contracts';
import { createKafka } from '@refurb/kafka';
import { dropDatabase, ensureDatabaseExists } from '@refurb/database';
import {
  benchBroker,
  builtEntryPoint,
  KAFKA_VERSION,
  pipelineSettled,
  PipelineGroups,
  ProgramSpec,
  repoRoot,
  seedTrackerSources,
  ServiceProcess,
  ServiceSpec,
} from '@refurb/local-stack';
import { Delivery, devicesForDeliveries, ProgressBar, sendToKafka, Simulation } from '@refurb/simulator';
import { Admin, AssignerProtocol } from 'kafkajs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { NAIVE_TRACKER_PORT, parseTrackerInstances, PORTS, trackerInstances } from './bench-ports';
import { BenchReport, formatBenchMarkdown, NaiveBaseline } from './bench-report';
import { query } from './bench-query';
import { cpuBetween, sampleCpu } from './cpu-usage';
import { compareOutcomes } from './naive-comparison';
import { replayThroughNaiveTracker } from './naive-replay';
import { peakResidentMb } from './peak-memory';
import { percentile } from './percentiles';
import { measureRawDrain } from './raw-drain';
import { ReplayTenths, replayTenths } from './replay-tenths';
import { naiveTrackerOutcome, realTrackerOutcome } from './tracker-outcomes';
import { readWalCounters, walBetween } from './wal-usage';

/** The other processes whose CPU the replay is charged with, by command name (everything runs on one host). */
const PROCESS_LABELS: ReadonlyMap<string, string> = new Map([
  ['postgres', 'PostgreSQL'],
  ['java', 'Kafka'],
]);

function* firstDeliveries(simulation: Simulation, count: number): Generator<Delivery> {
  let taken = 0;
  for (const delivery of simulation.deliveries()) {
    if (taken++ >= count) return;
    yield delivery;
  }
}

async function waitSettled(
  databaseUrl: string,
  admin: Admin,
  groups: PipelineGroups,
  label: string,
  total: number,
) {
  const progress = new ProgressBar({ label, total });
  for (let settled = 0; settled < 2;) {
    const [{ done }] = await query<{ done: string | null }>(
      databaseUrl,
      `SELECT sum(next_offset)::text AS done FROM tracker.consumer_offsets WHERE group_id = '${groups.tracker}'`,
    );
    progress.update(Number(done ?? 0));
    settled = (await pipelineSettled(databaseUrl, admin, groups)) ? settled + 1 : 0;
    await sleep(500);
  }
  progress.finish();
}

/**
 * The replay's first and last tenth, timed from the tracker transactions' starts (every event a
 * transaction stores has its `received_at`). Only the transactions at the two ends leave the database:
 * through the one after the first tenth's last event, and from the one before the last tenth's first.
 */
async function measureReplayTenths(databaseUrl: string): Promise<ReplayTenths | undefined> {
  const rows = await query<{ started_ms: number; events: number; before: number; total: number }>(
    databaseUrl,
    `WITH transactions AS (
       SELECT received_at AS started, count(*) AS events FROM tracker.device_events GROUP BY received_at
     ), numbered AS (
       SELECT started, events, row_number() OVER (ORDER BY started) AS n,
              sum(events) OVER (ORDER BY started) - events AS before, sum(events) OVER () AS total
       FROM transactions
     ), ends AS (
       SELECT min(n) FILTER (WHERE before + events >= ceil(total / 10.0)) AS first_tenth_end,
              max(n) FILTER (WHERE before <= ceil(total - total / 10.0)) AS last_tenth_start
       FROM numbered
     )
     SELECT (extract(epoch FROM started) * 1000)::float8 AS started_ms, events::float8 AS events,
            before::float8 AS before, total::float8 AS total
     FROM numbered, ends
     WHERE n <= first_tenth_end + 1 OR n >= last_tenth_start - 1
     ORDER BY started`,
  );
  const transactions = rows.map((row) => ({
    startedMs: row.started_ms,
    events: row.events,
    before: row.before,
  }));
  return replayTenths(transactions, rows[0]?.total ?? 0);
}

/** Input partitions each member of the group holds: shows that every tracker instance took a share. */
async function partitionsPerMember(admin: Admin, groupId: string): Promise<number[]> {
  const { groups } = await admin.describeGroups([groupId]);
  return (groups[0]?.members ?? []).map((member) => {
    const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
    return Object.values(decoded?.assignment ?? {}).reduce((sum, partitions) => sum + partitions.length, 0);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    allowNegative: true,
    options: {
      events: { type: 'string', default: '1000000' },
      'latency-seconds': { type: 'string', default: '30' },
      'latency-rate': { type: 'string', default: '2000' },
      seed: { type: 'string', default: '20261125' },
      keep: { type: 'boolean', default: false },
      // Tracker processes in the one consumer group, to compare 1 with 2 (bench/BASELINE.md).
      'tracker-instances': { type: 'string', default: '1' },
      // Replays the same records through the naive NestJS tracker too (--no-compare-naive skips it).
      'compare-naive': { type: 'boolean', default: true },
      // Writes each service's CPU profile (.cpuprofile, for Chrome DevTools) into this directory.
      profile: { type: 'string' },
    },
  });
  const events = Number(values.events);
  const seed = Number(values.seed);
  const latencyRate = Number(values['latency-rate']);
  const latencySeconds = Number(values['latency-seconds']);
  const trackers = trackerInstances(parseTrackerInstances(values['tracker-instances']));
  const startedAt = new Date().toISOString();
  const log = (line: string) => console.log(`[bench] ${line}`);

  const broker = process.env.KAFKA_BROKERS ? undefined : benchBroker();
  if (broker) {
    await broker.reset();
    await broker.start(log);
  }
  const brokers = process.env.KAFKA_BROKERS ?? broker!.bootstrapServer;
  const server = (process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432').replace(
    /\/$/,
    '',
  );
  const databaseUrl = `${server}/refurb_bench_${Date.now()}`;
  await ensureDatabaseExists(databaseUrl);
  const kafka = createKafka(
    loadConfig(KafkaEnv, { ...process.env, KAFKA_BROKERS: brokers }).kafkaClient('bench'),
  );
  const admin = kafka.admin();
  await admin.connect();
  const services: ServiceProcess<ServiceSpec | ProgramSpec>[] = [];
  try {
    const devices = devicesForDeliveries(events, { seed });
    const simulation = new Simulation({ seed, devices });
    log(
      `Preloading ${events.toLocaleString('en-US')} events (${devices.toLocaleString('en-US')} devices) into Kafka ${brokers}`,
    );
    const preloadBar = new ProgressBar({ label: 'preload', total: events });
    const preload = await sendToKafka(firstDeliveries(simulation, events), {
      kafka,
      batchSize: 2000,
      onProgress: (done) => preloadBar.update(done),
    });
    preloadBar.finish();

    log('Measuring the raw drain rate (kafkajs eachBatch consumer doing nothing)');
    const rawDrain = await measureRawDrain(kafka, INPUT_TOPICS, preload.sent);

    const groups: PipelineGroups = { tracker: 'bench.tracker', issuance: 'bench.issuance' };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KAFKA_BROKERS: brokers,
      DATABASE_URL: databaseUrl,
      GATEWAY_PORT: String(PORTS.gateway),
      TRACKER_PORT: String(PORTS.tracker),
      ISSUANCE_PORT: String(PORTS.issuance),
      TRACKER_CONSUMER_GROUP: groups.tracker,
      ISSUANCE_CONSUMER_GROUP: groups.issuance,
      ISSUANCE_SEED_LOCAL: 'true',
    };
    // The simulator's Kafka-native sources, or the tracker would dead-letter the whole preload.
    await seedTrackerSources(env);
    // One profile per service, named after it (`npm run bench:profile-summary -- DIR` reads them).
    const nodeOptionsOf = (name: string) =>
      values.profile
        ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`, `--cpu-prof-name=${name}.cpuprofile`]
        : [];
    // Issuance first: it must be ready (projects seeded) before credits flow; the gateway only for its memory.
    for (const name of ['issuance', 'gateway'] as const) {
      const spec = { name, port: PORTS[name], nodeOptions: nodeOptionsOf(name) };
      const service = new ServiceProcess(spec, env, () => undefined);
      services.push(service);
      service.start();
      await service.waitUntilHealthy();
    }
    // Every tracker at once, so the group forms (and rebalances) at the start of the replay, not halfway.
    const trackerProcesses = trackers.map(({ name, port }) => {
      const spec: ServiceSpec | ProgramSpec =
        name === 'tracker'
          ? { name, port, nodeOptions: nodeOptionsOf(name) }
          : { name, port, nodeOptions: nodeOptionsOf(name), entryPoint: builtEntryPoint('tracker') };
      return new ServiceProcess(spec, { ...env, TRACKER_PORT: String(port) }, () => undefined);
    });
    const labelOf = (pid: number, command: string) =>
      services.find((service) => service.pid === pid)?.spec.name ??
      (pid === process.pid ? 'bench driver' : PROCESS_LABELS.get(command));
    const walAtStart = await readWalCounters(databaseUrl);
    const cpuAtStart = sampleCpu(labelOf);
    for (const tracker of trackerProcesses) {
      services.push(tracker);
      tracker.start();
    }
    await Promise.all(trackerProcesses.map((tracker) => tracker.waitUntilHealthy()));
    log(`Replaying through ${trackers.length} tracker instance(s) and issuance`);
    await waitSettled(databaseUrl, admin, groups, 'replay', preload.sent);
    const shares = await partitionsPerMember(admin, groups.tracker);
    log(`Tracker group: ${shares.length} member(s) holding ${shares.join(' + ')} input partitions`);
    if (shares.filter((partitions) => partitions > 0).length < trackers.length) {
      log(`WARNING: fewer than the ${trackers.length} tracker instances hold partitions`);
    }
    const replayResources = {
      cpu: cpuBetween(cpuAtStart, sampleCpu(labelOf)),
      wal: walBetween(walAtStart, await readWalCounters(databaseUrl)),
    };
    // Before the latency phase adds its events to the table.
    const tenths = await measureReplayTenths(databaseUrl);
    const [span] = await query<{ first: Date; last: Date; lines: string }>(
      databaseUrl,
      `SELECT (SELECT min(received_at) FROM tracker.device_events) AS first,
              (SELECT max(placed_at) FROM issuance.credit_lines) AS last,
              (SELECT count(*) FROM issuance.credit_lines)::text AS lines`,
    );
    const e2eSeconds = (span.last.getTime() - span.first.getTime()) / 1000;
    const e2eEventsPerSecond = Math.round(preload.sent / e2eSeconds);

    let naive: NaiveBaseline | undefined;
    if (values['compare-naive']) {
      // After the real replay, while the topics hold only the preloaded records; its own group reads them all.
      log('Replaying the same records through the naive NestJS tracker');
      const replay = await replayThroughNaiveTracker({
        env,
        databaseUrl,
        admin,
        port: NAIVE_TRACKER_PORT,
        groupId: 'bench.naive-tracker',
        records: preload.sent,
      });
      const comparison = compareOutcomes(
        await realTrackerOutcome(databaseUrl, admin),
        await naiveTrackerOutcome(databaseUrl),
      );
      naive = { ...replay, ratio: e2eEventsPerSecond / replay.eventsPerSecond, comparison };
      log(
        `Naive tracker: ${replay.eventsPerSecond} events/s (real ÷ naive ${naive.ratio.toFixed(1)}×); results ${comparison.identical ? 'identical' : 'DIFFER'}`,
      );
    }

    const [{ autovacuum }] = await query<{ autovacuum: string }>(
      databaseUrl,
      `SELECT current_setting('autovacuum') AS autovacuum`,
    );
    if (autovacuum !== 'on') {
      // A replay leaves the tables grown and never analysed; PostgreSQL's default autovacuum would have
      // caught up by now. Without it the steady-state phase measures plans made blind (see the report).
      log('autovacuum is off on this server: VACUUM ANALYZE before the latency phase, as autovacuum would');
      await query(databaseUrl, 'VACUUM ANALYZE');
    }
    log(`Latency: ${latencySeconds} s at ${latencyRate} events/s`);
    const sentAt = new Map<string, number>();
    const latencySimulation = new Simulation({
      seed: seed + 1,
      devices: devicesForDeliveries(latencyRate * latencySeconds, { seed: seed + 1 }),
    });
    const phaseStart = new Date();
    const steady = await sendToKafka(firstDeliveries(latencySimulation, latencyRate * latencySeconds), {
      kafka,
      ratePerSecond: latencyRate,
      batchSize: 100,
      onBatch: ({ deliveries, startedAtMs }) => {
        for (const delivery of deliveries)
          if (delivery.kind === 'event') sentAt.set(delivery.event.id, startedAtMs);
      },
    });
    await waitSettled(databaseUrl, admin, groups, 'latency', preload.sent + steady.sent);
    const lines = await query<{ placed: Date; evidence: { evidenceEvents: { eventId: string }[] } }>(
      databaseUrl,
      `SELECT placed_at AS placed, evidence FROM issuance.credit_lines
       WHERE kind = 'credit' AND placed_at >= '${phaseStart.toISOString()}'`,
    );
    // When the tracker's transaction that stored each event began: splits the latency in two.
    const received = await query<{ event_id: string; received_at: Date }>(
      databaseUrl,
      `SELECT event_id, received_at FROM tracker.device_events WHERE received_at >= '${phaseStart.toISOString()}'`,
    );
    const receivedAt = new Map(received.map((row) => [row.event_id, row.received_at.getTime()]));
    const samples = lines.flatMap((line) => {
      const sends = line.evidence.evidenceEvents.map((event) => ({
        eventId: event.eventId,
        sent: sentAt.get(event.eventId),
      }));
      if (sends.some(({ sent }) => sent === undefined)) return [];
      const last = sends.reduce((a, b) => (b.sent! > a.sent! ? b : a));
      const tracked = receivedAt.get(last.eventId);
      return [{ total: line.placed.getTime() - last.sent!, toTracker: tracked! - last.sent! }];
    });
    const latencies = samples.map((sample) => sample.total);
    const toTracker = samples.map((sample) => sample.toTracker).filter(Number.isFinite);

    const peak = Object.fromEntries(
      services.map((service) => [service.spec.name, peakResidentMb(service.pid!)]),
    );
    const [{ version }] = await query<{ version: string }>(databaseUrl, 'SELECT version()');
    const report: BenchReport = {
      startedAt,
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        kafka: KAFKA_VERSION,
        postgres: version.split(' on ')[0],
        autovacuum: autovacuum === 'on',
      },
      trackerInstances: trackers.length,
      events: preload.sent,
      devices,
      preload: { seconds: preload.durationMs / 1000, eventsPerSecond: preload.deliveriesPerSecond },
      rawDrain,
      endToEnd: {
        seconds: e2eSeconds,
        eventsPerSecond: e2eEventsPerSecond,
        creditLines: Number(span.lines),
        ratioToRawDrain: preload.sent / e2eSeconds / rawDrain.messagesPerSecond,
      },
      replayTenths: tenths,
      replayResources,
      latency: {
        targetRate: latencyRate,
        achievedRate: steady.deliveriesPerSecond,
        seconds: steady.durationMs / 1000,
        samples: latencies.length,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        toTrackerP50Ms: percentile(toTracker, 50),
        toTrackerP99Ms: percentile(toTracker, 99),
      },
      peakResidentMb: peak,
      naive,
    };
    const directory = join(repoRoot(), 'bench', 'results');
    mkdirSync(directory, { recursive: true });
    const name = startedAt.replace(/[:.]/g, '-');
    const markdown = formatBenchMarkdown(report);
    writeFileSync(join(directory, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(directory, `${name}.md`), markdown);
    console.log(`\n${markdown}\nReport: bench/results/${name}.{json,md}`);
  } finally {
    await Promise.all(services.map((service) => service.stop()));
    await admin.disconnect();
    if (!values.keep) await dropDatabase(databaseUrl);
    if (broker && !values.keep) await broker.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

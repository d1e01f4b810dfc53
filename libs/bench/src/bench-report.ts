import { CpuUsage } from './cpu-usage';
import { NaiveComparison } from './naive-comparison';
import { DrainMeasurement } from './raw-drain';
import { ReplayTenths } from './replay-tenths';
import { WalCounters } from './wal-usage';

/** Targets of the benchmark issue (13), on the 2-core reference machine. */
const TARGETS = {
  endToEndEventsPerSecond: 10_000,
  /** Where issue 13 goes after 10,000: shown beside the target, not judged. */
  nextEndToEndEventsPerSecond: 20_000,
  /** The last tenth of the replay at no less than this share of the first tenth's rate. */
  lastTenthToFirstTenth: 0.8,
  p99LatencyMs: 250,
  residentMbPerService: 300,
  ratioToNaive: 5,
} as const;

/** The same records replayed through the naive tracker (libs/bench/src/naive), after the real pipeline. */
export interface NaiveBaseline {
  /** From the first record it handled to the last. */
  seconds: number;
  eventsPerSecond: number;
  peakResidentMb: number;
  /** End-to-end events/s of the real pipeline ÷ the naive tracker's. */
  ratio: number;
  comparison: NaiveComparison;
}

export interface BenchReport {
  startedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    kafka: string;
    postgres: string;
    /** Off on some development servers: tables are then never analysed nor vacuumed during the run. */
    autovacuum: boolean;
  };
  /** Tracker processes in the one consumer group (`--tracker-instances`). */
  trackerInstances: number;
  events: number;
  devices: number;
  preload: { seconds: number; eventsPerSecond: number };
  rawDrain: DrainMeasurement;
  /** `ratioToRawDrain` is a detail now: issue 13 dropped it as a target. */
  endToEnd: { seconds: number; eventsPerSecond: number; creditLines: number; ratioToRawDrain: number };
  /** From tracker.device_events' transaction starts; absent when the replay was too short to time both ends. */
  replayTenths?: ReplayTenths;
  /**
   * What the replay cost the machine, from the trackers' start to the last batch line: CPU by process
   * and PostgreSQL's WAL. The inputs of the capacity model in bench/BASELINE.md.
   */
  replayResources?: { cpu: CpuUsage; wal: WalCounters };
  latency: {
    targetRate: number;
    achievedRate: number;
    seconds: number;
    samples: number;
    p50Ms?: number;
    p99Ms?: number;
    /** From the produce of an evidence event to the start of the tracker transaction that stored it. */
    toTrackerP50Ms?: number;
    toTrackerP99Ms?: number;
  };
  peakResidentMb: Record<string, number>;
  /** Absent when the run skipped the comparison (`--no-compare-naive`). */
  naive?: NaiveBaseline;
}

interface Verdict {
  figure: string;
  measured: string;
  target: string;
  met: boolean;
  gap: string;
}

const number = new Intl.NumberFormat('en-US');
const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;

export function verdicts(report: BenchReport): Verdict[] {
  const e2e = report.endToEnd.eventsPerSecond;
  const p99 = report.latency.p99Ms;
  const rows: Verdict[] = [
    {
      figure: 'end-to-end events/s',
      measured: number.format(e2e),
      target: `≥ ${number.format(TARGETS.endToEndEventsPerSecond)} (on the way to ${number.format(TARGETS.nextEndToEndEventsPerSecond)})`,
      met: e2e >= TARGETS.endToEndEventsPerSecond,
      gap: `${percent(e2e / TARGETS.endToEndEventsPerSecond)} of target`,
    },
    tenthsVerdict(report.replayTenths),
    {
      figure: `p99 latency at ${number.format(report.latency.targetRate)} events/s, after the replay`,
      measured: p99 === undefined ? 'no sample' : `${number.format(p99)} ms`,
      target: `< ${TARGETS.p99LatencyMs} ms`,
      met: p99 !== undefined && p99 < TARGETS.p99LatencyMs,
      gap: p99 === undefined ? '-' : `${(p99 / TARGETS.p99LatencyMs).toFixed(1)}× the target`,
    },
  ];
  for (const [service, mb] of Object.entries(report.peakResidentMb)) {
    rows.push({
      figure: `peak resident memory, ${service}`,
      measured: `${number.format(mb)} MB`,
      target: `< ${TARGETS.residentMbPerService} MB`,
      met: mb < TARGETS.residentMbPerService,
      gap: `${percent(mb / TARGETS.residentMbPerService)} of the limit`,
    });
  }
  if (report.naive) rows.push(...naiveVerdicts(report.naive));
  return rows;
}

function tenthsVerdict(tenths: ReplayTenths | undefined): Verdict {
  const figure = 'replay rate, last tenth ÷ first tenth';
  const target = `≥ ${percent(TARGETS.lastTenthToFirstTenth)}`;
  if (!tenths) return { figure, measured: 'not measurable', target, met: false, gap: '-' };
  const rate = (tenth: ReplayTenths['first']) => number.format(Math.round(tenth.eventsPerSecond));
  return {
    figure,
    measured: `${percent(tenths.ratio)} (${rate(tenths.last)} ÷ ${rate(tenths.first)} events/s)`,
    target,
    met: tenths.ratio >= TARGETS.lastTenthToFirstTenth,
    gap: `${percent(tenths.ratio / TARGETS.lastTenthToFirstTenth)} of target`,
  };
}

function naiveVerdicts(naive: NaiveBaseline): Verdict[] {
  const { comparison } = naive;
  return [
    {
      figure: 'end to end ÷ naive NestJS tracker',
      measured: `${naive.ratio.toFixed(1)}×`,
      target: `≥ ${TARGETS.ratioToNaive}×`,
      met: naive.ratio >= TARGETS.ratioToNaive,
      gap: `${percent(naive.ratio / TARGETS.ratioToNaive)} of target`,
    },
    {
      figure: 'results identical to the naive tracker',
      measured: comparison.identical
        ? 'identical'
        : `${number.format(comparison.differingCycles)} cycles differ`,
      target: 'identical',
      met: comparison.identical,
      gap: comparison.identical ? '-' : `e.g. ${comparison.differingExamples.join(', ') || 'event counts'}`,
    },
  ];
}

/** The naive baseline's details and its results beside the real tracker's, per project and vintage. */
function naiveMarkdown(report: BenchReport): string[] {
  const naive = report.naive;
  if (!naive) return [];
  const { events, refused, byProjectVintage } = naive.comparison;
  const pair = (real: number, other: number) => `${number.format(real)} / ${number.format(other)}`;
  return [
    '',
    `Naive baseline: the stock \`@nestjs/microservices\` Kafka transport, one \`@EventPattern\` call and one TypeORM transaction per message, the same validation and derivation; ${number.format(report.events)} records in ${naive.seconds.toFixed(1)} s = ${number.format(naive.eventsPerSecond)} events/s, peak resident memory ${number.format(naive.peakResidentMb)} MB. Real / naive: events stored ${pair(events.real, events.naive)}, refused ${pair(refused.real, refused.naive)}.`,
    '',
    '| project | vintage | credited cycles, real / naive | avoided g, real / naive | match |',
    '|---|---|---|---|---|',
    ...byProjectVintage.map(
      (row) =>
        `| ${row.projectId ?? '(unknown workshop)'} | ${row.vintage} | ${pair(row.real.cycles, row.naive.cycles)} | ${pair(row.real.avoidedG, row.naive.avoidedG)} | ${row.match ? 'yes' : '**no**'} |`,
    ),
  ];
}

function trackers(instances: number): string {
  return instances === 1 ? 'one tracker' : `${instances} tracker instances in one consumer group`;
}

function tenthsDetail(tenths: ReplayTenths | undefined): string[] {
  if (!tenths) return [];
  const tenth = ({ events, seconds }: ReplayTenths['first']) =>
    `${number.format(events)} events in ${seconds.toFixed(1)} s`;
  return [
    `| replay by tenths (tracker transactions' starts) | first ${tenth(tenths.first)}, last ${tenth(tenths.last)} |`,
  ];
}

/** CPU per 1,000 events by process, and the WAL per event, over the replay. */
function resourcesDetail(report: BenchReport): string[] {
  const resources = report.replayResources;
  if (!resources) return [];
  const { cpu, wal } = resources;
  const perThousand = (seconds: number) => ((seconds * 1000) / report.events).toFixed(3);
  const byProcess = Object.entries(cpu.secondsBy)
    .sort(([, a], [, b]) => b - a)
    .map(([label, seconds]) => `${label} ${perThousand(seconds)} s`)
    .join(', ');
  const mb = (bytes: number) => number.format(Math.round(bytes / 2 ** 20));
  return [
    `| CPU during the replay | ${cpu.busyCores.toFixed(2)} of ${report.machine.cpus} cores busy on average, ${cpu.iowaitCores.toFixed(2)} idle waiting on the disk, over ${cpu.wallSeconds.toFixed(1)} s |`,
    `| CPU seconds per 1,000 events, by process | ${byProcess} |`,
    `| PostgreSQL WAL during the replay | ${mb(wal.bytes)} MB, ${number.format(Math.round(wal.bytes / report.events))} bytes per event; ${number.format(wal.fullPageImages)} full-page images (${number.format(wal.fullPageImages / report.events)} per event); checkpoints: ${wal.checkpointsRequested} forced by max_wal_size, ${wal.checkpointsTimed} timed |`,
  ];
}

export function formatBenchMarkdown(report: BenchReport): string {
  const { machine } = report;
  return [
    `# Refurb Ledger benchmark — ${report.startedAt}`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GiB, Node ${machine.node}, Kafka ${machine.kafka}, ${machine.postgres} (autovacuum ${machine.autovacuum ? 'on' : 'off'}); broker, database and services on the same host.`,
    '',
    `Replay of ${number.format(report.events)} lifecycle events (${number.format(report.devices)} simulated devices) already in Kafka, through ${trackers(report.trackerInstances)} and issuance.`,
    '',
    '| figure | measured | target | met | |',
    '|---|---|---|---|---|',
    ...verdicts(report).map(
      (v) => `| ${v.figure} | ${v.measured} | ${v.target} | ${v.met ? 'yes' : '**no**'} | ${v.gap} |`,
    ),
    '',
    '| detail | value |',
    '|---|---|',
    `| preload into Kafka (simulator, idempotent producer) | ${report.preload.seconds.toFixed(1)} s, ${number.format(report.preload.eventsPerSecond)} events/s |`,
    `| raw drain (kafkajs eachBatch, no work) | ${number.format(report.rawDrain.messages)} messages in ${report.rawDrain.seconds.toFixed(1)} s = ${number.format(report.rawDrain.messagesPerSecond)}/s |`,
    `| end to end (first event consumed → last batch line written) | ${report.endToEnd.seconds.toFixed(1)} s, ${number.format(report.endToEnd.creditLines)} batch lines |`,
    `| share of the raw drain rate (end to end ÷ raw drain; no longer a target) | ${percent(report.endToEnd.ratioToRawDrain)} |`,
    ...tenthsDetail(report.replayTenths),
    ...resourcesDetail(report),
    `| latency phase | ${number.format(report.latency.samples)} credit lines, ${report.latency.seconds.toFixed(0)} s at ${number.format(report.latency.achievedRate)} events/s (target ${number.format(report.latency.targetRate)}); p50 ${report.latency.p50Ms ?? '-'} ms |`,
    `| latency, produce → tracker transaction | p50 ${report.latency.toTrackerP50Ms ?? '-'} ms, p99 ${report.latency.toTrackerP99Ms ?? '-'} ms |`,
    ...naiveMarkdown(report),
    '',
  ].join('\n');
}

import { BenchReport, formatBenchMarkdown, NaiveBaseline, verdicts } from './bench-report';

const report: BenchReport = {
  startedAt: '2026-11-25T18:00:00.000Z',
  machine: {
    cpus: 2,
    cpuModel: 'Test CPU',
    memoryGb: 24,
    node: 'v20',
    kafka: '3.9.1',
    postgres: 'PostgreSQL 15',
    autovacuum: true,
  },
  trackerInstances: 1,
  events: 200_000,
  devices: 48_000,
  preload: { seconds: 20, eventsPerSecond: 10_000 },
  rawDrain: { messages: 200_000, seconds: 4, messagesPerSecond: 50_000 },
  endToEnd: { seconds: 40, eventsPerSecond: 5_000, creditLines: 30_000, ratioToRawDrain: 0.1 },
  replayTenths: {
    first: { events: 20_000, seconds: 3.2, eventsPerSecond: 6_250 },
    last: { events: 20_500, seconds: 4.1, eventsPerSecond: 5_000 },
    ratio: 0.8,
  },
  latency: {
    targetRate: 2000,
    achievedRate: 1990,
    seconds: 30,
    samples: 9000,
    p50Ms: 120,
    p99Ms: 500,
    toTrackerP50Ms: 60,
    toTrackerP99Ms: 200,
  },
  peakResidentMb: { tracker: 250, issuance: 310 },
};

const naive: NaiveBaseline = {
  seconds: 400,
  eventsPerSecond: 500,
  peakResidentMb: 120,
  ratio: 10,
  comparison: {
    events: { real: 190_000, naive: 190_000 },
    refused: { real: 2_000, naive: 2_000 },
    byProjectVintage: [
      {
        projectId: 'FR-01',
        vintage: 2025,
        real: { cycles: 30_000, avoidedG: 1_400_000_000 },
        naive: { cycles: 30_000, avoidedG: 1_400_000_000 },
        match: true,
      },
    ],
    differingCycles: 0,
    differingExamples: [],
    identical: true,
  },
};

describe('bench report', () => {
  it('says which targets are missed and by how much', () => {
    const rows = verdicts(report);
    expect(rows.map((row) => [row.figure, row.met, row.gap])).toEqual([
      ['end-to-end events/s', false, '50.0 % of target'],
      ['replay rate, last tenth ÷ first tenth', true, '100.0 % of target'],
      ['p99 latency at 2,000 events/s, after the replay', false, '2.0× the target'],
      ['peak resident memory, tracker', true, '83.3 % of the limit'],
      ['peak resident memory, issuance', false, '103.3 % of the limit'],
    ]);
  });

  it('judges the replay tenths against 80 %, and says when they could not be timed', () => {
    const slower = { ...report.replayTenths!, ratio: 0.6 };
    expect(verdicts({ ...report, replayTenths: slower })[1]).toMatchObject({
      met: false,
      gap: '75.0 % of target',
    });
    expect(verdicts({ ...report, replayTenths: undefined })[1]).toEqual({
      figure: 'replay rate, last tenth ÷ first tenth',
      measured: 'not measurable',
      target: '≥ 80.0 %',
      met: false,
      gap: '-',
    });
  });

  it('labels each tracker instance and says how many ran', () => {
    const two = {
      ...report,
      trackerInstances: 2,
      peakResidentMb: { tracker: 250, 'tracker-2': 240, issuance: 310 },
    };
    expect(verdicts(two).map((row) => row.figure)).toContain('peak resident memory, tracker-2');
    const markdown = formatBenchMarkdown(two);
    expect(markdown).toContain('through 2 tracker instances in one consumer group and issuance.');
    expect(markdown).toContain('| peak resident memory, tracker-2 | 240 MB | < 300 MB | yes |');
    expect(formatBenchMarkdown(report)).toContain('through one tracker and issuance.');
  });

  it('renders every figure in Markdown', () => {
    const markdown = formatBenchMarkdown(report);
    expect(markdown).toContain(
      '| end-to-end events/s | 5,000 | ≥ 10,000 (on the way to 20,000) | **no** | 50.0 % of target |',
    );
    expect(markdown).toContain(
      '| replay rate, last tenth ÷ first tenth | 80.0 % (5,000 ÷ 6,250 events/s) | ≥ 80.0 % | yes | 100.0 % of target |',
    );
    expect(markdown).toContain(
      "| replay by tenths (tracker transactions' starts) | first 20,000 events in 3.2 s, last 20,500 events in 4.1 s |",
    );
    expect(markdown).toContain(
      '| share of the raw drain rate (end to end ÷ raw drain; no longer a target) | 10.0 % |',
    );
    expect(markdown).not.toContain('≥ 50.0 %');
    expect(markdown).toContain('50,000/s');
    expect(markdown).toContain('p50 120 ms');
    expect(markdown).toContain('| latency, produce → tracker transaction | p50 60 ms, p99 200 ms |');
    expect(markdown).toContain('(autovacuum on)');
    expect(markdown).toContain('| peak resident memory, tracker | 250 MB | < 300 MB | yes |');
  });

  it("shows the replay's CPU per 1,000 events by process, busiest first, and its WAL per event", () => {
    const markdown = formatBenchMarkdown({
      ...report,
      replayResources: {
        cpu: {
          wallSeconds: 40,
          busyCores: 1.9,
          iowaitCores: 0.05,
          secondsBy: { tracker: 30, PostgreSQL: 36, issuance: 6, other: 2 },
        },
        wal: {
          bytes: 1_200 * 2 ** 20,
          fullPageImages: 100_000,
          checkpointsRequested: 3,
          checkpointsTimed: 1,
        },
      },
    });

    expect(markdown).toContain(
      '| CPU during the replay | 1.90 of 2 cores busy on average, 0.05 idle waiting on the disk, over 40.0 s |',
    );
    expect(markdown).toContain(
      '| CPU seconds per 1,000 events, by process | PostgreSQL 0.180 s, tracker 0.150 s, issuance 0.030 s, other 0.010 s |',
    );
    expect(markdown).toContain(
      '| PostgreSQL WAL during the replay | 1,200 MB, 6,291 bytes per event; 100,000 full-page images (0.5 per event); checkpoints: 3 forced by max_wal_size, 1 timed |',
    );
    expect(formatBenchMarkdown(report)).not.toContain('CPU during the replay');
  });

  it('compares with the naive tracker when the run did', () => {
    const rows = verdicts({ ...report, naive });
    expect(rows.slice(5, 7).map((row) => [row.figure, row.measured, row.met, row.gap])).toEqual([
      ['end to end ÷ naive NestJS tracker', '10.0×', true, '200.0 % of target'],
      ['results identical to the naive tracker', 'identical', true, '-'],
    ]);

    const markdown = formatBenchMarkdown({ ...report, naive });
    expect(markdown).toContain(
      '| end to end ÷ naive NestJS tracker | 10.0× | ≥ 5× | yes | 200.0 % of target |',
    );
    expect(markdown).toContain('200,000 records in 400.0 s = 500 events/s, peak resident memory 120 MB');
    expect(markdown).toContain('events stored 190,000 / 190,000, refused 2,000 / 2,000');
    expect(markdown).toContain('| FR-01 | 2025 | 30,000 / 30,000 | 1,400,000,000 / 1,400,000,000 | yes |');
  });

  it('says which cycles differ when the results are not identical', () => {
    const differing: NaiveBaseline = {
      ...naive,
      ratio: 3,
      comparison: {
        ...naive.comparison,
        differingCycles: 2,
        differingExamples: ['a/1', 'b/2'],
        identical: false,
      },
    };
    const rows = verdicts({ ...report, naive: differing });
    expect(rows.slice(5, 7).map((row) => [row.measured, row.met, row.gap])).toEqual([
      ['3.0×', false, '60.0 % of target'],
      ['2 cycles differ', false, 'e.g. a/1, b/2'],
    ]);
    expect(formatBenchMarkdown(report)).not.toContain('Naive baseline');
  });
});

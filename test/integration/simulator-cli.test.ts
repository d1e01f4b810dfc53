import { INPUT_TOPICS } from '@refurb/contracts';
import { Simulation, SimulationSummary } from '@refurb/simulator';
import { highWatermarks, KafkaTestClient, provisionAllTopics, testKafkaBrokers } from '@refurb/testing';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const CLI = 'libs/simulator/src/cli/simulate.cli.ts';

/** `npm run simulate` without the build: the same entry point, compiled on the fly. */
function simulate(args: string[]) {
  return run(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', CLI, ...args],
    {
      cwd: ROOT,
      env: { ...process.env, KAFKA_BROKERS: testKafkaBrokers().join(',') },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}

interface CliOutput {
  summary: SimulationSummary;
  delivery: { via: string; sent: number } | null;
}

describe('npm run simulate', () => {
  const kafka = new KafkaTestClient();

  beforeAll(() => provisionAllTopics(kafka.kafka));
  afterAll(() => kafka.close());

  it('prints the summary of the simulation the flags describe', async () => {
    const { stdout } = await simulate([
      '--devices',
      '40',
      '--seed',
      '9',
      '--late',
      '0.2',
      '--until',
      '2025-11-01T00:00:00Z',
    ]);
    const output = JSON.parse(stdout) as CliOutput;
    const expected = new Simulation({
      seed: 9,
      devices: 40,
      until: '2025-11-01T00:00:00Z',
      rates: { late: 0.2 },
    });
    expect(output).toEqual({ summary: expected.summary(), delivery: null });
  });

  it('sends to Kafka with --via kafka, with progress on stderr and the JSON summary alone on stdout', async () => {
    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      const before = await highWatermarks(admin, INPUT_TOPICS);
      const { stdout, stderr } = await simulate(['--devices', '60', '--seed', '10', '--via', 'kafka']);
      const after = await highWatermarks(admin, INPUT_TOPICS);
      const output = JSON.parse(stdout) as CliOutput;
      expect(output.delivery).toMatchObject({ via: 'kafka', sent: output.summary.deliveries });
      const written = after.reduce(
        (sum, p, i) => sum + Number(BigInt(p.offset) - BigInt(before[i].offset)),
        0,
      );
      expect(written).toBe(output.summary.deliveries);
      // Not a terminal: plain progress lines, the last one complete.
      expect(stderr).toMatch(
        new RegExp(`simulate via kafka ${output.summary.deliveries}/${output.summary.deliveries} 100\\.0%`),
      );
      expect(stderr).not.toContain('\r');
    } finally {
      await admin.disconnect();
    }
  });

  it('exits 2 with the usage on a bad command line', async () => {
    const failure = await simulate(['--via', 'gateway']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(
      /needs an API key for the collection role[\s\S]*Usage:/,
    );
  });
});

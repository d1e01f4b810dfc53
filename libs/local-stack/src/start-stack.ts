import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatDemoReport } from './demo/demo-report';
import { runDemo } from './demo/run-demo';
import { LocalStack } from './local-stack';
import { createTrackerKey } from './operator-cli';
import { repoRoot } from './repo-root';

const DEFAULT_DEMO_DEVICES = 3000;

/**
 * `npm start` (with `--demo`) and `npm run serve`: the pipeline on local defaults, serving until
 * Ctrl-C. Any service that dies takes the stack down with a non-zero exit, rather than leaving a
 * half-running pipeline behind. The terminal shows the stack's progress and the demo; each service logs
 * to `logs/<service>.log` (REFURB_LOG_DIR), and to the terminal too with `--logs` or LOG_TO_CONSOLE=1.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      demo: { type: 'boolean', default: false },
      devices: { type: 'string', default: String(DEFAULT_DEMO_DEVICES) },
      seed: { type: 'string' },
      logs: { type: 'boolean', default: false },
    },
  });
  const stack = new LocalStack({
    logDir: process.env.REFURB_LOG_DIR || join(repoRoot(), 'logs'),
    logsToConsole: values.logs || process.env.LOG_TO_CONSOLE === '1',
  });
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the local stack...');
    await stack.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    await stack.start();
  } catch (error) {
    console.error(`Could not start the local stack: ${(error as Error).message}`);
    await shutdown(1);
    return;
  }
  for (const service of stack.services) {
    void service.whenExited().then((code) => {
      if (stopping) return;
      console.error(`${service.spec.name} exited unexpectedly (code ${code}):\n${service.outputTail()}`);
      void shutdown(1);
    });
  }

  let financeKey: string | undefined;
  let verifierKey: string | undefined;
  let operatorKey: string | undefined;
  let workshopKey: string | undefined;
  if (values.demo) {
    // A new seed each run, printed so a run can be reproduced: the same seed would only replay duplicates.
    const seed = values.seed === undefined ? Date.now() % 1_000_000_000 : Number(values.seed);
    try {
      const result = await runDemo({
        env: stack.environment,
        gatewayUrl: stack.service('gateway').url,
        issuanceUrl: stack.service('issuance').url,
        devices: Number(values.devices),
        seed,
        log: (line) => console.log(line),
      });
      financeKey = result.financeKey;
      verifierKey = result.verifierKey;
      operatorKey = await createTrackerKey(stack.environment, 'operator', 'demo');
      workshopKey = result.workshopKey;
      console.log(formatDemoReport(result.report));
    } catch (error) {
      console.error(`The demo failed: ${(error as Error).message}`);
      await shutdown(1);
      return;
    }
  }

  const url = (name: 'gateway' | 'tracker' | 'issuance') => stack.service(name).url;
  console.log(
    [
      '',
      'Refurb Ledger is running:',
      `  gateway   ${url('gateway')}/docs            partners: POST /v1/events (keys: npm run gateway:partners -- seed-local)`,
      `  station   ${url('gateway')}/station          workshop key: ${workshopKey ?? '(npm run gateway:partners -- seed-local, partner bench-lyon)'}`,
      `  tracker   ${url('tracker')}/v1/conflicts    and /v1/devices/{deviceId}, operator key: ${operatorKey ?? '(npm run tracker:keys -- create --role operator)'}`,
      `  issuance  ${url('issuance')}/v1/batches     finance key: ${financeKey ?? '(npm run issuance -- key-create --role finance)'}`,
      `  console   ${url('issuance')}/console         finance key: ${financeKey ?? '(npm run issuance -- key-create --role finance)'}  verifier key: ${verifierKey ?? '(npm run issuance -- key-create --role verifier)'}`,
      `  health    ${stack.services.map((s) => `${s.url}/health`).join('  ')}`,
      `  kafka     ${stack.environment.KAFKA_BROKERS}`,
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

void main();

import { LocalStack } from './local-stack';

/**
 * `npm start`: the pipeline on local defaults, serving until Ctrl-C. Any service that dies takes the
 * stack down with a non-zero exit, rather than leaving a half-running pipeline behind.
 */
async function main(): Promise<void> {
  const stack = new LocalStack();
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
      console.error(`${service.spec.name} exited unexpectedly (code ${code}).`);
      void shutdown(1);
    });
  }
  console.log(
    [
      '',
      'Refurb Ledger is running:',
      ...stack.services.map((s) => `  ${s.spec.name.padEnd(9)} ${s.url}   (health: ${s.url}/health)`),
      `  kafka     ${process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'}`,
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

void main();

import { localStackBroker } from './local-brokers';

/** `npm run kafka -- start|stop|reset`: the local broker on its own, for people who run services by hand. */
async function main(command: string | undefined): Promise<void> {
  const broker = localStackBroker();
  switch (command) {
    case 'start':
      console.log(`Kafka ${broker.bootstrapServer}: ${await broker.start((line) => console.log(line))}`);
      return;
    case 'stop':
      console.log(
        (await broker.stop()) ? 'Kafka stopped' : "Kafka was not running from this machine's local data",
      );
      return;
    case 'reset':
      await broker.reset();
      console.log('Kafka stopped and its local data deleted');
      return;
    default:
      console.error('usage: npm run kafka -- start|stop|reset');
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});

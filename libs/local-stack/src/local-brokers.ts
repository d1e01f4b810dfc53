import { join } from 'node:path';
import { cacheDir } from './cache-dir';
import { LocalKafkaBroker } from './local-kafka-broker';

/** The broker `npm start` runs when KAFKA_BROKERS is not set; its data survives restarts. */
export function localStackBroker(): LocalKafkaBroker {
  return new LocalKafkaBroker({
    port: 9092,
    controllerPort: 9093,
    dataDir: join(cacheDir(), 'kafka-data', 'local-9092'),
  });
}

/**
 * The broker the test suites run when KAFKA_BROKERS is not set: its own ports and data, so tests
 * never touch a running local stack, and wiped at every start so every run begins from empty topics.
 */
export function testBroker(): LocalKafkaBroker {
  return new LocalKafkaBroker({
    port: 39092,
    controllerPort: 39093,
    dataDir: join(cacheDir(), 'kafka-data', 'test-39092'),
    heapMb: 512,
  });
}

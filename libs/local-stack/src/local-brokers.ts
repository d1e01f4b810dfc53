import { join } from 'node:path';
import { cacheDir } from '@refurb/config';
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
export function testBroker(env: NodeJS.ProcessEnv = process.env): LocalKafkaBroker {
  const port = testBrokerPort(env);
  return new LocalKafkaBroker({
    port,
    controllerPort: port + 1,
    dataDir: join(cacheDir(), 'kafka-data', `test-${port}`),
    heapMb: 512,
  });
}

/**
 * A second test broker, for tests that stop it, kill it or leave it down without disturbing the shared
 * one (ten ports above it). Wiped by `reset()`; the test owns its whole life.
 */
export function disposableTestBroker(env: NodeJS.ProcessEnv = process.env): LocalKafkaBroker {
  const port = testBrokerPort(env) + 10;
  return new LocalKafkaBroker({
    port,
    controllerPort: port + 1,
    dataDir: join(cacheDir(), 'kafka-data', `disposable-${port}`),
    heapMb: 256,
  });
}

/** Below the ephemeral port range, with room above it for the disposable (+10) and secured (+20) brokers. */
const DEFAULT_TEST_KAFKA_PORT = 27092;

export function testBrokerPort(env: NodeJS.ProcessEnv = process.env): number {
  // TEST_KAFKA_PORT lets several test runs share a machine, each with brokers of its own. The default
  // sits below Linux's ephemeral range (32768-60999): a port in it can be taken at any moment by one of
  // the thousands of outgoing connections a test run opens, and a broker restarted there fails to bind.
  const port = Number(env.TEST_KAFKA_PORT ?? DEFAULT_TEST_KAFKA_PORT);
  if (!Number.isInteger(port) || port < 1024 || port > 65524) {
    throw new Error(`TEST_KAFKA_PORT must be a port between 1024 and 65524, got ${env.TEST_KAFKA_PORT}`);
  }
  return port;
}

/** The benchmark's own broker: fresh at every run, so the replay reads exactly what the run produced. */
export function benchBroker(): LocalKafkaBroker {
  return new LocalKafkaBroker({
    port: 19092,
    controllerPort: 19093,
    dataDir: join(cacheDir(), 'kafka-data', 'bench-19092'),
    heapMb: 1024,
  });
}

// Global set-up runs outside jest's module registry, so the path aliases are registered by hand.
import 'tsconfig-paths/register';
import { ensureLocalSigningKeys, testBroker } from '@refurb/local-stack';
import { ensurePostgresReachable } from '@refurb/testing';
import { ensureChromium } from './ensure-chromium';
import { ensureKcat } from './ensure-kcat';

/**
 * Runs once before the integration or e2e tier: a real PostgreSQL must answer, kcat must be installed
 * (partners' librdkafka producer) and so must chromium (the scan station's browser tests), the local signing keys exist, and a real Kafka broker is started (fresh, on its own port) unless
 * KAFKA_BROKERS points at one already.
 */
export default async function globalSetup(): Promise<void> {
  await ensurePostgresReachable();
  ensureKcat((line) => console.log(`\n[test-setup] ${line}`));
  ensureChromium((line) => console.log(`\n[test-setup] ${line}`));
  // The services sign what they publish; their key-file defaults point at the local pairs.
  ensureLocalSigningKeys();
  if (process.env.KAFKA_BROKERS) return;
  const broker = testBroker();
  await broker.reset();
  await broker.start((line) => console.log(`\n[test-setup] ${line}`));
  process.env.KAFKA_BROKERS = broker.bootstrapServer;
  process.env.REFURB_TEST_BROKER_STARTED = '1';
}

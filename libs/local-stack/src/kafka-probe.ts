import { KafkaClientSecurity } from '@refurb/config';
import { Kafka, logLevel } from 'kafkajs';

/**
 * True when a Kafka broker answers a metadata request at this address; a secured broker, only to a client
 * with the right TLS trust and credentials.
 */
export async function isKafkaAnswering(
  bootstrapServer: string,
  timeoutMs = 3000,
  security: KafkaClientSecurity = {},
): Promise<boolean> {
  const admin = new Kafka({
    ...security,
    brokers: [bootstrapServer],
    clientId: 'refurb-ledger-probe',
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
    return true;
  } catch {
    // Any failure means "not (yet) a usable broker"; callers poll or start one.
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

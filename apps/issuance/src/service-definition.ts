import { TOPICS } from '@refurb/contracts';
import { loggingFrom, ServiceDefinition } from '@refurb/runtime';
import { IssuanceEnv } from './issuance.env';
import { IssuanceModule } from './issuance.module';
import { ISSUANCE_OUTBOX_TABLE } from './issuance.providers';
import { setupIssuanceOpenApi } from './http/issuance-openapi';

/**
 * The issuance service as main.ts starts it: HTTP API plus the batch consumer of devices.credited.v1,
 * whose offsets commit with the lines in PostgreSQL (effectively once, like the tracker). Integration
 * tests start this same definition in-process.
 */
export function issuanceService(env: IssuanceEnv): ServiceDefinition {
  return {
    name: 'issuance',
    module: IssuanceModule.forRoot(env),
    port: env.ISSUANCE_PORT,
    host: env.HOST,
    logging: loggingFrom(env),
    configure: setupIssuanceOpenApi,
    routes: ['GET /docs'],
    consumer: {
      groupId: env.ISSUANCE_CONSUMER_GROUP,
      offsetsTable: 'issuance.consumer_offsets',
      concurrentTransactions: env.ISSUANCE_CONCURRENT_TRANSACTIONS,
      sessionTimeoutMs: env.KAFKA_CONSUMER_SESSION_TIMEOUT_MS,
      deadLetters: {
        topic: TOPICS.deadLetter,
        outboxTable: ISSUANCE_OUTBOX_TABLE,
        processingFailedCode: 'ISSUANCE.PROCESSING_FAILED',
      },
    },
  };
}

import { TOPICS } from '@refurb/contracts';
import { loggingFrom, ServiceDefinition } from '@refurb/runtime';
import { TrackerEnv } from './tracker.env';
import { TrackerModule } from './tracker.module';
import { setupTrackerOpenApi } from './tracker-openapi';

/**
 * The tracker as main.ts starts it: device API plus the batch consumer of the four input topics, whose
 * offsets commit with the cycles in PostgreSQL. Tests start this same definition in-process.
 */
export function trackerService(env: TrackerEnv): ServiceDefinition {
  return {
    name: 'tracker',
    module: TrackerModule.forRoot(env),
    port: env.TRACKER_PORT,
    host: env.HOST,
    logging: loggingFrom(env),
    configure: setupTrackerOpenApi,
    routes: ['GET /docs'],
    consumer: {
      groupId: env.TRACKER_CONSUMER_GROUP,
      offsetsTable: 'tracker.consumer_offsets',
      concurrentTransactions: env.TRACKER_CONCURRENT_TRANSACTIONS,
      sessionTimeoutMs: env.KAFKA_CONSUMER_SESSION_TIMEOUT_MS,
      deadLetters: {
        topic: TOPICS.deadLetter,
        outboxTable: 'tracker.outbox',
        processingFailedCode: 'TRACKER.PROCESSING_FAILED',
      },
    },
  };
}

import 'reflect-metadata';
import { loadConfig } from '@refurb/config';
import { bootstrapService, runService } from '@refurb/runtime';
import { TrackerEnv } from './tracker.env';
import { TrackerModule } from './tracker.module';

runService(async () => {
  const env = loadConfig(TrackerEnv);
  await bootstrapService({
    name: 'tracker',
    module: TrackerModule.forRoot(env),
    port: env.TRACKER_PORT,
    consumer: {
      groupId: env.TRACKER_CONSUMER_GROUP,
      offsetsTable: 'tracker.consumer_offsets',
      partitionsConsumedConcurrently: env.TRACKER_CONCURRENT_PARTITIONS,
      sessionTimeoutMs: env.KAFKA_CONSUMER_SESSION_TIMEOUT_MS,
    },
  });
});
